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
        return builder.Build();
    }
}
