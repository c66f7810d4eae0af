using Npgsql;

namespace Ledger.Api.Endpoints;

/// <summary>
/// Finds the anchor that covers a leaf: the smallest confirmed anchored checkpoint whose tree contains it
/// (<c>ledger.anchors</c>, written by the anchorer). A leaf not covered yet is <c>pending</c>.
/// </summary>
public sealed class VerificationAnchors(NpgsqlDataSource dataSource)
{
    private readonly NpgsqlDataSource _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    public async Task<VerifiedAnchor> ForLeafAsync(long leafIndex, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            select chain_id, contract, tx_hash, block_number, tree_size, root_hash
            from ledger.anchors
            where status = 'confirmed' and tree_size > @leaf
            order by tree_size
            limit 1
            """);
        command.Parameters.AddWithValue("leaf", leafIndex);
        NpgsqlDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // A database that has never had an anchorer: nothing is anchored yet.
            return new VerifiedAnchor("pending", null, null, null, null, null, null);
        }

        await using var _ = reader;
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new VerifiedAnchor("pending", null, null, null, null, null, null);
        }

        return new VerifiedAnchor(
            "anchored",
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetInt64(3),
            reader.GetInt64(4),
            Convert.ToBase64String(reader.GetFieldValue<byte[]>(5)));
    }
}
