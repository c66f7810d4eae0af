using Ledger.Domain.Cases;
using Ledger.Projections.Ledger;
using Marten;

namespace Ledger.Projections.Cases;

/// <summary>
/// Handles case commands: loads the case, runs the decider, appends the resulting events to the ledger.
/// An erasure order also blanks the personal data of the named events (payload in the event store, salt in the
/// ledger entry) in the same transaction; the leaves, and so every proof, stay as they were.
/// </summary>
public sealed class CaseLedger
{
    private readonly IDocumentStore _store;
    private readonly LedgerAppender<CaseState> _appender;

    /// <param name="keptCases">At most this many cases have their state kept in memory (see <see cref="LedgerAppender{TState}"/>).</param>
    /// <param name="keptEvents">At most this many events over all kept case states.</param>
    public CaseLedger(IDocumentStore store, string origin, int keptCases = 100_000, long keptEvents = 500_000)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _appender = new LedgerAppender<CaseState>(
            store, origin, Describe, Storage.MartenConfiguration.PayloadJson, CaseState.Empty, (state, e) => CaseDecider.Evolve(state, (CaseEvent)e),
            keptCases, keptEvents);
    }

    public LedgerAppender<CaseState> Appender => _appender;

    public static LedgerEventDescription Describe(object @event)
    {
        var e = @event as CaseEvent ?? throw new ArgumentException($"{@event?.GetType().Name} is not a case event.", nameof(@event));
        return new LedgerEventDescription(e.EventType, e.OccurredAt, e.DocumentHashes);
    }

    /// <summary>
    /// Decides <paramref name="command"/> on the case's current state and appends the events.
    /// <paramref name="authorize"/>, when given, runs on the very state the command is decided on (after a reload, when
    /// the kept state was stale) and refuses by throwing; nothing is appended then.
    /// </summary>
    public Task<AppendResult> HandleAsync(
        CaseCommand command, long? expectedVersion = null, string? idempotencyKey = null, byte[]? requestHash = null,
        CancellationToken cancellationToken = default) =>
        HandleAsync(command, expectedVersion, idempotencyKey, requestHash, authorize: null, cancellationToken);

    /// <inheritdoc cref="HandleAsync(CaseCommand, long?, string?, byte[], CancellationToken)"/>
    public async Task<AppendResult> HandleAsync(
        CaseCommand command, long? expectedVersion, string? idempotencyKey, byte[]? requestHash, Action<CaseState>? authorize,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = await _appender.AppendAsync(
            command.CaseId,
            expectedVersion,
            idempotencyKey,
            requestHash ?? [],
            state =>
            {
                authorize?.Invoke(state);
                return CaseDecider.Decide(command, state);
            },
            command is OrderErasure ? EraseAsync : null,
            cancellationToken);
        if (command is OrderErasure)
        {
            // The state kept in memory was built from the events before they were blanked.
            _appender.Forget(command.CaseId);
        }

        return result;
    }

    /// <summary>Blanks the personal data of the events an erasure order names, in the erasure's own transaction.</summary>
    private async Task EraseAsync(IDocumentSession session, IReadOnlyList<object> events, IReadOnlyList<AppendedEvent> appended)
    {
        foreach (var erasure in events.OfType<ErasureOrdered>())
        {
            var eventId = appended.Single(a => a.EventType == erasure.EventType).EventId;
            var history = await session.Events.FetchStreamAsync(erasure.CaseId);
            var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
            foreach (var version in erasure.ErasedVersions)
            {
                var original = history.SingleOrDefault(e => e.Version == version);
                if (original?.Data is not CaseEvent caseEvent)
                {
                    continue;
                }

                var json = session.DocumentStore.Options.Serializer().ToJson(caseEvent.Redact());
                session.QueueSqlCommand(
                    $"update {schema}.mt_events set data = ?::jsonb where stream_id = ? and version = ?",
                    json, erasure.CaseId, version);
                session.QueueSqlCommand(
                    "update ledger.entries set salt = null, erased_at = ?, erasure_event = ? where event_id = ?",
                    erasure.OrderedAt.ToUniversalTime(), eventId, original.Id);
            }
        }
    }

    /// <summary>
    /// The case's version and state as the next append starts from: kept in memory for recently used cases (no round
    /// trip), else read from the store. Version 0 for a case that does not exist. See <see cref="LedgerAppender{TState}.GetStateAsync"/>.
    /// </summary>
    public Task<(long Version, CaseState State)> GetStateAsync(Guid caseId, CancellationToken cancellationToken = default) =>
        _appender.GetStateAsync(caseId, cancellationToken);

    public async Task<CaseState?> LoadAsync(Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var session = _store.QuerySession();
        var events = await session.Events.FetchStreamAsync(caseId, token: cancellationToken);
        return events.Count == 0 ? null : CaseDecider.Fold(events.Select(e => (CaseEvent)e.Data));
    }
}
