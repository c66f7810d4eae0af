using Ledger.Domain.Integrity;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Projections.Log;

/// <summary>
/// Stored hashes of the Merkle log's perfect subtrees in <c>ledger.nodes</c>. A proof fetches its O(log n)
/// nodes in one query; the sequencer writes each batch's new nodes in its own transaction.
/// </summary>
public static class PostgresNodeStore
{
    public static async Task<IReadOnlyList<byte[]>> ReadAsync(
        NpgsqlConnection connection, IReadOnlyList<NodeId> ids, NpgsqlTransaction? transaction = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        var levels = new int[ids.Count];
        var indexes = new long[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            levels[i] = ids[i].Level;
            indexes[i] = ids[i].Index;
        }

        const string sql = """
            select w.ord, n.hash
            from unnest(@levels, @indexes) with ordinality as w(level, idx, ord)
            left join ledger.nodes n on n.level = w.level and n.idx = w.idx
            order by w.ord
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int[]>("levels", levels));
        command.Parameters.Add(new NpgsqlParameter<long[]>("indexes", indexes));
        var result = new byte[ids.Count][];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(1))
            {
                throw new LogCorruptionException(
                    $"The stored Merkle node (level {ids[row].Level}, index {ids[row].Index}) is missing.");
            }

            result[row++] = reader.GetFieldValue<byte[]>(1);
        }

        return result;
    }

    public static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<KeyValuePair<NodeId, byte[]>> nodes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            return;
        }

        await using var writer = await connection.BeginBinaryImportAsync(
            "copy ledger.nodes (level, idx, hash) from stdin (format binary)", cancellationToken);
        foreach (var (id, hash) in nodes)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(id.Level, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(id.Index, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(hash, NpgsqlDbType.Bytea, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
        _ = transaction;
    }
}

/// <summary>The stored log is not what it must be (a node or leaf is missing or altered).</summary>
public sealed class LogCorruptionException(string message) : Exception(message);
