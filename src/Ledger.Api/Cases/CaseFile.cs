using JasperFx.Events;
using Ledger.Domain.Cases;
using Marten;

namespace Ledger.Api.Cases;

/// <summary>One event of a case as the ledger stored it: its id (for receipts), version, type and time.</summary>
public sealed record CaseEventInfo(Guid EventId, long Version, string EventType, DateTimeOffset OccurredAt);

/// <summary>A document or recording carried by an event of the case, with the event that committed it.</summary>
public sealed record CaseDocument(DocumentRef Document, string Role, Guid? SubjectId, Guid? FiledBy, CaseEventInfo Event);

/// <summary>What the scheduling event said about a hearing (room, link, who takes part).</summary>
public sealed record HearingDetails(string Courtroom, string? VideoRoomUrl, IReadOnlyList<Guid> ParticipantIds, string? PostponementReason);

/// <summary>
/// A case with what its workstation views need beyond <see cref="CaseState"/>: the events (with ids for receipts),
/// every document by hash, hearing rooms and links, motion kinds, the prosecutor's office that transmitted it.
/// Folded from the stored events (erased events show "[erased]" where personal data was).
/// </summary>
public sealed class CaseFile
{
    private CaseFile(CaseState state) => State = state;

    public CaseState State { get; private set; }

    public string? ProsecutorOffice { get; private set; }

    public string? ClaimSubject { get; private set; }

    public List<CaseEventInfo> Events { get; } = [];

    public List<CaseDocument> Documents { get; } = [];

    public Dictionary<Guid, HearingDetails> Hearings { get; } = [];

    public Dictionary<Guid, string?> JudgmentOutcomes { get; } = [];

    public static CaseFile? From(IReadOnlyList<IEvent> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Count == 0)
        {
            return null;
        }

        var file = new CaseFile(CaseState.Empty);
        foreach (var e in stored)
        {
            file.Apply(e);
        }

        return file;
    }

    public static async Task<CaseFile?> LoadAsync(IDocumentStore store, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(caseId, token: cancellationToken);
        return From(events);
    }

    /// <summary>The id of the event at <paramref name="version"/>.</summary>
    public Guid? EventIdAt(long version) => version >= 1 && version <= Events.Count ? Events[(int)version - 1].EventId : null;

    private void Apply(IEvent stored)
    {
        var e = (CaseEvent)stored.Data;
        State = CaseDecider.Evolve(State, e);
        var info = new CaseEventInfo(stored.Id, stored.Version, e.EventType, e.OccurredAt);
        Events.Add(info);
        switch (e)
        {
            case CriminalCaseReceived r:
                ProsecutorOffice = r.ProsecutorOffice;
                AddAll(r.Materials, "case-material", null, null, info);
                break;
            case ClaimFiled c:
                ClaimSubject = c.Subject;
                AddAll(c.Materials, "claim-material", null, c.Claimant.ParticipantId, info);
                break;
            case CaseReturned r:
                Add(r.Ruling, "return-ruling", null, r.JudgeId, info);
                break;
            case MaterialAttached m:
                Add(m.Document, "material", m.MaterialId, m.FiledBy, info);
                break;
            case MotionFiled m:
                Add(m.Document, "motion", m.MotionId, m.FiledBy, info);
                break;
            case MotionDecided m:
                Add(m.Ruling, "motion-ruling", m.MotionId, m.JudgeId, info);
                break;
            case HearingScheduled h:
                Hearings[h.HearingId] = new HearingDetails(h.Courtroom, h.VideoRoomUrl, h.ParticipantIds, null);
                break;
            case HearingHeld h:
                AddAll(h.Recordings, "hearing-recording", h.HearingId, null, info);
                break;
            case HearingPostponed h when Hearings.TryGetValue(h.HearingId, out var details):
                Hearings[h.HearingId] = details with { PostponementReason = h.Reason };
                break;
            case ProceedingsSuspended s:
                Add(s.Ruling, "suspension-ruling", null, s.JudgeId, info);
                break;
            case JudgmentIssued j:
                JudgmentOutcomes[j.ActId] = j.Outcome;
                Add(j.Document, "judgment", j.ActId, j.JudgeId, info);
                break;
            case AppealFiled a:
                Add(a.Document, "appeal", a.AppealId, a.FiledBy, info);
                break;
            case AppealDecided a:
                Add(a.Decision, "appeal-decision", a.AppealId, null, info);
                break;
            case JudgmentSetAside s:
                Add(s.Document, "set-aside-decision", s.ActId, null, info);
                break;
            case JudgmentAmended a:
                Add(a.AmendedDocument, "amended-judgment", a.ActId, null, info);
                break;
            case CaseClosed c:
                Add(c.Ruling, "closure-ruling", null, null, info);
                break;
        }
    }

    private void Add(DocumentRef? document, string role, Guid? subjectId, Guid? filedBy, CaseEventInfo info)
    {
        if (document is not null)
        {
            Documents.Add(new CaseDocument(document, role, subjectId, filedBy, info));
        }
    }

    private void AddAll(IEnumerable<DocumentRef> documents, string role, Guid? subjectId, Guid? filedBy, CaseEventInfo info)
    {
        foreach (var document in documents)
        {
            Add(document, role, subjectId, filedBy, info);
        }
    }
}
