using Ledger.Anchoring.Audit;
using Ledger.Anchoring.Contracts;
using Ledger.Domain.Integrity;
using Ledger.Projections.Storage;
using Npgsql;

namespace Ledger.Api.Tests.Reliability;

/// <summary>What the crash tests assert about the ledger after a fault: nothing acknowledged lost, a gapless log, a clean audit.</summary>
public static class LedgerChecks
{
    /// <summary>
    /// Leaves (count, min, max, distinct indexes), entries, events and pending rows. Events do not count Marten's
    /// tombstones (written to a stream of Marten's own for sequence numbers of a failed save, e.g. during a PostgreSQL restart).
    /// </summary>
    public sealed record Counts(long Leaves, long MinIndex, long MaxIndex, long DistinctIndexes, long Entries, long Events, long Pending);

    public static async Task<Counts> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select (select count(*) from ledger.leaves), (select coalesce(min(leaf_index), -1) from ledger.leaves),
                   (select coalesce(max(leaf_index), -1) from ledger.leaves), (select count(distinct leaf_index) from ledger.leaves),
                   (select count(*) from ledger.entries), (select count(*) from caseledger.mt_events where type <> 'tombstone'), (select count(*) from ledger.pending)
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Counts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6));
    }

    /// <summary>Waits until the sequencer has given every committed entry a leaf (nothing pending).</summary>
    public static async Task<Counts> WaitSequencedAsync(string connectionString, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var counts = await CountAsync(connectionString);
                if (counts.Pending == 0 && counts.Leaves == counts.Entries)
                {
                    return counts;
                }

                Assert.True(DateTime.UtcNow < deadline, $"The sequencer did not catch up: {counts}");
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                // The database may still be coming back.
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Every acknowledged event is stored (event store) and has a leaf; the leaf indexes are exactly 0..N-1; every
    /// entry and every event is in the log.
    /// </summary>
    public static async Task AssertNothingLostAndGaplessAsync(string connectionString, IReadOnlyCollection<Guid> acknowledged)
    {
        var counts = await WaitSequencedAsync(connectionString, TimeSpan.FromSeconds(30));
        Assert.Equal(0, counts.MinIndex);
        Assert.Equal(counts.Leaves - 1, counts.MaxIndex);
        Assert.Equal(counts.Leaves, counts.DistinctIndexes);
        Assert.Equal(counts.Leaves, counts.Entries);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (counts.Events != counts.Leaves)
        {
            await using var extra = new NpgsqlCommand(
                "select m.seq_id, m.id, m.stream_id, m.type, m.version from caseledger.mt_events m left join ledger.entries e on e.event_id = m.id where e.event_id is null and m.type <> 'tombstone'",
                connection);
            await using var reader = await extra.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add($"seq {reader.GetInt64(0)} id {reader.GetGuid(1)} stream {reader.GetGuid(2)} type {reader.GetString(3)} version {reader.GetInt64(4)}");
            }

            Assert.Fail($"{counts.Events} events but {counts.Leaves} leaves; events without a ledger entry: {string.Join("; ", rows)}");
        }

        await using var command = new NpgsqlCommand(
            """
            select count(*) from ledger.leaves l
            join ledger.entries e on e.event_id = l.event_id
            join caseledger.mt_events m on m.id = l.event_id
            where l.event_id = any(@ids)
            """,
            connection);
        command.Parameters.AddWithValue("ids", acknowledged.ToArray());
        var found = (long)(await command.ExecuteScalarAsync())!;
        Assert.Equal(acknowledged.Count, found);
    }

    /// <summary>The full audit (docs/verification.md) in one repeatable-read snapshot, with the chain when given.</summary>
    public static async Task<AuditReport> AuditAsync(string connectionString, string logKeyFile, string origin, string? rpcUrl = null, string? contract = null)
    {
        var signer = NoteSigner.FromSignerKey((await File.ReadAllTextAsync(logKeyFile)).Trim());
        AuditChain? chain = null;
        if (rpcUrl is not null && contract is not null)
        {
            var client = LedgerAnchorClient.Connect(rpcUrl, contract);
            chain = new AuditChain(
                async (logId, size, token) =>
                {
                    var root = await client.RootAtAsync(logId, (ulong)size, token);
                    return root is null || root.All(b => b == 0) ? null : root;
                },
                async (logId, token) =>
                {
                    var (size, root) = await client.LatestAsync(logId, token);
                    return size == 0 ? null : ((long)size, root);
                },
                $"contract {contract} at {rpcUrl}");
        }

        var auditor = new LedgerAuditor(new AuditOptions { Origin = origin, LogKey = NoteVerifier.FromVerifierKey(signer.VerifierKey), Chain = chain });
        await using var dataSource = LedgerDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        return await auditor.AuditAsync(connection, transaction);
    }

    public static string Describe(AuditReport report) =>
        $"{report.Leaves} leaves, {report.Checkpoints} checkpoints, {report.FindingCount} findings"
        + (report.Passed ? "" : ": " + string.Join("; ", report.Findings.Take(10)));
}
