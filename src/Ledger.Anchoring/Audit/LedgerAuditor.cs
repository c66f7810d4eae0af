using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Domain.Cases;
using Ledger.Domain.Integrity;
using Ledger.Projections.Storage;
using Npgsql;

namespace Ledger.Anchoring.Audit;

/// <summary>What kind of defect a finding reports.</summary>
public enum AuditFindingKind
{
    /// <summary>The leaf indexes are not 0, 1, 2… without gaps.</summary>
    LeafSequence,

    /// <summary>A leaf input is not a canonical envelope, or disagrees with its ledger entry.</summary>
    LeafInput,

    /// <summary>A stored leaf hash is not the hash of the leaf input.</summary>
    LeafHash,

    /// <summary>The stored event is missing, unreadable, or disagrees with the leaf (case, version, type, time, documents).</summary>
    Event,

    /// <summary>The salted payload commitment does not match the stored event payload.</summary>
    Payload,

    /// <summary>A case's hash chain is broken (a version missing, or the previous leaf hash wrong).</summary>
    CaseChain,

    /// <summary>A stored Merkle tree node is missing, extra, or has the wrong hash.</summary>
    TreeNode,

    /// <summary>A signed checkpoint is missing its signature, signed by another key, or has the wrong root or size.</summary>
    Checkpoint,

    /// <summary>An anchor record disagrees with the log, or the chain does not hold the anchored root.</summary>
    Anchor,

    /// <summary>An event in the event store has no ledger entry, or an entry is neither in the log nor pending.</summary>
    Unlogged,
}

/// <summary>One defect found by the audit, naming what it concerns.</summary>
public sealed record AuditFinding(
    AuditFindingKind Kind, string Message, long? LeafIndex = null, Guid? EventId = null, Guid? CaseId = null,
    NodeId? Node = null, long? TreeSize = null)
{
    public override string ToString()
    {
        var subject = new List<string>();
        if (LeafIndex is { } leaf)
        {
            subject.Add($"leaf {leaf}");
        }

        if (EventId is { } e)
        {
            subject.Add($"event {e}");
        }

        if (CaseId is { } c)
        {
            subject.Add($"case {c}");
        }

        if (Node is { } n)
        {
            subject.Add($"node {n}");
        }

        if (TreeSize is { } size)
        {
            subject.Add($"tree size {size}");
        }

        return $"{Kind}: {Message}{(subject.Count > 0 ? " [" + string.Join(", ", subject) + "]" : "")}";
    }
}

/// <summary>How far the audit is.</summary>
public sealed record AuditProgress(long LeavesChecked, long LeavesTotal);

/// <summary>The chain reads the audit makes; both return null when the contract holds nothing for the log.</summary>
public sealed record AuditChain(
    Func<byte[], long, CancellationToken, Task<byte[]?>> RootAtAsync,
    Func<byte[], CancellationToken, Task<(long Size, byte[] Root)?>> LatestAsync,
    string Description);

/// <summary>What the audit is told: the log's origin and key, and optionally the chain.</summary>
public sealed record AuditOptions
{
    /// <summary>The log's origin; when null it is taken from the first leaf (or checkpoint).</summary>
    public string? Origin { get; init; }

    /// <summary>The log's verifier key; without it checkpoint signatures are not checked (reported as a warning).</summary>
    public NoteVerifier? LogKey { get; init; }

    /// <summary>The anchor contract; without it anchors are compared with the log only.</summary>
    public AuditChain? Chain { get; init; }

    /// <summary>Marten's schema of the event store.</summary>
    public string EventSchema { get; init; } = MartenConfiguration.Schema;

    /// <summary>Most findings kept (the count goes on).</summary>
    public int MaxFindings { get; init; } = 1000;
}

/// <summary>The audit's verdict.</summary>
public sealed record AuditReport(
    long Leaves, long Checkpoints, long Anchors, long AnchorsCheckedOnChain, long Cases, long ErasedEvents,
    IReadOnlyList<AuditFinding> Findings, long FindingCount, IReadOnlyList<string> Warnings, TimeSpan Elapsed)
{
    public bool Passed => FindingCount == 0;

    /// <summary>Leaves whose own checks failed.</summary>
    public IReadOnlyList<long> BrokenLeaves => [.. Findings.Where(f => f.LeafIndex is not null).Select(f => f.LeafIndex!.Value).Distinct().Order()];

    /// <summary>Cases with a failed check.</summary>
    public IReadOnlyList<Guid> BrokenCases => [.. Findings.Where(f => f.CaseId is not null).Select(f => f.CaseId!.Value).Distinct()];
}

