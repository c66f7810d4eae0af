using Npgsql;

namespace Ledger.Projections.Storage;

/// <summary>Creates the PostgreSQL data source shared by Marten and the ledger's own tables.</summary>
public static class LedgerDataSource
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "caseledger";

        // Pooled connections are not reset (DISCARD ALL) when returned: that reset also drops the server's cached
        // plans, including those of the append statements (Marten's function and the ledger entry insert), which then were
        // planned again on every append. The ledger keeps no session state on pooled connections: advisory locks are
        // released explicitly, and the leader locks hold their own connection. A connection string may still ask
        // for the reset with "No Reset On Close=false".
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        // Statements run again and again (the appends, the sequencer's, the read API's) are prepared on the server
        // after their second use, so they are parsed and planned once per connection.
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        return builder.Build();
    }
}
