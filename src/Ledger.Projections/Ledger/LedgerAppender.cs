using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using JasperFx.Events;
using Ledger.Domain.Integrity;
using Marten;
using Npgsql;

namespace Ledger.Projections.Ledger;

/// <summary>What the ledger commits to for one event besides its payload.</summary>
public sealed record LedgerEventDescription(string EventType, DateTimeOffset OccurredAt, IReadOnlyList<string> DocumentHashes);

/// <summary>One appended event: its id, version in the case, and leaf hash (hex).</summary>
public sealed record AppendedEvent(Guid EventId, long Version, string EventType, string LeafHash);

/// <summary>The outcome of an append. <see cref="Replayed"/> is true when an idempotency key matched an earlier append.</summary>
public sealed record AppendResult(Guid CaseId, long Version, IReadOnlyList<AppendedEvent> Events, bool Replayed);

/// <summary>The case changed since the client read it (stale <c>If-Match</c>, or a concurrent append).</summary>
public sealed class CaseVersionConflictException(Guid caseId, long? expected, long actual)
    : Exception($"The case was changed by someone else: you expected version {expected}, it is now at version {actual}. Reload the case and try again.")
{
    public Guid CaseId { get; } = caseId;
    public long? Expected { get; } = expected;
    public long Actual { get; } = actual;
}

/// <summary>An idempotency key was reused for a different request.</summary>
public sealed class IdempotencyKeyReusedException(string key)
    : Exception($"The idempotency key '{key}' was already used for a different request. Use a new key for a new request.")
{
    public string Key { get; } = key;
}

