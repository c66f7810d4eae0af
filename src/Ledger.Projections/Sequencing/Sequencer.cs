using System.Diagnostics;
using Ledger.Domain.Integrity;
using Ledger.Projections.Log;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ledger.Projections.Sequencing;

/// <summary>Settings of the sequencer.</summary>
public sealed record SequencerOptions
{
    /// <summary>The checkpoint origin, e.g. <c>ledger.court.example/2026</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>Most leaves in one batch (one transaction, one checkpoint).</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>How long to wait when nothing is pending.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often a waiting instance retries to become leader.</summary>
    public TimeSpan LeaderRetryInterval { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>What the sequencer is doing, for health checks and metrics.</summary>
public sealed record SequencerStatus(bool IsLeader, long TreeSize, DateTimeOffset? LastBatchAt, string? LastError);

/// <summary>
/// Turns committed ledger entries into a gapless Merkle log. One instance is active (advisory-lock leader); each
/// batch — leaves, new tree nodes and the signed checkpoint — is one transaction, so after a crash at any point the
/// next leader resumes exactly where the last commit left it.
/// <para>
/// Entries are taken in (writing transaction id, insertion order) — <c>ledger.entries (tx, seq)</c> — after a cursor,
/// and only those whose transaction is below the xmin of the reading snapshot: every such transaction has ended, and
/// any transaction still to write an entry gets a larger id, so no entry can later appear at or before the cursor.
/// The cursor is the (tx, seq) of the last leaf's entry, so it is stored with the leaves, in the same transaction.
/// </para>
/// </summary>
public sealed class Sequencer : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NoteSigner _signer;
    private readonly SequencerOptions _options;
    private readonly ILogger _logger;
    private readonly LeaderLock _leader;
    private CompactRange? _range;
    private Cursor _cursor = Cursor.Start;
    private DateTimeOffset? _lastBatchAt;
    private string? _lastError;

    public Sequencer(NpgsqlDataSource dataSource, NoteSigner signer, SequencerOptions options, ILogger<Sequencer>? logger = null)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _leader = new LeaderLock(dataSource, LeaderLock.SequencerKey);
    }

    /// <summary>Test hook: called between the steps of a batch; throwing aborts the batch as a crash would.</summary>
    public SequencerFaultHook? FaultHook { get; set; }

    /// <summary>Raised after each committed batch with the new tree size.</summary>
    public event Action<long>? BatchCommitted;

    public SequencerStatus Status => new(_leader.IsHeld, _range?.Size ?? 0, _lastBatchAt, _lastError);

    /// <summary>Tries to become the active sequencer.</summary>
    public Task<bool> TryBecomeLeaderAsync(CancellationToken cancellationToken = default) => _leader.TryAcquireAsync(cancellationToken);

    /// <summary>Runs until cancelled: waits for leadership, then sequences batches as events commit.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!await _leader.TryAcquireAsync(cancellationToken))
                {
                    await Task.Delay(_options.LeaderRetryInterval, cancellationToken);
                    continue;
                }

