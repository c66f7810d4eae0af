using System.Security.Claims;
using Ledger.Domain.Cases;

namespace Ledger.Api.Security;

/// <summary>What a caller wants to do with a case: read it, or one of the ledger's commands.</summary>
public enum CaseAction
{
    Read,
    JoinHearing,
    TransmitCriminalCase,
    FileClaim,
    Accept,
    Return,
    AdmitParticipants,
    AttachMaterial,
    FileMotion,
    DecideMotion,
    CompletePreparation,
    ScheduleHearing,
    HoldHearing,
    PostponeHearing,
    Suspend,
    Resume,
    IssueJudgment,
    EnterIntoForce,
    FileAppeal,
    DecideAppeal,
    SetAside,
    Close,
    Transfer,
    OrderErasure,
    MarkClosedCategory,

    /// <summary>Record intake triage's suggestion for a filing of a case not yet accepted (the registry's work).</summary>
    AssessIntake,

    /// <summary>Confirm or override an intake suggestion (the registry's work).</summary>
    ReviewIntake,
}

/// <summary>
/// The answer of <see cref="CaseAccess"/>: allowed; forbidden (403: the caller knows the case but may not do this);
/// or not found (404: the caller has no business with the case, so it is not told that the case exists).
/// </summary>
public enum CaseAccessDecision
{
    Allowed,
    Forbidden,
    NotFound,
}

/// <summary>How much of a case a caller may see (the highest of their roles wins).</summary>
public enum CaseVisibility
{
    /// <summary>Nothing: the case does not exist for the caller.</summary>
    None,

    /// <summary>Auditors: ids, times, statuses and hashes; no names, file names or free text.</summary>
    Redacted,

    /// <summary>Law-enforcement systems: the case's progress (status, hearings, acts, terms), no participants' data.</summary>
    Progress,

    /// <summary>Prosecutors, lawyers and parties admitted to the case: everything except participants' IINs.</summary>
    Participant,

    /// <summary>The court: judges, clerks, court systems and chairs of the case's court.</summary>
    Court,
}

/// <summary>
/// Who may see and change which case. Every case endpoint asks here before it loads more than the case state.
/// <list type="bullet">
/// <item>court systems (<c>court-system</c>): every action on the cases of their court (<c>court</c> claim = the
/// case's court), including erasure orders; they act for the court, naming the judge or participant in the request;</item>
/// <item>clerks: the registry's actions on the cases of their court (register claims, distribute to a judge, admit
/// participants, attach materials, schedule, record and postpone hearings, entry into force, close, transfer, erasure,
/// intake triage of incoming filings: recording the suggestion and confirming or overriding it);</item>
/// <item>judges: every judicial action on the cases assigned to them (<c>sub</c> = the case's judge); on the
/// unassigned cases of their court, reading, accepting and returning;</item>
/// <item>prosecutors, lawyers and parties: reading, attaching materials, filing motions and appeals and joining
/// hearings, only in cases where they are admitted in that role (<c>sub</c> = their participant id);</item>
/// <item>law-enforcement systems: transmitting criminal cases and following the ones they transmitted
/// (<c>sub</c> = the prosecutor's office named in the case);</item>
/// <item>court chairs: reading the cases of their court; auditors: reading any case, redacted; analysts: no case.</item>
/// </list>
/// A caller without any relation to an existing case gets <see cref="CaseAccessDecision.NotFound"/>, exactly as for a
/// case that does not exist.
/// </summary>
public static class CaseAccess
{
    private static readonly HashSet<CaseAction> ClerkActions =
    [
        CaseAction.Read, CaseAction.JoinHearing, CaseAction.FileClaim, CaseAction.Accept, CaseAction.AdmitParticipants,
        CaseAction.AttachMaterial, CaseAction.ScheduleHearing, CaseAction.HoldHearing, CaseAction.PostponeHearing,
        CaseAction.EnterIntoForce, CaseAction.Close, CaseAction.Transfer, CaseAction.OrderErasure, CaseAction.MarkClosedCategory,
        CaseAction.AssessIntake, CaseAction.ReviewIntake,
    ];

    private static readonly HashSet<CaseAction> AssignedJudgeActions =
    [
        CaseAction.Read, CaseAction.JoinHearing, CaseAction.AdmitParticipants, CaseAction.AttachMaterial,
        CaseAction.DecideMotion, CaseAction.CompletePreparation, CaseAction.ScheduleHearing, CaseAction.HoldHearing,
        CaseAction.PostponeHearing, CaseAction.Suspend, CaseAction.Resume, CaseAction.IssueJudgment,
        CaseAction.EnterIntoForce, CaseAction.Close, CaseAction.Transfer, CaseAction.MarkClosedCategory,
    ];

    private static readonly HashSet<CaseAction> CourtJudgeActions = [CaseAction.Read, CaseAction.Accept, CaseAction.Return];

    private static readonly HashSet<CaseAction> ParticipantActions =
        [CaseAction.Read, CaseAction.JoinHearing, CaseAction.AttachMaterial, CaseAction.FileMotion, CaseAction.FileAppeal];

    /// <summary>Whether <paramref name="user"/> may do <paramref name="action"/> on the existing case <paramref name="state"/>.</summary>
    /// <param name="transmittedBy">The prosecutor's office that transmitted a criminal case (from its first event), if any.</param>
    public static CaseAccessDecision Decide(ClaimsPrincipal user, CaseState state, CaseAction action, string? transmittedBy = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Exists)
        {
            return CaseAccessDecision.NotFound;
        }