/// <summary>
/// The full audit of the ledger against the database and the chain (docs/verification.md, "The audit"). From the
/// stored events it recomputes every leaf — canonical payload, with the salt the payload commitment, the envelope
/// (type, time, documents, previous leaf hash of the case), the leaf input and the leaf hash; erased events (salt
/// cleared, <c>erased_at</c> set) skip only the payload check — then every stored tree node and every root, checks
/// every signed checkpoint, every anchor against the log and on the chain, every per-case chain, and that every
/// event is in the log. It reads through the connection (and transaction) it is given, in one pass over the leaves.
/// </summary>
public sealed class LedgerAuditor(AuditOptions options)
{
    internal static readonly JsonSerializerOptions EventJson = CreateEventJson();

    private readonly AuditOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    public async Task<AuditReport> AuditAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction = null, IProgress<AuditProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var watch = Stopwatch.StartNew();
        var run = new Run(_options);

        var total = await ScalarAsync(connection, transaction, "select count(*) from ledger.leaves", cancellationToken);
        var checkpoints = await ReadCheckpointsAsync(connection, transaction, cancellationToken);
        var anchors = await ReadAnchorsAsync(connection, transaction, cancellationToken);
        var sizesOfInterest = new SortedSet<long>(checkpoints.Select(c => c.TreeSize).Concat(anchors.Select(a => a.TreeSize)));
        var roots = new Dictionary<long, byte[]> { [0] = MerkleHash.EmptyRootHash() };

        var nodes = new NodeCursor(connection, transaction);
        {
            var range = new CompactRange();
            var cases = new Dictionary<Guid, (long Version, byte[] LeafHash)>();
            // Inside the caller's transaction, the planner's JIT (a fixed cost of a few hundred milliseconds per query
            // that this streaming plan does not repay) and Memoize (no key repeats) are turned off for this query only.
            var restore = transaction is null ? null : await PlannerSettingsAsync(connection, transaction, ("jit", "off"), ("enable_memoize", "off"), cancellationToken);

            // In leaf order, streaming: each leaf's entry is looked up by its key and the stored event by its case and
            // version (Marten's unique index; the event id is compared below). The OFFSET 0 keeps the planner from hash
            // joining whole tables and then sorting the wide rows, on disk once the log is large.
            await using (var command = new NpgsqlCommand(LeavesSql(_options.EventSchema), connection, transaction))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                long expected = 0;
                var more = true;
                async Task<List<LeafRow>> ReadBatchAsync()
                {
                    var rows = new List<LeafRow>(BatchSize);
                    while (rows.Count < BatchSize && (more = await reader.ReadAsync(cancellationToken)))
                    {
                        rows.Add(LeafRow.Read(reader));
                    }

                    return rows;
                }

                var batch = await ReadBatchAsync();
                while (batch.Count > 0)
                {
                    // The checks of each leaf on its own run in parallel while the next batch is read; the case chains
                    // and the tree rebuild follow in order.
                    var current = batch;
                    var checking = Task.Run(() =>
                    {
                        var results = new LeafCheck[current.Count];
                        Parallel.For(0, current.Count, i => results[i] = CheckLeaf(current[i]));
                        return results;
                    }, cancellationToken);
                    var next = more ? await ReadBatchAsync() : [];
                    var checks = await checking;
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var index = batch[i].Index;
                        if (index != expected)
                        {
                            run.Add(new(AuditFindingKind.LeafSequence, $"Expected leaf {expected} next but found leaf {index}: leaves are missing.", LeafIndex: expected));
                            expected = index;
                        }

                        CheckInOrder(run, batch[i], checks[i], cases);
                        range.Append(checks[i].LeafHash, nodes.Expect);
                        expected++;
                        if (sizesOfInterest.Contains(range.Size))
                        {
                            roots[range.Size] = range.RootHash();
                        }
                    }

                    progress?.Report(new AuditProgress(expected, total));
                    batch = next;
                }

