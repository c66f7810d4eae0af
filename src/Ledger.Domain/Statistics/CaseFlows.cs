using Ledger.Domain.Cases;

namespace Ledger.Domain.Statistics;

/// <summary>
/// What one event adds to the flow counters of the situation center. A case enters the pending caseload of the
/// first-instance court when it is received, and again when its judgment is set aside (it returns for a new
/// consideration: <see cref="Reopened"/>); it leaves the caseload when it is resolved: a judgment is issued
/// (<see cref="Decided"/>), or the case is returned, closed without a judgment (withdrawal, settlement,
/// termination, left without consideration) or transferred to another court. Archiving a case whose judgment is in
/// force is not a resolution (the case was resolved when the judgment was issued). So, for any set of cases,
/// pending at the end = pending at the start + received + reopened − resolved.
/// </summary>
public readonly record struct FlowCounts(
    int Received,
    int Reopened,
    int Accepted,
    int Decided,
    int Resolved,
    int Suspended,
    int Resumed,
    int AppealsFiled,
    int AppealsDecided,
    int SetAsideOnAppeal,
    int SetAside)
{
    public static FlowCounts Zero => default;

    /// <summary>Incoming caseload in CEPEJ terms: received plus reopened.</summary>
    public int Incoming => Received + Reopened;

    /// <summary>Net change of the pending caseload.</summary>
    public int PendingChange => Incoming - Resolved;

    public bool IsZero => this == default;

    public static FlowCounts operator +(FlowCounts a, FlowCounts b) => new(
        a.Received + b.Received, a.Reopened + b.Reopened, a.Accepted + b.Accepted, a.Decided + b.Decided,
        a.Resolved + b.Resolved, a.Suspended + b.Suspended, a.Resumed + b.Resumed, a.AppealsFiled + b.AppealsFiled,
        a.AppealsDecided + b.AppealsDecided, a.SetAsideOnAppeal + b.SetAsideOnAppeal, a.SetAside + b.SetAside);

    public static FlowCounts operator -(FlowCounts a, FlowCounts b) => new(
        a.Received - b.Received, a.Reopened - b.Reopened, a.Accepted - b.Accepted, a.Decided - b.Decided,
        a.Resolved - b.Resolved, a.Suspended - b.Suspended, a.Resumed - b.Resumed, a.AppealsFiled - b.AppealsFiled,
        a.AppealsDecided - b.AppealsDecided, a.SetAsideOnAppeal - b.SetAsideOnAppeal, a.SetAside - b.SetAside);

    public static FlowCounts Add(FlowCounts left, FlowCounts right) => left + right;

    public static FlowCounts Subtract(FlowCounts left, FlowCounts right) => left - right;
}

/// <summary>Classifies case events into flow counters (stateless: the event alone decides).</summary>
public static class CaseFlows
{
    /// <summary>The counters one event adds; zero for events that do not move a counter.</summary>
    public static FlowCounts Of(CaseEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return @event switch
        {
            CriminalCaseReceived or ClaimFiled => new FlowCounts { Received = 1 },
            CaseAccepted => new FlowCounts { Accepted = 1 },
            JudgmentIssued => new FlowCounts { Decided = 1, Resolved = 1 },
            CaseReturned or CaseTransferred => new FlowCounts { Resolved = 1 },
            CaseClosed c when c.Reason != ClosureReason.Archived => new FlowCounts { Resolved = 1 },
            JudgmentSetAside s => new FlowCounts { Reopened = 1, SetAside = 1, SetAsideOnAppeal = s.AppealId is null ? 0 : 1 },
            ProceedingsSuspended => new FlowCounts { Suspended = 1 },
            ProceedingsResumed => new FlowCounts { Resumed = 1 },
            AppealFiled => new FlowCounts { AppealsFiled = 1 },
            AppealDecided => new FlowCounts { AppealsDecided = 1 },
            _ => FlowCounts.Zero,
        };
    }

    /// <summary>Whether a case in this status is in the pending caseload of the first-instance court.</summary>
    public static bool IsPending(CaseStatus status) =>
        status is CaseStatus.Received or CaseStatus.Accepted or CaseStatus.ReadyForTrial or CaseStatus.Suspended;
}
