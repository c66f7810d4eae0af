using Ledger.Anchoring.Contracts;
using Npgsql;

namespace Ledger.Anchoring;

/// <summary>Where an anchor transaction stands.</summary>
public enum AnchorState
{
    /// <summary>Signed and recorded; maybe broadcast, maybe mined, not yet confirmed by K blocks.</summary>
    Pending,

    /// <summary>Mined and followed by K confirmations: receipts may cite it.</summary>
    Confirmed,

    /// <summary>Given up: reverted, refused, or superseded; a later anchor covers its leaves.</summary>
    Failed,
}

/// <summary>One anchor transaction of a checkpoint, as recorded in <c>ledger.anchors</c>.</summary>
public sealed record AnchorRecord(
    long Id,
    long ChainId,
    string Contract,
    long TreeSize,
    byte[] RootHash,
    AnchorState Status,
    string TxHash,
    string RawTransaction,
    string Sender,
    long Nonce,
    DateTimeOffset? SentAt,
    long? BlockNumber,
    string? BlockHash,
    long? GasUsed,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ConfirmedAt);

/// <summary>
/// The anchors table (<c>ledger.anchors</c>, created by <see cref="Projections.Storage.LedgerSchema"/>). Contract
/// addresses are kept in lower case. At most one non-failed anchor exists per (chain, contract, tree size).
/// </summary>
public sealed class AnchorStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, chain_id, contract, tree_size, root_hash, status, tx_hash, raw_tx, sender, nonce, sent_at, block_number,
        block_hash, gas_used, error, created_at, confirmed_at
        """;

    private readonly NpgsqlDataSource _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    /// <summary>Records a signed, not yet broadcast anchor transaction as pending. Returns the new record.</summary>
    public async Task<AnchorRecord> InsertPendingAsync(
        long chainId, string contract, byte[] rootHash, SignedAnchorTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await using var command = _dataSource.CreateCommand($"""
            insert into ledger.anchors (chain_id, contract, tree_size, root_hash, status, tx_hash, raw_tx, sender, nonce)
            values (@chain, @contract, @size, @root, 'pending', @tx, @raw, @sender, @nonce)
            returning {Columns}
            """);
        command.Parameters.AddWithValue("chain", chainId);
        command.Parameters.AddWithValue("contract", Normalize(contract));
        command.Parameters.AddWithValue("size", checked((long)transaction.TreeSize));
        command.Parameters.AddWithValue("root", rootHash);
        command.Parameters.AddWithValue("tx", transaction.TransactionHash.ToLowerInvariant());
        command.Parameters.AddWithValue("raw", transaction.RawTransaction);
        command.Parameters.AddWithValue("sender", transaction.Sender.ToLowerInvariant());
        command.Parameters.AddWithValue("nonce", checked((long)transaction.Nonce));
        return (await ReadAsync(command, cancellationToken))[0];
    }

    /// <summary>Notes that the transaction reached the node (broadcast, or found in its pool).</summary>
    public Task MarkSentAsync(long id, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "update ledger.anchors set sent_at = coalesce(sent_at, now()), updated_at = now() where id = @id and status = 'pending'",
            cancellationToken, ("id", id));

    /// <summary>Notes the block that holds the transaction while confirmations are still awaited.</summary>
    public Task MarkMinedAsync(long id, long blockNumber, string blockHash, long? gasUsed, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            """
            update ledger.anchors set sent_at = coalesce(sent_at, now()), block_number = @block, block_hash = @hash,
                gas_used = @gas, updated_at = now()
            where id = @id and status = 'pending'
            """,
            cancellationToken, ("id", id), ("block", blockNumber), ("hash", blockHash), ("gas", (object?)gasUsed ?? DBNull.Value));

    /// <summary>Marks the anchor confirmed in <paramref name="txHash"/> at <paramref name="blockNumber"/>.</summary>
    public Task MarkConfirmedAsync(
        long id, string txHash, long blockNumber, string blockHash, long? gasUsed, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            """
            update ledger.anchors set status = 'confirmed', tx_hash = @tx, sent_at = coalesce(sent_at, now()), block_number = @block,
                block_hash = @hash, gas_used = coalesce(@gas, gas_used), error = null, confirmed_at = now(), updated_at = now()
            where id = @id and status = 'pending'
            """,
            cancellationToken, ("id", id), ("tx", txHash.ToLowerInvariant()), ("block", blockNumber), ("hash", blockHash),
            ("gas", (object?)gasUsed ?? DBNull.Value));

    /// <summary>Gives up on a pending anchor, with the reason.</summary>
    public Task MarkFailedAsync(long id, string error, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "update ledger.anchors set status = 'failed', error = @error, updated_at = now() where id = @id and status = 'pending'",
            cancellationToken, ("id", id), ("error", error));

    /// <summary>Pending anchors on this chain and contract, smallest tree size first.</summary>
    public async Task<IReadOnlyList<AnchorRecord>> GetPendingAsync(long chainId, string contract, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"""
            select {Columns} from ledger.anchors
            where chain_id = @chain and contract = @contract and status = 'pending' order by tree_size
            """);
        command.Parameters.AddWithValue("chain", chainId);
        command.Parameters.AddWithValue("contract", Normalize(contract));
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The confirmed anchor with the largest tree size on this chain and contract.</summary>
    public async Task<AnchorRecord?> GetLatestConfirmedAsync(long chainId, string contract, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"""
            select {Columns} from ledger.anchors
            where chain_id = @chain and contract = @contract and status = 'confirmed' order by tree_size desc limit 1
            """);
        command.Parameters.AddWithValue("chain", chainId);
        command.Parameters.AddWithValue("contract", Normalize(contract));
        return First(await ReadAsync(command, cancellationToken));
    }

    /// <summary>The most recently created anchor that did not fail, on this chain and contract.</summary>
    public async Task<AnchorRecord?> GetNewestLiveAsync(long chainId, string contract, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"""
            select {Columns} from ledger.anchors
            where chain_id = @chain and contract = @contract and status <> 'failed' order by created_at desc, id desc limit 1
            """);
        command.Parameters.AddWithValue("chain", chainId);
        command.Parameters.AddWithValue("contract", Normalize(contract));
        return First(await ReadAsync(command, cancellationToken));
    }

    /// <summary>
    /// The smallest confirmed anchor whose tree covers leaf <paramref name="leafIndex"/>; on the given chain and
    /// contract when they are given, on any otherwise.
    /// </summary>
    public async Task<AnchorRecord?> GetConfirmedCoveringAsync(long leafIndex, long? chainId, string? contract, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"""
            select {Columns} from ledger.anchors
            where status = 'confirmed' and tree_size > @index
              and (@chain::bigint is null or chain_id = @chain) and (@contract::text is null or contract = @contract)
            order by tree_size, id limit 1
            """);
        command.Parameters.AddWithValue("index", leafIndex);
        command.Parameters.Add(new NpgsqlParameter<long?>("chain", chainId));
        command.Parameters.Add(new NpgsqlParameter<string?>("contract", contract is null ? null : Normalize(contract)));
        return First(await ReadAsync(command, cancellationToken));
    }

    /// <summary>Anchors, newest first (largest tree size, then latest attempt), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<AnchorRecord>> ListAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand($"select {Columns} from ledger.anchors order by tree_size desc, id desc limit @limit");
        command.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, 10_000));
        return await ReadAsync(command, cancellationToken);
    }

    private static AnchorRecord? First(IReadOnlyList<AnchorRecord> records) => records.Count > 0 ? records[0] : null;

    private static string Normalize(string contract)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contract);
        return contract.Trim().ToLowerInvariant();
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<AnchorRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var records = new List<AnchorRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AnchorRecord(
                reader.GetInt64(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.GetFieldValue<byte[]>(4),
                reader.GetString(5) switch
                {
                    "pending" => AnchorState.Pending,
                    "confirmed" => AnchorState.Confirmed,
                    _ => AnchorState.Failed,
                },
                reader.GetString(6),
                reader.GetString(7),
                reader.GetString(8),
                reader.GetInt64(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetInt64(11),
                reader.IsDBNull(12) ? null : reader.GetString(12),
                reader.IsDBNull(13) ? null : reader.GetInt64(13),
                reader.IsDBNull(14) ? null : reader.GetString(14),
                reader.GetFieldValue<DateTimeOffset>(15),
                reader.IsDBNull(16) ? null : reader.GetFieldValue<DateTimeOffset>(16)));
        }

        return records;
    }
}