/// <summary>
/// Appends events to a case stream in Marten and, in the same transaction, writes their ledger entries: the
/// leaf input (canonical envelope with the per-case hash chain and the salted payload commitment), the leaf
/// hash and the salt (and, as column defaults, the writing transaction's id and an insertion number: the sequencer's
/// order). Either all of it is stored or none of it.
/// <para>
/// The state of recently used cases (version, folded state, last leaf hash) is kept in memory, so a typical append is
/// one round trip: Marten's quick append checks the expected version in the database, and a stale cache (another
/// instance appended) shows up as a version conflict, after which the case is reloaded and decided again.
/// </para>
/// <para>
/// That memory is bounded twice: at most <c>cacheLimit</c> cases (default 100 000) and at most <c>cacheEventLimit</c>
/// events over all kept states (default 500 000, the sum of their versions, counted approximately). A kept state grows
/// with its case (a case state keeps a record per material, motion, hearing ...: about 330 bytes per
/// <c>MaterialAttached</c> event measured in the end-to-end soak), so a case count alone does not bound the bytes;
/// 500 000 events are roughly 170 MB at that size. When either bound would be passed, everything kept is dropped and
/// cases are read again from the store as they are used.
/// </para>
/// </summary>
public sealed class LedgerAppender<TState>
    where TState : class
{
    private readonly IDocumentStore _store;
    private readonly string _origin;
    private readonly Func<object, LedgerEventDescription> _describe;
    private readonly JsonSerializerOptions _payloadJson;
    private readonly TState _initial;
    private readonly Func<TState, object, TState> _evolve;
    private readonly ConcurrentDictionary<Guid, CaseSnapshot> _cache = new();
    private readonly int _cacheLimit;
    private readonly long _cacheEventLimit;
    private long _cachedCases;
    private long _cachedEvents;

    private sealed record CaseSnapshot(long Version, TState State, byte[]? LastLeafHash);

    public LedgerAppender(
        IDocumentStore store, string origin, Func<object, LedgerEventDescription> describe, JsonSerializerOptions payloadJson,
        TState initial, Func<TState, object, TState> evolve, int cacheLimit = 100_000, long cacheEventLimit = 500_000)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _origin = origin ?? throw new ArgumentNullException(nameof(origin));
        _describe = describe ?? throw new ArgumentNullException(nameof(describe));
        _payloadJson = payloadJson ?? throw new ArgumentNullException(nameof(payloadJson));
        _initial = initial ?? throw new ArgumentNullException(nameof(initial));
        _evolve = evolve ?? throw new ArgumentNullException(nameof(evolve));
        _cacheLimit = cacheLimit;
        _cacheEventLimit = cacheEventLimit;
    }

    /// <summary>How many cases have a kept state now (approximate under concurrent appends to one case).</summary>
    internal long CachedCases => Interlocked.Read(ref _cachedCases);

    /// <summary>How many events the kept states hold together (the sum of their versions; approximate likewise).</summary>
    internal long CachedEvents => Interlocked.Read(ref _cachedEvents);

    /// <summary>The canonical payload bytes of an event (RFC 8785 over its JSON form).</summary>
    public byte[] CanonicalPayload(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        // Serialized to UTF-8 and parsed once: much cheaper than SerializeToElement, and the same JSON value.
        return JsonCanonicalizer.Canonicalize(JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), _payloadJson));
    }

    /// <summary>Per-thread buffers of <see cref="ComputeEntry"/>, reused across appends (used without awaiting in between).</summary>
    private sealed class EntryScratch
    {
        public readonly ArrayBufferWriter<byte> Json = new(1024);
        public readonly ArrayBufferWriter<byte> Canonical = new(1024);
        public readonly ArrayBufferWriter<byte> LeafInput = new(512);
        public Utf8JsonWriter? Writer;
        public JsonSerializerOptions? WriterFor;
    }

    [ThreadStatic]
    private static EntryScratch? _scratch;

    private const int KeepScratchAtMost = 1 << 20;

    /// <summary>
    /// The leaf input and leaf hash of one event: the payload serialized (into a reused buffer) and canonicalized
    /// (RFC 8785, into a reused buffer), committed with <paramref name="salt"/> by a reused hasher, and the envelope
    /// written into a reused buffer. The bytes are exactly those of <see cref="CanonicalPayload"/>,
    /// <see cref="PayloadCommitment.Compute(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> and <see cref="LeafEnvelope.ToLeafInput"/>.
    /// </summary>
    internal static (byte[] LeafInput, byte[] LeafHash) ComputeEntry(
        string origin, JsonSerializerOptions payloadJson, Guid caseId, long version, object data, LedgerEventDescription description,
        byte[]? previousLeafHash, byte[] salt)
    {
        var scratch = _scratch ??= new EntryScratch();

        // The JSON form, written as SerializeToUtf8Bytes would (same options, same writer settings); the canonical
        // form does not depend on the writer's whitespace or escaping anyway.
        scratch.Json.ResetWrittenCount();
        if (scratch.Writer is null || !ReferenceEquals(scratch.WriterFor, payloadJson))
        {
            scratch.Writer?.Dispose();
            scratch.Writer = new Utf8JsonWriter(scratch.Json, new JsonWriterOptions
            {
                Encoder = payloadJson.Encoder,
                Indented = payloadJson.WriteIndented,
                MaxDepth = payloadJson.MaxDepth,
                SkipValidation = true,
            });
            scratch.WriterFor = payloadJson;
        }
        else
        {
            scratch.Writer.Reset(scratch.Json);
        }

        JsonSerializer.Serialize(scratch.Writer, data, data.GetType(), payloadJson);
        scratch.Writer.Flush();
        scratch.Canonical.ResetWrittenCount();
        JsonCanonicalizer.Canonicalize(scratch.Json.WrittenSpan, scratch.Canonical);
        var commitment = new byte[MerkleHash.Size];
        PayloadCommitment.Compute(salt, scratch.Canonical.WrittenSpan, commitment);

        var hexHashes = description.DocumentHashes;
        var documents = new byte[hexHashes.Count][];
        for (var d = 0; d < documents.Length; d++)
        {
            documents[d] = Convert.FromHexString(hexHashes[d]);
        }

        var envelope = new LeafEnvelope(
            LeafEnvelope.CurrentVersion, origin, caseId, version, description.EventType, description.OccurredAt,
            previousLeafHash, commitment, documents);
        scratch.LeafInput.ResetWrittenCount();
        envelope.WriteLeafInput(scratch.LeafInput);
        var leafInput = scratch.LeafInput.WrittenSpan.ToArray();
        var leafHash = new byte[MerkleHash.Size];
        MerkleHash.LeafHash(leafInput, leafHash);
        if (scratch.Json.Capacity > KeepScratchAtMost || scratch.Canonical.Capacity > KeepScratchAtMost)
        {
            // An unusually large payload: do not keep its buffers for the life of the thread.
            scratch.Writer.Dispose();
            _scratch = null;
        }

        return (leafInput, leafHash);
    }

    /// <summary>Forgets the cached state of a case (after an erasure, or when it may have changed elsewhere).</summary>
    public void Forget(Guid caseId)
    {
        if (_cache.TryRemove(caseId, out var removed))
        {
            Interlocked.Decrement(ref _cachedCases);
            Interlocked.Add(ref _cachedEvents, -removed.Version);
        }
    }

    /// <summary>
    /// The version and state of a case as the next append would start from: the state kept in memory when the case was
    /// used recently, otherwise read from the store (and then kept). Version 0 (and the initial state) for a case that
    /// does not exist. The kept state may be stale when another instance appended; <see cref="AppendAsync"/> finds that
    /// out in the database and decides again on the reloaded state, so callers that authorize on this state should
    /// check again inside <c>decide</c>.
    /// </summary>
    public async Task<(long Version, TState State)> GetStateAsync(Guid caseId, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(caseId, out var snapshot))
        {
            return (snapshot.Version, snapshot.State);
        }

        snapshot = await LoadAsync(caseId, cancellationToken);
        if (snapshot.Version > 0)
        {
            Remember(caseId, snapshot);
        }

        return (snapshot.Version, snapshot.State);
    }

    /// <summary>
    /// Lets <paramref name="decide"/> produce new events from the case's current state, and appends them.
    /// <paramref name="expectedVersion"/> (from <c>If-Match</c>) must equal the current version when given.
    /// </summary>
    public async Task<AppendResult> AppendAsync(
        Guid caseId,
        long? expectedVersion,
        string? idempotencyKey,
        byte[] requestHash,
        Func<TState, IReadOnlyList<object>> decide,
        Func<IDocumentSession, IReadOnlyList<object>, IReadOnlyList<AppendedEvent>, Task>? alsoInTransaction = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(requestHash);

        // A known key answers (or refuses) before anything is decided or written.
        if (idempotencyKey is not null && await FindIdempotentAsync(idempotencyKey, requestHash, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        for (var attempt = 0; ; attempt++)
        {
            var fromCache = _cache.TryGetValue(caseId, out var snapshot);
            if (snapshot is null || (expectedVersion is { } wanted && wanted != snapshot.Version))
            {
                // Missing, or the client knows a version the cache does not: read the truth.
                snapshot = await LoadAsync(caseId, cancellationToken);
                fromCache = false;
            }

            try
            {
                return await AppendOnceAsync(caseId, snapshot, expectedVersion, idempotencyKey, requestHash, decide, alsoInTransaction, cancellationToken);
            }
            catch (CaseVersionConflictException) when (fromCache && attempt < 3)
            {
                // The cached state was stale (another instance appended): reload and decide again.
                Forget(caseId);
            }
            catch
            {
                Forget(caseId);
                throw;
            }
        }
    }

    private async Task<AppendResult> AppendOnceAsync(
        Guid caseId,
        CaseSnapshot snapshot,
        long? expectedVersion,
        string? idempotencyKey,
        byte[] requestHash,
        Func<TState, IReadOnlyList<object>> decide,
        Func<IDocumentSession, IReadOnlyList<object>, IReadOnlyList<AppendedEvent>, Task>? alsoInTransaction,
        CancellationToken cancellationToken)
    {
        var currentVersion = snapshot.Version;
        if (expectedVersion is { } expected && expected != currentVersion)
        {
            if (idempotencyKey is not null && await FindIdempotentAsync(idempotencyKey, requestHash, cancellationToken) is { } replay)
            {
                return replay;
            }

            throw new CaseVersionConflictException(caseId, expected, currentVersion);
        }

        IReadOnlyList<object> newEvents;
        try
        {
            newEvents = decide(snapshot.State);
        }
        catch when (idempotencyKey is not null)
        {
            // A retried request whose first attempt succeeded is refused by the new state: answer as the first time.
            if (await FindIdempotentAsync(idempotencyKey, requestHash, cancellationToken) is { } replay)
            {
                return replay;
            }

            throw;
        }

        await using var session = _store.LightweightSession();
        var appended = new List<AppendedEvent>(newEvents.Count);
        var state = snapshot.State;
        var previousLeafHash = snapshot.LastLeafHash;
        if (newEvents.Count > 0)
        {
            var count = newEvents.Count;
            var entries = new LedgerEntryInsert[count];
            var wrapped = new object[count];
            for (var i = 0; i < count; i++)
            {
                var data = newEvents[i];
                var description = _describe(data);
                var version = currentVersion + i + 1;
                var salt = new byte[PayloadCommitment.SaltSize];
                RandomNumberGenerator.Fill(salt);
                var (leafInput, leafHash) = ComputeEntry(_origin, _payloadJson, caseId, version, data, description, previousLeafHash, salt);
                var eventId = Guid.CreateVersion7();

                var wrappedEvent = session.Events.BuildEvent(data);
                wrappedEvent.Id = eventId;
                wrapped[i] = wrappedEvent;

                entries[i] = new LedgerEntryInsert(
                    eventId, caseId, version, description.EventType, description.OccurredAt.ToUniversalTime(), leafInput, leafHash, salt);
                appended.Add(new AppendedEvent(eventId, version, description.EventType, Convert.ToHexStringLower(leafHash)));
                previousLeafHash = leafHash;
                state = _evolve(state, data);
            }

            if (currentVersion == 0)
            {
                session.Events.StartStream(caseId, wrapped);
            }
            else
            {
                session.Events.Append(caseId, currentVersion + count, wrapped);
            }

            // One insert per event writes its entry (its transaction id and insertion order, which the sequencer reads,
            // are the columns' defaults), in the same batch and round trip as Marten's append; the statement is
            // prepared on the server after its first uses (LedgerDataSource).
            foreach (var entry in entries)
            {
                session.QueueOperation(entry);
            }
            if (alsoInTransaction is not null)
            {
                await alsoInTransaction(session, newEvents, appended);
            }
        }

        var result = new AppendResult(caseId, currentVersion + newEvents.Count, appended, Replayed: false);
        if (idempotencyKey is not null)
        {
            session.QueueSqlCommand(
                "insert into ledger.idempotency (key, request_hash, case_id, result) values (?, ?, ?, ?::jsonb)",
                idempotencyKey, requestHash, caseId, JsonSerializer.Serialize(result, IdempotencyJson));
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (idempotencyKey is not null && IsUniqueViolation(ex, "idempotency_pkey"))
        {
            // The key was used before (a retry, or a concurrent request with the same key): answer as the first
            // time, or refuse a different body. Nothing of this attempt was stored.
            Forget(caseId);
            return await FindIdempotentAsync(idempotencyKey, requestHash, cancellationToken)
                ?? throw new IdempotencyKeyReusedException(idempotencyKey);
        }
        catch (Exception ex) when (IsStreamConflict(ex))
        {
            Forget(caseId);
            await using var fresh = _store.QuerySession();
            var streamState = await fresh.Events.FetchStreamStateAsync(caseId, cancellationToken);
            throw new CaseVersionConflictException(caseId, expectedVersion ?? currentVersion, streamState?.Version ?? 0);
        }

        if (newEvents.Count > 0)
        {
            Remember(caseId, new CaseSnapshot(result.Version, state, previousLeafHash));
        }

        return result;
    }

    private void Remember(Guid caseId, CaseSnapshot snapshot)
    {
        // The counts are kept beside the dictionary (its Count takes every lock) and may drift a little when two appends
        // to one case race; dropping everything resets them.
        if (Interlocked.Read(ref _cachedCases) >= _cacheLimit || Interlocked.Read(ref _cachedEvents) + snapshot.Version > _cacheEventLimit)
        {
            _cache.Clear();
            Interlocked.Exchange(ref _cachedCases, 0);
            Interlocked.Exchange(ref _cachedEvents, 0);
        }

        if (_cache.TryGetValue(caseId, out var previous))
        {
            Interlocked.Add(ref _cachedEvents, snapshot.Version - previous.Version);
        }
        else
        {
            Interlocked.Increment(ref _cachedCases);
            Interlocked.Add(ref _cachedEvents, snapshot.Version);
        }

        _cache[caseId] = snapshot;
    }

    private async Task<CaseSnapshot> LoadAsync(Guid caseId, CancellationToken cancellationToken)
    {
        await using var session = _store.QuerySession();
        var stream = await session.Events.FetchStreamAsync(caseId, token: cancellationToken);
        var state = _initial;
        foreach (var e in stream)
        {
            state = _evolve(state, e.Data);
        }

        var version = stream.Count == 0 ? 0 : stream[^1].Version;
        byte[]? lastLeafHash = null;
        if (version > 0)
        {
            var connection = (NpgsqlConnection)session.Connection!;
            await using var command = new NpgsqlCommand("select leaf_hash from ledger.entries where event_id = @id", connection);
            command.Parameters.AddWithValue("id", stream[^1].Id);
            lastLeafHash = await command.ExecuteScalarAsync(cancellationToken) as byte[]
                ?? throw new InvalidOperationException($"The ledger entry of version {version} of case {caseId} is missing.");
        }

        return new CaseSnapshot(version, state, lastLeafHash);
    }

    private static readonly JsonSerializerOptions IdempotencyJson = new(JsonSerializerDefaults.Web);

    private async Task<AppendResult?> FindIdempotentAsync(string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        // A plain pooled connection: a query session's Connection would open a read-only transaction (BEGIN and
        // ROLLBACK around the one query, two more round trips on every keyed append).
        await using var connection = _store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select request_hash, result::text from ledger.idempotency where key = @key", connection);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var storedHash = reader.GetFieldValue<byte[]>(0);
        if (!CryptographicOperations.FixedTimeEquals(storedHash, requestHash))
        {
            throw new IdempotencyKeyReusedException(key);
        }

        var stored = JsonSerializer.Deserialize<AppendResult>(reader.GetString(1), IdempotencyJson)!;
        return stored with { Replayed = true };
    }

    private static bool IsStreamConflict(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            var name = e.GetType().Name;
            if (name is "EventStreamUnexpectedMaxEventIdException" or "ConcurrencyException" or "ExistingStreamIdCollisionException")
            {
                return true;
            }

            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg &&
                (pg.ConstraintName?.Contains("stream", StringComparison.Ordinal) == true ||
                 pg.ConstraintName == "entries_case_id_case_version_key"))
            {
                return true;
            }

            if (e is PostgresException { SqlState: "MT003" })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUniqueViolation(Exception ex, string constraint)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg && pg.ConstraintName == constraint)
            {
                return true;
            }
        }

        return false;
    }
}