        var related = false;
        foreach (var (allowed, _) in Relations(user, state, transmittedBy))
        {
            related = true;
            if (allowed.Contains(action))
            {
                return CaseAccessDecision.Allowed;
            }
        }

        return related ? CaseAccessDecision.Forbidden : CaseAccessDecision.NotFound;
    }

    /// <summary>
    /// Whether <paramref name="user"/> may open a new case in <paramref name="courtId"/>: a criminal case
    /// (law-enforcement systems; the court's system), or a claim (the court's system and clerks; a party filing
    /// as the claimant, <paramref name="claimantId"/> = their <c>sub</c>). A new case is never hidden: 403, not 404.
    /// </summary>
    public static CaseAccessDecision DecideNew(ClaimsPrincipal user, CaseAction action, string courtId, Guid? claimantId = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var allowed = action switch
        {
            CaseAction.TransmitCriminalCase =>
                user.IsInRole(Roles.LawEnforcementSystem) || (user.IsInRole(Roles.CourtSystem) && IsOfCourt(user, courtId)),
            CaseAction.FileClaim =>
                ((user.IsInRole(Roles.CourtSystem) || user.IsInRole(Roles.Clerk)) && IsOfCourt(user, courtId))
                || ((user.IsInRole(Roles.Party) || user.IsInRole(Roles.Lawyer)) && claimantId is { } id && SubjectId(user) == id),
            _ => false,
        };
        return allowed ? CaseAccessDecision.Allowed : CaseAccessDecision.Forbidden;
    }

    /// <summary>How much of the case the caller may see; <see cref="CaseVisibility.None"/> when it may not read it at all.</summary>
    public static CaseVisibility VisibilityOf(ClaimsPrincipal user, CaseState state, string? transmittedBy = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Exists)
        {
            return CaseVisibility.None;
        }

        var best = CaseVisibility.None;
        foreach (var (allowed, visibility) in Relations(user, state, transmittedBy))
        {
            if (allowed.Contains(CaseAction.Read) && visibility > best)
            {
                best = visibility;
            }
        }

        return best;
    }

    /// <summary>Whether the caller acts for the court (court system or clerk of the case's court) and may so name the judge or participant who acts.</summary>
    public static bool ActsForCourt(ClaimsPrincipal user, string courtId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (user.IsInRole(Roles.CourtSystem) || user.IsInRole(Roles.Clerk)) && IsOfCourt(user, courtId);
    }

    /// <summary>The caller's <c>sub</c> as a participant id, when it is one.</summary>
    public static Guid? SubjectId(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Guid.TryParse(user.FindFirst(LedgerClaims.Subject)?.Value, out var id) ? id : null;
    }

    private static bool IsOfCourt(ClaimsPrincipal user, string? courtId) =>
        courtId is { Length: > 0 } && user.FindAll(LedgerClaims.Court).Any(c => string.Equals(c.Value, courtId, StringComparison.Ordinal));

    private static IEnumerable<(HashSet<CaseAction> Allowed, CaseVisibility Visibility)> Relations(
        ClaimsPrincipal user, CaseState state, string? transmittedBy)
    {
        var subject = user.FindFirst(LedgerClaims.Subject)?.Value;
        var participantId = SubjectId(user);
        var ofCourt = IsOfCourt(user, state.CourtId);
        if (user.IsInRole(Roles.CourtSystem) && ofCourt)
        {
            yield return (AllActions, CaseVisibility.Court);
        }

        if (user.IsInRole(Roles.Clerk) && ofCourt)
        {
            yield return (ClerkActions, CaseVisibility.Court);
        }

        if (user.IsInRole(Roles.Judge) && participantId is { } judgeId)
        {
            if (state.JudgeId == judgeId)
            {
                yield return (AssignedJudgeActions, CaseVisibility.Court);
            }
            else if (state.JudgeId is null && ofCourt)
            {
                yield return (CourtJudgeActions, CaseVisibility.Court);
            }
        }

        if (user.IsInRole(Roles.CourtChair) && ofCourt)
        {
            yield return (ReadOnly, CaseVisibility.Court);
        }

        if (participantId is { } id && state.Participants.TryGetValue(id, out var participant))
        {
            var admittedAs = participant.Role switch
            {
                ParticipantRole.Prosecutor => Roles.Prosecutor,
                ParticipantRole.Lawyer => Roles.Lawyer,
                ParticipantRole.Plaintiff or ParticipantRole.Defendant or ParticipantRole.Accused
                    or ParticipantRole.Victim or ParticipantRole.ThirdParty => Roles.Party,
                _ => null,
            };
            if (admittedAs is not null && user.IsInRole(admittedAs))
            {
                yield return (ParticipantActions, CaseVisibility.Participant);
            }
        }

        if (user.IsInRole(Roles.LawEnforcementSystem) && state.Kind == CaseKind.Criminal
            && transmittedBy is not null && string.Equals(subject, transmittedBy, StringComparison.Ordinal))
        {
            yield return (TransmitterActions, CaseVisibility.Progress);
        }

        if (user.IsInRole(Roles.Auditor))
        {
            yield return (ReadOnly, CaseVisibility.Redacted);
        }
    }

    private static readonly HashSet<CaseAction> AllActions = [.. Enum.GetValues<CaseAction>()];

    private static readonly HashSet<CaseAction> ReadOnly = [CaseAction.Read];

    private static readonly HashSet<CaseAction> TransmitterActions = [CaseAction.Read, CaseAction.TransmitCriminalCase];
}
