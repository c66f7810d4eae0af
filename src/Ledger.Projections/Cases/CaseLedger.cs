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
    private readonly LedgerAppender _appender;

    public CaseLedger(IDocumentStore store, string origin)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _appender = new LedgerAppender(store, origin, Describe, Storage.MartenConfiguration.PayloadJson);
    }

    public LedgerAppender Appender => _appender;

    public static LedgerEventDescription Describe(object @event)
    {
        var e = @event as CaseEvent ?? throw new ArgumentException($"{@event?.GetType().Name} is not a case event.", nameof(@event));
        return new LedgerEventDescription(e.EventType, e.OccurredAt, e.DocumentHashes);
    }

    public Task<AppendResult> HandleAsync(
        CaseCommand command, long? expectedVersion = null, string? idempotencyKey = null, byte[]? requestHash = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        IReadOnlyList<CaseEvent> historyEvents = [];
        return _appender.AppendAsync(
            command.CaseId,
            expectedVersion,
            idempotencyKey,
            requestHash ?? [],
            history =>
            {
                historyEvents = [.. history.Cast<CaseEvent>()];
                var state = CaseDecider.Fold(historyEvents);
                return CaseDecider.Decide(command, state);
            },
            (session, events, appended) =>
            {
                foreach (var erasure in events.OfType<ErasureOrdered>())
                {
                    var eventId = appended.Single(a => a.EventType == erasure.EventType).EventId;
                    foreach (var version in erasure.ErasedVersions)
                    {
                        if (version < 1 || version > historyEvents.Count)
                        {
                            continue;
                        }

                        var redacted = historyEvents[(int)version - 1].Redact();
                        var json = session.DocumentStore.Options.Serializer().ToJson(redacted);
                        session.QueueSqlCommand(
                            $"update {Storage.MartenConfiguration.Schema}.mt_events set data = ?::jsonb where stream_id = ? and version = ?",
                            json, command.CaseId, version);
                        session.QueueSqlCommand(
                            "update ledger.entries set salt = null, erased_at = ?, erasure_event = ? where case_id = ? and case_version = ?",
                            erasure.OrderedAt.ToUniversalTime(), eventId, command.CaseId, version);
                    }
                }
            },
            cancellationToken);
    }

    public async Task<CaseState?> LoadAsync(Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var session = _store.QuerySession();
        var events = await session.Events.FetchStreamAsync(caseId, token: cancellationToken);
        return events.Count == 0 ? null : CaseDecider.Fold(events.Select(e => (CaseEvent)e.Data));
    }
}