                var count = await SequenceBatchAsync(cancellationToken);
                _lastError = null;
                if (count < _options.BatchSize)
                {
                    await Task.Delay(_options.PollInterval, cancellationToken);
                    if (!await _leader.StillHeldAsync(cancellationToken))
                    {
                        _range = null;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or LogCorruptionException or InvalidOperationException or TimeoutException or SequencerFaultException)
            {
                _range = null;
                _lastError = ex.Message;
                _logger.LogError(ex, "Sequencer batch failed; it will be retried from the last committed state");
                await _leader.StillHeldAsync(CancellationToken.None);
                try
                {
                    await Task.Delay(_options.LeaderRetryInterval, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await _leader.ReleaseAsync();
    }

    /// <summary>
    /// Sequences one batch of pending entries (only when this instance is leader). Returns the number of leaves added.
    /// </summary>
    public async Task<int> SequenceBatchAsync(CancellationToken cancellationToken = default)
    {
        if (!_leader.IsHeld)
        {
            throw new InvalidOperationException("This sequencer is not the active one: another instance holds the sequencer lock.");
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        if (_range is null)
        {
            (_range, _cursor) = await LoadStateAsync(connection, cancellationToken);
        }

        var sizeBefore = _range.Size;

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var eventIds = new List<Guid>(_options.BatchSize);
        var leafHashes = new List<byte[]>(_options.BatchSize);
        var last = _cursor;
        await using (var select = new NpgsqlCommand("""
            select e.event_id, e.leaf_hash, e.tx::text, e.seq
            from ledger.entries e
            where (e.tx, e.seq) > (@tx::xid8, @seq) and e.tx < pg_snapshot_xmin(pg_current_snapshot())
            order by e.tx, e.seq
            limit @limit
            """, connection, transaction))
        {
            // Qualified names: a bare "order by tx" would sort by the output column tx::text.
            select.Parameters.AddWithValue("tx", _cursor.Tx);
            select.Parameters.AddWithValue("seq", _cursor.Seq);
            select.Parameters.AddWithValue("limit", _options.BatchSize);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                eventIds.Add(reader.GetGuid(0));
                leafHashes.Add(reader.GetFieldValue<byte[]>(1));
                last = new Cursor(reader.GetString(2), reader.GetInt64(3));
            }
        }

        if (eventIds.Count == 0)
        {
            if (sizeBefore == 0)
            {
                // An empty log still publishes a signed checkpoint (size 0, the empty root), once.
                var empty = SignedCheckpoint.Sign(new Checkpoint(_options.Origin, 0, _range.RootHash()), _signer);
                await using var insertEmpty = new NpgsqlCommand(
                    "insert into ledger.checkpoints (tree_size, root_hash, note) values (0, @root, @note) on conflict do nothing",
                    connection, transaction);
                insertEmpty.Parameters.AddWithValue("root", _range.RootHash());
                insertEmpty.Parameters.AddWithValue("note", empty);
                await insertEmpty.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return 0;
            }

            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }

        try
        {
            await FaultAsync(SequencerStep.PendingRead, sizeBefore, eventIds.Count);

            var indexes = new long[eventIds.Count];
            for (var i = 0; i < indexes.Length; i++)
            {
                indexes[i] = sizeBefore + i;
            }

            await using (var insertLeaves = new NpgsqlCommand(
                "insert into ledger.leaves (leaf_index, event_id) select * from unnest(@indexes, @ids)", connection, transaction))
            {
                insertLeaves.Parameters.Add(new NpgsqlParameter<long[]>("indexes", indexes));
                insertLeaves.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. eventIds]));
                await insertLeaves.ExecuteNonQueryAsync(cancellationToken);
            }

            await FaultAsync(SequencerStep.LeavesWritten, sizeBefore, eventIds.Count);

            var newNodes = new List<KeyValuePair<NodeId, byte[]>>(eventIds.Count * 2);
            foreach (var leafHash in leafHashes)
            {
                _range.Append(leafHash, (id, hash) => newNodes.Add(new(id, hash)));
            }

            await PostgresNodeStore.WriteAsync(connection, transaction, newNodes, cancellationToken);
            await FaultAsync(SequencerStep.NodesWritten, sizeBefore, eventIds.Count);

            var root = _range.RootHash();
            var note = SignedCheckpoint.Sign(new Checkpoint(_options.Origin, _range.Size, root), _signer);
            await using (var insertCheckpoint = new NpgsqlCommand(
                "insert into ledger.checkpoints (tree_size, root_hash, note) values (@size, @root, @note)", connection, transaction))
            {
                insertCheckpoint.Parameters.AddWithValue("size", _range.Size);
                insertCheckpoint.Parameters.AddWithValue("root", root);
                insertCheckpoint.Parameters.AddWithValue("note", note);
                await insertCheckpoint.ExecuteNonQueryAsync(cancellationToken);
            }

            await FaultAsync(SequencerStep.CheckpointWritten, sizeBefore, eventIds.Count);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            // The transaction rolls back; the in-memory range is ahead of the database: reload it next time.
            _range = null;
            throw;
        }

        // The batch was the next entries in (tx, seq) order after the cursor; its last one is now the last leaf's.
        _cursor = last;
        _lastBatchAt = DateTimeOffset.UtcNow;
        BatchCommitted?.Invoke(_range.Size);
        await FaultAsync(SequencerStep.Committed, sizeBefore, eventIds.Count);
        return eventIds.Count;
    }

    private async ValueTask FaultAsync(SequencerStep step, long sizeBefore, int count)
    {
        if (FaultHook is { } hook)
        {
            await hook(step, sizeBefore, count);
        }
    }

    /// <summary>
    /// The committed tree's right border and the cursor: the (tx, seq) of the last leaf's entry. Logs sequenced before
    /// entries carried their order have none on their last leaf: then every entry that has one is still to sequence.
    /// </summary>
    private static async Task<(CompactRange Range, Cursor Cursor)> LoadStateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        long size = 0;
        var cursor = Cursor.Start;
        await using (var command = new NpgsqlCommand("""
            select l.leaf_index, e.tx::text, e.seq
            from ledger.leaves l join ledger.entries e on e.event_id = l.event_id
            order by l.leaf_index desc
            limit 1
            """, connection))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                size = reader.GetInt64(0) + 1;
                if (!reader.IsDBNull(1))
                {
                    cursor = new Cursor(reader.GetString(1), reader.GetInt64(2));
                }
            }
        }

        if (size == 0)
        {
            return (new CompactRange(), cursor);
        }

        var ids = CompactRange.BorderIds(size);
        var hashes = await PostgresNodeStore.ReadAsync(connection, ids, null, cancellationToken);
        return (CompactRange.FromBorder(size, hashes), cursor);
    }

    /// <summary>A position in the sequencer's order: a transaction id (xid8, as text) and an insertion number.</summary>
    private sealed record Cursor(string Tx, long Seq)
    {
        public static readonly Cursor Start = new("0", 0);
    }

    public async ValueTask DisposeAsync() => await _leader.DisposeAsync();
}

/// <summary>Thrown by fault-injection hooks in tests to simulate a crash.</summary>
public sealed class SequencerFaultException(string message) : Exception(message);
