namespace Ledger.Domain.Cases;

/// <summary>A request to change a case. <see cref="Now"/> is filled by the endpoint; domain code never reads the clock.</summary>
public abstract record CaseCommand
{
    public abstract Guid CaseId { get; init; }

    public abstract DateTimeOffset Now { get; init; }
}

public sealed record ReceiveCriminalCase(
    Guid CaseId, string CourtId, string CaseNumber, string ErdrNumber, string ProsecutorOffice,
    IReadOnlyList<DocumentRef> Materials, DateTimeOffset Now, IReadOnlyList<ClosedCategory>? ClosedCategories = null) : CaseCommand;

public sealed record FileClaim(
    Guid CaseId, CaseKind Kind, CaseCategory Category, string CourtId, string CaseNumber, string Subject,
    Participant Claimant, IReadOnlyList<DocumentRef> Materials, DateTimeOffset Now, IReadOnlyList<ClosedCategory>? ClosedCategories = null) : CaseCommand;

/// <summary>Records that the case belongs to a closed category; allowed at any time before the case is closed. A repeat is a no-op.</summary>
public sealed record MarkClosedCategory(Guid CaseId, ClosedCategory Category, DateTimeOffset Now) : CaseCommand;

public sealed record AcceptCase(Guid CaseId, Participant Judge, DateTimeOffset Now) : CaseCommand;

public sealed record ReturnCase(Guid CaseId, Guid JudgeId, string Reason, DocumentRef? Ruling, DateTimeOffset Now) : CaseCommand;

public sealed record AdmitParticipants(Guid CaseId, IReadOnlyList<Participant> Participants, DateTimeOffset Now) : CaseCommand;

public sealed record AttachMaterial(Guid CaseId, Guid MaterialId, DocumentRef Document, Guid FiledBy, DateTimeOffset Now) : CaseCommand;

public sealed record FileMotion(Guid CaseId, Guid MotionId, Guid FiledBy, string Kind, DocumentRef Document, DateTimeOffset Now) : CaseCommand;

public sealed record DecideMotion(Guid CaseId, Guid MotionId, Guid JudgeId, MotionOutcome Outcome, DocumentRef? Ruling, DateTimeOffset Now) : CaseCommand;

public sealed record CompletePreparation(Guid CaseId, Guid JudgeId, DateTimeOffset Now) : CaseCommand;

public sealed record ScheduleHearing(
    Guid CaseId, Guid HearingId, DateTimeOffset StartsAt, HearingFormat Format, string Courtroom,
    string? VideoRoomUrl, IReadOnlyList<Guid> ParticipantIds, DateTimeOffset Now) : CaseCommand;

public sealed record HoldHearing(Guid CaseId, Guid HearingId, IReadOnlyList<DocumentRef> Recordings, DateTimeOffset Now) : CaseCommand;

public sealed record PostponeHearing(Guid CaseId, Guid HearingId, string Reason, DateTimeOffset Now) : CaseCommand;

public sealed record SuspendProceedings(
    Guid CaseId, Guid JudgeId, SuspensionGround Ground, string? Note, DocumentRef? Ruling, DateTimeOffset Now) : CaseCommand;

public sealed record ResumeProceedings(Guid CaseId, Guid JudgeId, string? Note, DateTimeOffset Now) : CaseCommand;

public sealed record IssueJudgment(
    Guid CaseId, Guid ActId, ActKind Kind, Guid JudgeId, DocumentRef Document, string? Outcome, DateTimeOffset Now) : CaseCommand;

public sealed record EnterJudgmentIntoForce(Guid CaseId, Guid ActId, DateTimeOffset Now) : CaseCommand;

/// <summary>An appeal (or private complaint against a ruling). A late appeal names the granted motion that reinstated the term.</summary>
public sealed record FileAppeal(
    Guid CaseId, Guid AppealId, Guid ActId, Guid FiledBy, DocumentRef Document, Guid? ReinstatementMotionId, DateTimeOffset Now) : CaseCommand;

public sealed record DecideAppeal(
    Guid CaseId, Guid AppealId, AppealOutcome Outcome, string AppellateCourtId, DocumentRef Decision,
    DocumentRef? AmendedAct, DateTimeOffset Now) : CaseCommand;

/// <summary>Sets aside a judgment outside the appeal (cassation, new or newly discovered circumstances).</summary>
public sealed record SetAsideJudgment(Guid CaseId, Guid ActId, string Ground, DocumentRef Document, DateTimeOffset Now) : CaseCommand;

public sealed record CloseCase(Guid CaseId, ClosureReason Reason, DocumentRef? Ruling, DateTimeOffset Now) : CaseCommand;

public sealed record TransferCase(Guid CaseId, string ToCourtId, string Reason, DateTimeOffset Now) : CaseCommand;

public sealed record OrderErasure(
    Guid CaseId, Guid ErasureId, ErasureReason Reason, string? OrderReference, IReadOnlyList<long> EventVersions, DateTimeOffset Now) : CaseCommand;

/// <summary>Records what intake triage suggested for a filing of a received case. <see cref="ModelVersion"/> names the classifier and corpus used.</summary>
public sealed record RecordIntakeAssessment(
    Guid CaseId, Guid AssessmentId, DocumentRef Filing, IntakeSuggestion Suggestion, string ModelVersion,
    IReadOnlyList<IntakeReason> Reasons, DateTimeOffset Now) : CaseCommand;

/// <summary>A clerk's decision on an intake suggestion: <see cref="Final"/> equal to the suggestion confirms it, anything else overrides it (a note is then required).</summary>
public sealed record ReviewIntake(
    Guid CaseId, Guid AssessmentId, Guid ClerkId, IntakeSuggestion Final, string? Note, DateTimeOffset Now) : CaseCommand;