                run.Leaves = expected;
                run.Cases = cases.Count;
            }

            if (restore is not null)
            {
                await PlannerSettingsAsync(connection, transaction!, restore[0], restore[1], cancellationToken);
            }

            await nodes.FinishAsync(run, run.Leaves, cancellationToken);
            progress?.Report(new AuditProgress(run.Leaves, total));
        }

        CheckCheckpoints(run, checkpoints, roots);
        await CheckAnchorsAsync(run, anchors, roots, cancellationToken);
        await CheckUnloggedAsync(run, connection, transaction, cancellationToken);

        return new AuditReport(
            run.Leaves, checkpoints.Count, anchors.Count, run.AnchorsOnChain, run.Cases, run.Erased,
            run.Findings, run.Count, run.Warnings, watch.Elapsed);
    }

    private const int BatchSize = 4096;

    /// <summary>
    /// The connection string for an audit connection: a larger read buffer (256 KiB unless the string sets one) so
    /// that the streamed leaf rows (about 1 KB each) arrive in large chunks rather than a few rows per socket read.
    /// </summary>
    public static string AuditConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Read Buffer Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("ReadBufferSize", StringComparison.OrdinalIgnoreCase))
        {
            builder.ReadBufferSize = 256 * 1024;
        }

        return builder.ConnectionString;
    }

    /// <summary>The leaf's own checks: everything that needs no other leaf.</summary>
    internal static LeafCheck CheckLeaf(LeafRow row)
    {
        var findings = new List<AuditFinding>();
        var leafHash = CheckLeaf(row, findings, out var envelope, out var erased);
        return new LeafCheck(leafHash, envelope, erased, findings);
    }

    /// <summary>The checks that follow the log's order: the origin and the per-case hash chain.</summary>
    private static void CheckInOrder(Run run, LeafRow row, LeafCheck check, Dictionary<Guid, (long Version, byte[] LeafHash)> cases)
    {
        foreach (var finding in check.Findings)
        {
            run.Add(finding);
        }

        if (check.Erased)
        {
            run.Erased++;
        }

        if (check.Envelope is not { } envelope)
        {
            return;
        }

        var index = row.Index;
        var eventId = row.EventId;
        var origin = run.Origin ??= envelope.Origin;
        if (envelope.Origin != origin)
        {
            run.Add(new(AuditFindingKind.LeafInput, $"The leaf names log {envelope.Origin}, not {origin}.", index, eventId, row.CaseId));
        }

        // The per-case hash chain: versions 1, 2, 3… each naming the previous leaf hash.
        cases.TryGetValue(envelope.CaseId, out var previous);
        if (envelope.EventVersion != previous.Version + 1)
        {
            run.Add(new(AuditFindingKind.CaseChain,
                $"The case's version {envelope.EventVersion} follows version {previous.Version} in the log: events of the case are missing or out of order.",
                index, eventId, envelope.CaseId));
        }

        var expectedPrevious = previous.Version == 0 ? null : previous.LeafHash;
        var namedPrevious = envelope.PreviousLeafHash;
        if (!(expectedPrevious is null ? namedPrevious is null : namedPrevious is not null && namedPrevious.AsSpan().SequenceEqual(expectedPrevious)))
        {
            run.Add(new(AuditFindingKind.CaseChain, "The leaf does not name the leaf hash of the case's previous event.", index, eventId, envelope.CaseId));
        }

        cases[envelope.CaseId] = (envelope.EventVersion, check.LeafHash);
    }

    /// <summary>
    /// Every leaf in index order with its ledger entry and its stored event (the columns <see cref="LeafRow"/> reads);
    /// <paramref name="eventSchema"/> is the event store's schema.
    /// </summary>
    internal static string LeavesSql(string eventSchema) => $"""
        select l.leaf_index, l.event_id, e.case_id, e.case_version, e.event_type, e.occurred_at, e.leaf_input, e.leaf_hash,
               e.salt, e.erased_at, m.data, m.type, m.stream_id, m.version, m.id
        from ledger.leaves l
        left join lateral (
            select x.case_id, x.case_version, x.event_type, x.occurred_at, x.leaf_input, x.leaf_hash, x.salt, x.erased_at
            from ledger.entries x where x.event_id = l.event_id offset 0) e on true
        left join lateral (
            select convert_to(y.data::text, 'UTF8') as data, y.type, y.stream_id, y.version, y.id
            from {eventSchema}.mt_events y where y.stream_id = e.case_id and y.version = e.case_version offset 0) m on true
        order by l.leaf_index
        """;

    private static byte[] CheckLeaf(LeafRow row, List<AuditFinding> sink, out LeafEnvelope? parsed, out bool erasedEvent)
    {
        parsed = null;
        erasedEvent = false;
        var index = row.Index;
        var eventId = row.EventId;
        if (row.CaseId is not { } caseId)
        {
            sink.Add(new(AuditFindingKind.LeafInput, "The leaf's ledger entry is missing.", index, eventId));
            return new byte[MerkleHash.Size];
        }

        var caseVersion = row.CaseVersion;
        var eventType = row.EventType!;
        var leafInput = row.LeafInput!;
        var salt = row.Salt;
        var erased = row.Erased;

        var leafHash = MerkleHash.LeafHash(leafInput);
        if (!leafHash.AsSpan().SequenceEqual(row.StoredLeafHash))
        {
            sink.Add(new(AuditFindingKind.LeafHash, "The stored leaf hash is not the hash of the leaf input.", index, eventId, caseId));
        }

        LeafEnvelope envelope;
        try
        {
            envelope = LeafEnvelope.Parse(leafInput);
        }
        catch (FormatException ex)
        {
            sink.Add(new(AuditFindingKind.LeafInput, $"The leaf input is not a canonical envelope: {ex.Message}", index, eventId, caseId));
            return leafHash;
        }

        parsed = envelope;
        var origin = envelope.Origin;
        if (envelope.CaseId != caseId || envelope.EventVersion != caseVersion || envelope.EventType != eventType
            || envelope.Time != LeafEnvelope.NormalizeTime(row.OccurredAt))
        {
            sink.Add(new(AuditFindingKind.LeafInput, "The leaf input disagrees with its ledger entry (case, version, type or time).", index, eventId, caseId));
        }

        // The stored event: same case, version, type; same time and documents; the payload matches the commitment.
        if (row.Data is null)
        {
            sink.Add(new(AuditFindingKind.Event, "The event is missing from the event store.", index, eventId, caseId));
            return leafHash;
        }

        if (row.StoredId is { } storedId && storedId != eventId)
        {
            sink.Add(new(AuditFindingKind.Event, $"The event store holds another event ({storedId}) at the case's version: the event is missing or was moved.", index, eventId, caseId));
            return leafHash;
        }

        var data = row.Data;
        if (row.StoredType != eventType || row.StreamId != caseId || row.StreamVersion != caseVersion)
        {
            sink.Add(new(AuditFindingKind.Event, "The stored event's case, version or type differs from the leaf.", index, eventId, caseId));
            return leafHash;
        }

        var scratch = LeafScratch.Current;
        CaseEvent? @event;
        try
        {
            var clrType = CaseEventTypes.TypeOf(eventType) ?? throw new JsonException($"unknown event type {eventType}");
            @event = JsonSerializer.Deserialize(data, clrType, EventJson) as CaseEvent;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            sink.Add(new(AuditFindingKind.Event, $"The stored event cannot be read: {ex.Message}", index, eventId, caseId));
            return leafHash;
        }

        if (@event is null || @event.CaseId != caseId)
        {
            sink.Add(new(AuditFindingKind.Event, "The stored event names another case.", index, eventId, caseId));
            return leafHash;
        }

        // Every stored member must be what the event's fields produce: members the event computes from others (its
        // time, its document list) are stored too, and must not differ either.
        if (!StoredAsWritten(data, @event, scratch, out var writtenCanonical))
        {
            sink.Add(new(AuditFindingKind.Event, "The stored event JSON is not what its fields produce: it was edited.", index, eventId, caseId));
        }

        if (!SameDocuments(@event.DocumentHashes, envelope.DocumentHashes))
        {
            sink.Add(new(AuditFindingKind.Event, "The stored event's documents differ from those the leaf commits to.", index, eventId, caseId));
        }

        if (envelope.Time != LeafEnvelope.NormalizeTime(@event.OccurredAt))
        {
            sink.Add(new(AuditFindingKind.Event, "The stored event's time differs from the leaf's.", index, eventId, caseId));
        }

        if (salt is null)
        {
            if (!erased)
            {
                sink.Add(new(AuditFindingKind.Payload, "The payload's salt is missing but the event was never erased.", index, eventId, caseId));
            }
            else
            {
                erasedEvent = true;
            }

            return leafHash;
        }

        Span<byte> commitment = stackalloc byte[PayloadCommitment.SaltSize];
        try
        {
            // The committed form (docs/integrity.md): the payload serialized with the ledger's payload options, canonical.
            // It differs from the written form only in enum spellings, so it is derived from it when the type allows.
            ReadOnlySpan<byte> canonical;
            if (writtenCanonical && Committed.TryDerive(@event.GetType(), scratch.WrittenCanonical.WrittenSpan, scratch.Derived(scratch.WrittenCanonical.WrittenCount)))
            {
                canonical = scratch.Derived(scratch.WrittenCanonical.WrittenCount);
            }
            else
            {
                canonical = LeafScratch.Canonical(scratch.Serialize(@event, MartenConfiguration.PayloadJson), scratch.PayloadCanonical);
            }

            PayloadCommitment.Compute(salt, canonical, commitment);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            sink.Add(new(AuditFindingKind.Payload, $"The payload cannot be committed to: {ex.Message}", index, eventId, caseId));
            return leafHash;
        }

        if (!commitment.SequenceEqual(envelope.PayloadCommitment))
        {
            sink.Add(new(AuditFindingKind.Payload, "The stored payload does not match the leaf's payload commitment: it was changed.", index, eventId, caseId));
        }

        return leafHash;
    }

    /// <summary>
    /// The event's document hashes (lower-cased, without duplicates, in ordinal order) are the envelope's (sorted by
    /// bytes, which is the order of their lower-case hex).
    /// </summary>
    private static bool SameDocuments(IReadOnlyList<string> eventHashes, IReadOnlyList<byte[]> envelopeHashes)
    {
        if (eventHashes.Count == 0 || envelopeHashes.Count == 0)
        {
            return eventHashes.Count == envelopeHashes.Count;
        }

        var lowered = new string[eventHashes.Count];
        for (var i = 0; i < lowered.Length; i++)
        {
            lowered[i] = eventHashes[i].ToLowerInvariant();
        }

        Array.Sort(lowered, StringComparer.Ordinal);
        var at = 0;
        for (var i = 0; i < lowered.Length; i++)
        {
            if (i > 0 && string.Equals(lowered[i], lowered[i - 1], StringComparison.Ordinal))
            {
                continue;
            }

            if (at >= envelopeHashes.Count || !IsLowerHexOf(lowered[i], envelopeHashes[at]))
            {
                return false;
            }

            at++;
        }

        return at == envelopeHashes.Count;
    }

    private static bool IsLowerHexOf(string text, byte[] hash)
    {
        if (text.Length != hash.Length * 2)
        {
            return false;
        }

        for (var i = 0; i < hash.Length; i++)
        {
            if (text[2 * i] != "0123456789abcdef"[hash[i] >> 4] || text[(2 * i) + 1] != "0123456789abcdef"[hash[i] & 0xF])
            {
                return false;
            }
        }

        return true;
    }

    private void CheckCheckpoints(Run run, IReadOnlyList<CheckpointRow> checkpoints, Dictionary<long, byte[]> roots)
    {
        if (_options.LogKey is null)
        {
            run.Warnings.Add("No log key was given: checkpoint signatures were not checked.");
        }

        foreach (var checkpoint in checkpoints)
        {
            if (!roots.TryGetValue(checkpoint.TreeSize, out var root))
            {
                run.Add(new(AuditFindingKind.Checkpoint, $"A checkpoint of {checkpoint.TreeSize} leaves exists but the log has only {run.Leaves}.", TreeSize: checkpoint.TreeSize));
                continue;
            }

            if (!root.AsSpan().SequenceEqual(checkpoint.RootHash))
            {
                run.Add(new(AuditFindingKind.Checkpoint, "The checkpoint's root is not the root recomputed from the leaves.", TreeSize: checkpoint.TreeSize));
            }

            Checkpoint? body;
            if (_options.LogKey is { } key)
            {
                var verified = SignedCheckpoint.Verify(checkpoint.Note, key);
                if (!verified.IsValid)
                {
                    run.Add(new(AuditFindingKind.Checkpoint, $"The checkpoint note is not validly signed by the log key: {verified.Error}", TreeSize: checkpoint.TreeSize));
                    continue;
                }

                body = verified.Checkpoint;
            }
            else
            {
                try
                {
                    var split = checkpoint.Note.IndexOf("\n\n", StringComparison.Ordinal);
                    body = Checkpoint.ParseBody(split < 0 ? checkpoint.Note : checkpoint.Note[..(split + 1)]);
                }
                catch (FormatException ex)
                {
                    run.Add(new(AuditFindingKind.Checkpoint, $"The checkpoint note is malformed: {ex.Message}", TreeSize: checkpoint.TreeSize));
                    continue;
                }
            }

            if (body!.TreeSize != checkpoint.TreeSize || !body.RootHash.AsSpan().SequenceEqual(root))
            {
                run.Add(new(AuditFindingKind.Checkpoint, "The signed note states another size or root than the log.", TreeSize: checkpoint.TreeSize));
            }

            if (run.Origin is { } origin && body.Origin != origin)
            {
                run.Add(new(AuditFindingKind.Checkpoint, $"The checkpoint is of log {body.Origin}, not {origin}.", TreeSize: checkpoint.TreeSize));
            }
        }
    }

    private async Task CheckAnchorsAsync(Run run, IReadOnlyList<AnchorRow> anchors, Dictionary<long, byte[]> roots, CancellationToken cancellationToken)
    {
        var origin = run.Origin ?? _options.Origin;
        var chain = _options.Chain;
        if (chain is null)
        {
            run.Warnings.Add("No chain was given: anchors were compared with the log only, not read on the chain.");
        }

        foreach (var anchor in anchors.Where(a => a.Status == "confirmed"))
        {
            if (!roots.TryGetValue(anchor.TreeSize, out var root))
            {
                run.Add(new(AuditFindingKind.Anchor, $"An anchor of {anchor.TreeSize} leaves exists but the log has only {run.Leaves}.", TreeSize: anchor.TreeSize));
                continue;
            }

            if (!root.AsSpan().SequenceEqual(anchor.RootHash))
            {
                run.Add(new(AuditFindingKind.Anchor, $"The anchor record (transaction {anchor.TxHash}) states another root than the log's.", TreeSize: anchor.TreeSize));
            }

            if (chain is not null && origin is not null)
            {
                var onChain = await chain.RootAtAsync(LogId.FromOrigin(origin), anchor.TreeSize, cancellationToken);
                run.AnchorsOnChain++;
                if (onChain is null || onChain.All(b => b == 0))
                {
                    run.Add(new(AuditFindingKind.Anchor, $"The chain holds no root for tree size {anchor.TreeSize} (transaction {anchor.TxHash}).", TreeSize: anchor.TreeSize));
                }
                else if (!onChain.AsSpan().SequenceEqual(root))
                {
                    run.Add(new(AuditFindingKind.Anchor, $"The chain holds another root for tree size {anchor.TreeSize} than the log.", TreeSize: anchor.TreeSize));
                }
            }
        }

        // The chain is the trust anchor: its latest anchored size must be in the log, with the same root.
        if (chain is not null && origin is not null)
        {
            var latest = await chain.LatestAsync(LogId.FromOrigin(origin), cancellationToken);
            if (latest is { Size: > 0 } l)
            {
                if (l.Size > run.Leaves)
                {
                    run.Add(new(AuditFindingKind.Anchor, $"The chain anchors {l.Size} leaves but the log has only {run.Leaves}: leaves were removed.", TreeSize: l.Size));
                }
                else if (roots.TryGetValue(l.Size, out var root) && !root.AsSpan().SequenceEqual(l.Root))
                {
                    run.Add(new(AuditFindingKind.Anchor, $"The chain's latest root (size {l.Size}) is not the log's root of that size.", TreeSize: l.Size));
                }
                else if (!roots.ContainsKey(l.Size))
                {
                    run.Warnings.Add($"The chain's latest anchor (size {l.Size}) has no anchor record in the database.");
                }
            }
        }
    }

    /// <remarks>
    /// Marten's tombstones are not case events: when saving a session fails after its event sequence numbers were
    /// taken (the database restarting mid-append), Marten later writes one <c>tombstone</c> event per lost number to
    /// a stream of its own so that its projection daemon sees no hole. They carry nothing; one in a case's stream
    /// would still be reported.
    /// </remarks>
    private async Task CheckUnloggedAsync(Run run, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            select m.id, m.stream_id, 'no ledger entry' from {_options.EventSchema}.mt_events m
            left join ledger.entries e on e.event_id = m.id where e.event_id is null
              and not (m.type = 'tombstone' and not exists (select 1 from ledger.entries c where c.case_id = m.stream_id))
            union all
            select e.event_id, e.case_id, 'neither in the log nor pending' from ledger.entries e
            where not exists (select 1 from ledger.leaves l where l.event_id = e.event_id)
              and not exists (select 1 from ledger.pending p where p.event_id = e.event_id)
            limit 1000
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            run.Add(new(AuditFindingKind.Unlogged, $"An event has {reader.GetString(2)}.", EventId: reader.GetGuid(0), CaseId: reader.GetGuid(1)));
        }
    }

    /// <summary>Sets two settings for the rest of the transaction (set_config, local) and returns their previous values.</summary>
    private static async Task<(string Name, string Value)[]> PlannerSettingsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, (string Name, string Value) first, (string Name, string Value) second,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select current_setting(@n1), current_setting(@n2), set_config(@n1, @v1, true), set_config(@n2, @v2, true)", connection, transaction);
        command.Parameters.AddWithValue("n1", first.Name);
        command.Parameters.AddWithValue("v1", first.Value);
        command.Parameters.AddWithValue("n2", second.Name);
        command.Parameters.AddWithValue("v2", second.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return [(first.Name, reader.GetString(0)), (second.Name, reader.GetString(1))];
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<IReadOnlyList<CheckpointRow>> ReadCheckpointsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = new List<CheckpointRow>();
        await using var command = new NpgsqlCommand("select tree_size, root_hash, note from ledger.checkpoints order by tree_size", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new CheckpointRow(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetString(2)));
        }

        return rows;
    }

    private static async Task<IReadOnlyList<AnchorRow>> ReadAnchorsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("select to_regclass('ledger.anchors') is not null", connection, transaction))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return [];
            }
        }

        var rows = new List<AnchorRow>();
        await using var command = new NpgsqlCommand(
            "select tree_size, root_hash, status, tx_hash from ledger.anchors order by tree_size, id", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AnchorRow(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>
    /// Whether the stored JSON is what the event's fields produce; <paramref name="writtenCanonical"/> tells whether
    /// <c>scratch.WrittenCanonical</c> then holds the canonical form of the event as written.
    /// </summary>
    private static bool StoredAsWritten(byte[] data, CaseEvent @event, LeafScratch scratch, out bool writtenCanonical)
    {
        writtenCanonical = false;
        ReadOnlySpan<byte> written;
        try
        {
            written = LeafScratch.Canonical(scratch.Serialize(@event, EventJson), scratch.WrittenCanonical);
            writtenCanonical = true;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException)
        {
            return false;
        }

        try
        {
            // The same JSON value (member order, number and string spellings aside; a repeated member is a difference):
            // the same RFC 8785 canonical bytes.
            var stored = LeafScratch.Canonical(data, scratch.StoredCanonical);
            return stored.SequenceEqual(written);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException)
        {
            return false;
        }
    }

    /// <summary>The committed form derived from the written one (enum spellings), for the event types whose shape allows it.</summary>
    internal static CommittedForm Committed { get; } = new(EventJson, MartenConfiguration.PayloadJson);

    private static JsonSerializerOptions CreateEventJson()
    {
        // Marten stores events as camel-case JSON with enums as strings; read them case-insensitively.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Each checking thread's reusable buffers: the serialized event and three canonical forms.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One per thread, kept for the thread's life; the writer holds no unmanaged resource.")]
    private sealed class LeafScratch
    {
        [ThreadStatic]
        private static LeafScratch? _current;

        private readonly ArrayBufferWriter<byte> _serialized = new(4096);
        private readonly Utf8JsonWriter _writer;

        private LeafScratch() => _writer = new Utf8JsonWriter(_serialized, new JsonWriterOptions
        {
            // Canonicalized afterwards, so any valid escaping gives the same bytes; the relaxed one escapes least.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });

        public static LeafScratch Current => _current ??= new LeafScratch();

        public ArrayBufferWriter<byte> StoredCanonical { get; } = new(4096);

        public ArrayBufferWriter<byte> WrittenCanonical { get; } = new(4096);

        public ArrayBufferWriter<byte> PayloadCanonical { get; } = new(4096);

        private byte[] _derived = new byte[4096];

        /// <summary>The first <paramref name="length"/> bytes of a reusable buffer for the derived committed form.</summary>
        public Span<byte> Derived(int length)
        {
            if (_derived.Length < length)
            {
                _derived = new byte[Math.Max(length, _derived.Length * 2)];
            }

            return _derived.AsSpan(0, length);
        }

        /// <summary>The event's JSON with <paramref name="options"/>, valid until the next call (escaping aside, as SerializeToUtf8Bytes writes it).</summary>
        public ReadOnlySpan<byte> Serialize(CaseEvent @event, JsonSerializerOptions options)
        {
            _serialized.ResetWrittenCount();
            _writer.Reset(_serialized);
            JsonSerializer.Serialize(_writer, @event, @event.GetType(), options);
            _writer.Flush();
            return _serialized.WrittenSpan;
        }

        /// <summary>The canonical bytes of <paramref name="json"/> in <paramref name="into"/>, valid until its next use.</summary>
        public static ReadOnlySpan<byte> Canonical(ReadOnlySpan<byte> json, ArrayBufferWriter<byte> into)
        {
            into.ResetWrittenCount();
            JsonCanonicalizer.Canonicalize(json, into);
            return into.WrittenSpan;
        }
    }

    private sealed record CheckpointRow(long TreeSize, byte[] RootHash, string Note);

    internal sealed record LeafCheck(byte[] LeafHash, LeafEnvelope? Envelope, bool Erased, List<AuditFinding> Findings);

    internal sealed record LeafRow(
        long Index, Guid EventId, Guid? CaseId, long CaseVersion, string? EventType, DateTimeOffset OccurredAt, byte[]? LeafInput,
        byte[] StoredLeafHash, byte[]? Salt, bool Erased, byte[]? Data, string? StoredType, Guid? StreamId, long? StreamVersion, Guid? StoredId = null)
    {
        public static LeafRow Read(NpgsqlDataReader reader)
        {
            var hasEntry = !reader.IsDBNull(2);
            return new LeafRow(
                reader.GetInt64(0),
                reader.GetGuid(1),
                hasEntry ? reader.GetGuid(2) : null,
                hasEntry ? reader.GetInt64(3) : 0,
                hasEntry ? reader.GetString(4) : null,
                hasEntry ? reader.GetFieldValue<DateTimeOffset>(5) : default,
                hasEntry ? reader.GetFieldValue<byte[]>(6) : null,
                hasEntry ? reader.GetFieldValue<byte[]>(7) : [],
                reader.IsDBNull(8) ? null : reader.GetFieldValue<byte[]>(8),
                !reader.IsDBNull(9),
                reader.IsDBNull(10) ? null : reader.GetFieldValue<byte[]>(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetGuid(12),
                reader.IsDBNull(13) ? null : reader.GetInt64(13),
                reader.IsDBNull(14) ? null : reader.GetGuid(14));
        }
    }

    private sealed record AnchorRow(long TreeSize, byte[] RootHash, string Status, string TxHash);

    private sealed class Run(AuditOptions options)
    {
        public List<AuditFinding> Findings { get; } = [];

        public List<string> Warnings { get; } = [];

        public long Count { get; private set; }

        public long Leaves { get; set; }

        public long Cases { get; set; }

        public long Erased { get; set; }

        public long AnchorsOnChain { get; set; }

        public string? Origin { get; set; } = options.Origin;

        public void Add(AuditFinding finding)
        {
            Count++;
            if (Findings.Count < options.MaxFindings)
            {
                Findings.Add(finding);
            }
        }
    }

    /// <summary>
    /// Compares the nodes the tree rebuild produces with <c>ledger.nodes</c>. The rebuild produces each level's nodes in
    /// index order; the stored nodes are read in one pass in key order (level, index) and merged with them level by level.
    /// </summary>
    private sealed class NodeCursor(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        private const int MaxBeyond = 100;

        // Level L's expected hashes, back to back in node index order (the rebuild completes them in order, without gaps).
        private readonly List<(byte[] Hashes, long Count)> _levels = [];

        public void Expect(NodeId id, byte[] hash)
        {
            while (_levels.Count <= id.Level)
            {
                _levels.Add((new byte[MerkleHash.Size * 1024], 0));
            }

            var (hashes, count) = _levels[id.Level];
            if ((count + 1) * MerkleHash.Size > hashes.Length)
            {
                Array.Resize(ref hashes, hashes.Length * 2);
            }

            hash.CopyTo(hashes, count * MerkleHash.Size);
            _levels[id.Level] = (hashes, count + 1);
        }

        public async Task FinishAsync(Run run, long leaves, CancellationToken cancellationToken)
        {
            var level = 0;
            long next = 0;
            var beyond = 0;
            await using (var command = new NpgsqlCommand("select level, idx, hash from ledger.nodes order by level, idx", connection, transaction))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = new NodeId(reader.GetInt32(0), reader.GetInt64(1));
                    while (level < id.Level)
                    {
                        Missing(run, level, next, Count(level));
                        level++;
                        next = 0;
                    }

                    if (id.Level < 0 || id.Index < 0)
                    {
                        run.Add(new(AuditFindingKind.TreeNode, "The store holds a tree node that the leaves do not produce.", Node: id));
                        continue;
                    }

                    if (id.Index >= Count(level))
                    {
                        // Not produced by the rebuild: past the log's leaves, or where the log has no perfect subtree.
                        if (id.End > leaves)
                        {
                            if (beyond++ < MaxBeyond)
                            {
                                run.Add(new(AuditFindingKind.TreeNode, "A stored tree node lies beyond the log's leaves.", Node: id));
                            }
                        }
                        else
                        {
                            run.Add(new(AuditFindingKind.TreeNode, "The store holds a tree node that the leaves do not produce.", Node: id));
                        }

                        continue;
                    }

                    Missing(run, level, next, id.Index);
                    next = id.Index + 1;
                    if (!_levels[level].Hashes.AsSpan((int)(id.Index * MerkleHash.Size), MerkleHash.Size).SequenceEqual(reader.GetFieldValue<byte[]>(2)))
                    {
                        run.Add(new(AuditFindingKind.TreeNode, "The stored tree node's hash differs from the one recomputed from the leaves.",
                            LeafIndex: id.Level == 0 ? id.Index : null, Node: id));
                    }
                }
            }

            for (; level < _levels.Count; level++, next = 0)
            {
                Missing(run, level, next, Count(level));
            }
        }

        private long Count(int level) => level < _levels.Count ? _levels[level].Count : 0;

        private static void Missing(Run run, int level, long from, long to)
        {
            for (var index = from; index < to; index++)
            {
                run.Add(new(AuditFindingKind.TreeNode, "A tree node is missing from the store.", Node: new NodeId(level, index)));
            }
        }
    }
}
