using Ledger.Domain.Cases;

namespace Ledger.Intake;

public enum IntakeQueueStatus
{
    Pending,
    Confirmed,
    Overridden,
}

/// <summary>One filing waiting in (or leaving) the clerk's intake queue.</summary>
public sealed record IntakeQueueItem(
    Guid AssessmentId,
    Guid FilingId,
    Guid CaseId,
    string FileName,
    IntakeAssessment Assessment,
    IntakeQueueStatus Status,
    Guid? ClerkId = null,
    IntakeSuggestion? Final = null,
    string? Note = null);

/// <summary>
/// The clerk's queue as a plain model, for the API and the queue page to sit on: add an assessed filing
/// (giving the command that records the suggestion), then confirm or override it (giving the review
/// command). The ledger, through the case decider, stays the record; this holds no state the events do not.
/// </summary>
public sealed class IntakeQueue
{
    private readonly Dictionary<Guid, IntakeQueueItem> _items = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<IntakeQueueItem> Pending
    {
        get
        {
            lock (_lock)
            {
                return _items.Values.Where(i => i.Status == IntakeQueueStatus.Pending).OrderBy(i => i.FileName, StringComparer.Ordinal).ToArray();
            }
        }
    }

    public IntakeQueueItem? Find(Guid assessmentId)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(assessmentId);
        }
    }

    public RecordIntakeAssessment Add(Guid assessmentId, Guid filingId, Guid caseId, IntakeAssessment assessment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        lock (_lock)
        {
            _items.TryAdd(assessmentId, new IntakeQueueItem(assessmentId, filingId, caseId, assessment.FileName, assessment, IntakeQueueStatus.Pending));
        }

        return assessment.ToCommand(caseId, assessmentId, now);
    }

    public ReviewIntake Confirm(Guid assessmentId, Guid clerkId, DateTimeOffset now) =>
        Review(assessmentId, clerkId, null, null, now);

    public ReviewIntake Override(Guid assessmentId, Guid clerkId, IntakeSuggestion final, string note, DateTimeOffset now) =>
        Review(assessmentId, clerkId, final ?? throw new ArgumentNullException(nameof(final)), note, now);

    private ReviewIntake Review(Guid assessmentId, Guid clerkId, IntakeSuggestion? final, string? note, DateTimeOffset now)
    {
        lock (_lock)
        {
            var item = _items.GetValueOrDefault(assessmentId) ?? throw new KeyNotFoundException($"No filing with assessment {assessmentId} is in the intake queue.");
            var suggested = item.Assessment.ToSuggestion();
            var decided = final ?? suggested;
            var status = decided.SameAs(suggested) ? IntakeQueueStatus.Confirmed : IntakeQueueStatus.Overridden;
            _items[assessmentId] = item with { Status = status, ClerkId = clerkId, Final = decided, Note = note };
            return new ReviewIntake(item.CaseId, assessmentId, clerkId, decided, note, now);
        }
    }
}
