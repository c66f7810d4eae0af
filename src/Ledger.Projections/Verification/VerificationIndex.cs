using System.Text.Json;
using JasperFx.Events;
using Ledger.Domain.Cases;
using Marten;

namespace Ledger.Projections.Verification;

/// <summary>One row of the verification index, queued into the append transaction.</summary>
internal abstract record IndexRow
{
    public abstract void Queue(IDocumentOperations operations, string schema);
}

internal sealed record DocumentRow(byte[] Sha256, Guid EventId, Guid CaseId, string EventType, DateTimeOffset OccurredAt, Guid? ActId) : IndexRow
{
    public override void Queue(IDocumentOperations operations, string schema) => operations.QueueSqlCommand(
        $"insert into {schema}.{VerificationIndexProjection.DocumentsTable} (sha256, event_id, case_id, event_type, occurred_at, act_id) " +
        "values (?, ?, ?, ?, ?, ?) on conflict do nothing",
        Sha256, EventId, CaseId, EventType, OccurredAt.ToUniversalTime(), (object?)ActId ?? DBNull.Value);
}

internal sealed record ActRow(Guid ActId, Guid EventId, Guid CaseId, string EventType, DateTimeOffset OccurredAt, string? ActKind, string? Outcome, byte[]? Document) : IndexRow
{
    public override void Queue(IDocumentOperations operations, string schema) => operations.QueueSqlCommand(
        $"insert into {schema}.{VerificationIndexProjection.ActsTable} (act_id, event_id, case_id, event_type, occurred_at, act_kind, outcome, document) " +
        "values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
        ActId, EventId, CaseId, EventType, OccurredAt.ToUniversalTime(), (object?)ActKind ?? DBNull.Value, (object?)Outcome ?? DBNull.Value, (object?)Document ?? DBNull.Value);
}

internal sealed record CaseRow(Guid CaseId, string CaseNumber, string CourtId, string CaseKind) : IndexRow
{
    public override void Queue(IDocumentOperations operations, string schema) => operations.QueueSqlCommand(
        $"insert into {schema}.{VerificationIndexProjection.CasesTable} (case_id, case_number, court_id, case_kind) values (?, ?, ?, ?) on conflict do nothing",
        CaseId, CaseNumber, CourtId, CaseKind);
}

/// <summary>
/// The verification index: what it records for each case event, and its rebuild from the event store.
/// Reading is done by <see cref="DocumentVerifier"/>.
/// </summary>
public static class VerificationIndex
{
    internal static IEnumerable<IndexRow> RowsOf(Guid eventId, CaseEvent e)
    {
        var type = e.EventType;
        var at = e.OccurredAt;
        Guid? actId = e switch
        {
            JudgmentIssued j => j.ActId,
            JudgmentAmended a => a.ActId,
            JudgmentSetAside s => s.ActId,
            AppealDecided d => d.ActId,
            AppealFiled f => f.ActId,
            _ => null,
        };

        switch (e)
        {
            case ClaimFiled c:
                yield return new CaseRow(c.CaseId, c.CaseNumber, c.CourtId, KindName(c.Kind));
                break;
            case CriminalCaseReceived c:
                yield return new CaseRow(c.CaseId, c.CaseNumber, c.CourtId, KindName(CaseKind.Criminal));
                break;
        }

        foreach (var hex in e.DocumentHashes.Distinct(StringComparer.Ordinal))
        {
            yield return new DocumentRow(Convert.FromHexString(hex), eventId, e.CaseId, type, at, actId);
        }

        switch (e)
        {
            case JudgmentIssued j:
                yield return new ActRow(j.ActId, eventId, j.CaseId, type, at, Name(j.Kind), null, Convert.FromHexString(j.Document.Sha256Hex));
                break;
            case JudgmentEnteredIntoForce f:
                yield return new ActRow(f.ActId, eventId, f.CaseId, type, at, null, null, null);
                break;
            case AppealFiled f:
                yield return new ActRow(f.ActId, eventId, f.CaseId, type, at, null, null, Convert.FromHexString(f.Document.Sha256Hex));
                break;
            case AppealDecided d:
                yield return new ActRow(d.ActId, eventId, d.CaseId, type, at, null, Name(d.Outcome), Convert.FromHexString(d.Decision.Sha256Hex));
                break;
            case JudgmentSetAside s:
                yield return new ActRow(s.ActId, eventId, s.CaseId, type, at, null, null, Convert.FromHexString(s.Document.Sha256Hex));
                break;
            case JudgmentAmended a:
                yield return new ActRow(a.ActId, eventId, a.CaseId, type, at, null, null, Convert.FromHexString(a.AmendedDocument.Sha256Hex));
                break;
        }
    }

    private static string KindName(CaseKind kind) => Name(kind);

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>
    /// Empties the index and fills it again from every event in the store (the index is a read model: it can always
    /// be rebuilt). Returns the number of events read.
    /// </summary>
    public static async Task<long> RebuildAsync(IDocumentStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var schema = store.Options.DatabaseSchemaName;
        await using (var clear = store.LightweightSession())
        {
            clear.QueueSqlCommand(
                $"truncate {schema}.{VerificationIndexProjection.DocumentsTable}, {schema}.{VerificationIndexProjection.ActsTable}, {schema}.{VerificationIndexProjection.CasesTable}");
            await clear.SaveChangesAsync(cancellationToken);
        }

        long count = 0;
        long after = 0;
        while (true)
        {
            await using var query = store.QuerySession();
            var batch = await query.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Take(2000)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return count;
            }

            await using var session = store.LightweightSession();
            foreach (IEvent e in batch)
            {
                if (e.Data is CaseEvent data)
                {
                    foreach (var row in RowsOf(e.Id, data))
                    {
                        row.Queue(session, schema);
                    }
                }
            }

            await session.SaveChangesAsync(cancellationToken);
            count += batch.Count;
            after = batch[^1].Sequence;
        }
    }
}
