using Ledger.Domain.Integrity;
using Npgsql;

namespace Ledger.Projections.Log;

/// <summary>A stored signed checkpoint.</summary>
public sealed record StoredCheckpoint(long TreeSize, byte[] RootHash, string Note, DateTimeOffset CreatedAt);

/// <summary>A sequenced leaf: its index, event and leaf input (the canonical envelope bytes).</summary>
public sealed record StoredLeaf(long LeafIndex, Guid EventId, Guid CaseId, long CaseVersion, byte[] LeafInput, byte[] LeafHash);

/// <summary>Read side of the Merkle log in PostgreSQL: checkpoints, leaves, roots and proofs.</summary>
public sealed class LogReader(NpgsqlDataSource dataSource)
{
    private readonly NpgsqlDataSource _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    public async Task<StoredCheckpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "select tree_size, root_hash, note, created_at from ledger.checkpoints order by tree_size desc limit 1");
        return await ReadCheckpointAsync(command, cancellationToken);
    }

    public async Task<StoredCheckpoint?> GetCheckpointAsync(long treeSize, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "select tree_size, root_hash, note, created_at from ledger.checkpoints where tree_size = @size");
        command.Parameters.AddWithValue("size", treeSize);
        return await ReadCheckpointAsync(command, cancellationToken);
    }

    /// <summary>The smallest signed checkpoint whose tree covers the given leaf, at most <paramref name="maxSize"/>.</summary>
    public async Task<StoredCheckpoint?> GetCheckpointCoveringAsync(long leafIndex, long maxSize, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "select tree_size, root_hash, note, created_at from ledger.checkpoints where tree_size > @index and tree_size <= @max order by tree_size limit 1");
        command.Parameters.AddWithValue("index", leafIndex);
        command.Parameters.AddWithValue("max", maxSize);
        return await ReadCheckpointAsync(command, cancellationToken);
    }

    public async Task<long> GetTreeSizeAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("select coalesce(max(tree_size), 0) from ledger.checkpoints");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<StoredLeaf?> GetLeafAsync(long leafIndex, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            select l.leaf_index, e.event_id, e.case_id, e.case_version, e.leaf_input, e.leaf_hash
            from ledger.leaves l join ledger.entries e on e.event_id = l.event_id
            where l.leaf_index = @index
            """);
        command.Parameters.AddWithValue("index", leafIndex);
        return await ReadLeafAsync(command, cancellationToken);
    }

    public async Task<StoredLeaf?> GetLeafByEventAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            select l.leaf_index, e.event_id, e.case_id, e.case_version, e.leaf_input, e.leaf_hash
            from ledger.entries e join ledger.leaves l on e.event_id = l.event_id
            where e.event_id = @id
            """);
        command.Parameters.AddWithValue("id", eventId);
        return await ReadLeafAsync(command, cancellationToken);
    }

    /// <summary>The root of the tree of the first <paramref name="treeSize"/> leaves, from stored nodes.</summary>
    public async Task<byte[]> GetRootAsync(long treeSize, CancellationToken cancellationToken = default)
    {
        if (treeSize == 0)
        {
            return MerkleHash.EmptyRoot.ToArray();
        }

        var ids = CompactRange.BorderIds(treeSize);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var hashes = await PostgresNodeStore.ReadAsync(connection, ids, null, cancellationToken);
        return CompactRange.FromBorder(treeSize, hashes).RootHash();
    }

    public async Task<IReadOnlyList<byte[]>> GetInclusionProofAsync(long leafIndex, long treeSize, CancellationToken cancellationToken = default)
    {
        var shape = ProofShape.Inclusion(leafIndex, treeSize);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var hashes = await PostgresNodeStore.ReadAsync(connection, shape.NodeIds, null, cancellationToken);
        return shape.Assemble(hashes);
    }

    public async Task<IReadOnlyList<byte[]>> GetConsistencyProofAsync(long fromSize, long toSize, CancellationToken cancellationToken = default)
    {
        var shape = ProofShape.Consistency(fromSize, toSize);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var hashes = await PostgresNodeStore.ReadAsync(connection, shape.NodeIds, null, cancellationToken);
        return shape.Assemble(hashes);
    }

    private static async Task<StoredCheckpoint?> ReadCheckpointAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredCheckpoint(
            reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetString(2),
            reader.GetFieldValue<DateTimeOffset>(3));
    }

    private static async Task<StoredLeaf?> ReadLeafAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredLeaf(
            reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3),
            reader.GetFieldValue<byte[]>(4), reader.GetFieldValue<byte[]>(5));
    }
}
