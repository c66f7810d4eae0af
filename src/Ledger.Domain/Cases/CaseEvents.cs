using System.Collections.Frozen;
using System.Text.Json.Serialization;

namespace Ledger.Domain.Cases;

/// <summary>
/// An event in a case's life. Every event carries the case id and the moment it happened, has a
/// stable published <see cref="EventType"/> name (part of the Merkle leaf envelope: never renamed),
/// lists the SHA-256 of every document or recording it carries, and can give a copy with its
/// personal data erased.
/// </summary>
public abstract record CaseEvent
{
    public abstract Guid CaseId { get; init; }

    [JsonIgnore]
    public abstract DateTimeOffset OccurredAt { get; }

    /// <summary>The stable published name of this event type, e.g. "case-accepted".</summary>
    [JsonIgnore]
    public string EventType => CaseEventTypes.NameOf(GetType());

    /// <summary>The SHA-256 (lower-case hex) of every document and recording this event carries, in a fixed order.</summary>
    [JsonIgnore]
    public virtual IReadOnlyList<string> DocumentHashes => [];

    /// <summary>A copy with every <see cref="PersonalDataAttribute"/> value replaced by <see cref="PersonalData.Erased"/>.</summary>
    public virtual CaseEvent Redact() => this;

    private protected static IReadOnlyList<string> Hashes(params DocumentRef?[] documents) =>
        documents.Where(d => d is not null).Select(d => d!.Sha256Hex).ToArray();

    private protected static IReadOnlyList<string> Hashes(IEnumerable<DocumentRef> documents) =>
        documents.Select(d => d.Sha256Hex).ToArray();
}

/// <summary>
/// A criminal case transmitted by the prosecutor, with its pre-trial register (ЕРДР) number and materials, and the
/// closed categories it belongs to when the sender named any (absent from the JSON otherwise, so the committed form
/// of cases received without them is unchanged).
/// </summary>
public sealed record CriminalCaseReceived(
    Guid CaseId,
    string CourtId,
    string CaseNumber,
    string ErdrNumber,
    string ProsecutorOffice,
    IReadOnlyList<DocumentRef> Materials,
    DateTimeOffset ReceivedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ClosedCategory>? ClosedCategories = null) : CaseEvent
{
    public override DateTimeOffset OccurredAt => ReceivedAt;

    public override IReadOnlyList<string> DocumentHashes => Hashes(Materials);

    public override CaseEvent Redact() => this with { Materials = Materials.Select(m => m.Redact()).ToArray() };
}

/// <summary>A civil or administrative claim filed electronically; closed categories as in <see cref="CriminalCaseReceived"/>.</summary>
public sealed record ClaimFiled(
    Guid CaseId,
    CaseKind Kind,
    CaseCategory Category,
    string CourtId,
    string CaseNumber,
    [property: PersonalData] string Subject,
    Participant Claimant,
    IReadOnlyList<DocumentRef> Materials,
    DateTimeOffset FiledAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ClosedCategory>? ClosedCategories = null) : CaseEvent
{
    public override DateTimeOffset OccurredAt => FiledAt;

    public override IReadOnlyList<string> DocumentHashes => Hashes(Materials);

    public override CaseEvent Redact() => this with
    {
        Subject = PersonalData.Erased,
        Claimant = Claimant.Redact(),
        Materials = Materials.Select(m => m.Redact()).ToArray(),
    };
}

/// <summary>
/// The case was found to belong to a closed category (minors, sexual offences, adoption, state secrets, closed
/// hearing): none of its acts is ever published, and an act already published is withdrawn.
/// </summary>
public sealed record ClosedCategoryMarked(Guid CaseId, ClosedCategory Category, DateTimeOffset MarkedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => MarkedAt;
}

/// <summary>The case was accepted into proceedings and assigned to a judge.</summary>
public sealed record CaseAccepted(Guid CaseId, Participant Judge, DateTimeOffset AcceptedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => AcceptedAt;

    public override CaseEvent Redact() => this with { Judge = Judge.Redact() };
}

/// <summary>The claim or criminal case was returned without acceptance.</summary>
public sealed record CaseReturned(
    Guid CaseId,
    Guid JudgeId,
    [property: PersonalData] string Reason,
    DocumentRef? Ruling,
    DateTimeOffset ReturnedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => ReturnedAt;

    public override IReadOnlyList<string> DocumentHashes => Hashes(Ruling);

    public override CaseEvent Redact() => this with { Reason = PersonalData.Erased, Ruling = Ruling?.Redact() };
}

public sealed record ParticipantsAdmitted(Guid CaseId, IReadOnlyList<Participant> Participants, DateTimeOffset AdmittedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => AdmittedAt;

    public override CaseEvent Redact() => this with { Participants = Participants.Select(p => p.Redact()).ToArray() };
}

public sealed record MaterialAttached(Guid CaseId, Guid MaterialId, DocumentRef Document, Guid FiledBy, DateTimeOffset AttachedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => AttachedAt;

    public override IReadOnlyList<string> DocumentHashes => Hashes(Document);

    public override CaseEvent Redact() => this with { Document = Document.Redact() };
}

public sealed record MotionFiled(
    Guid CaseId,
    Guid MotionId,
    Guid FiledBy,
    ParticipantRole By,
    string Kind,
    DocumentRef Document,
    DateTimeOffset FiledAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => FiledAt;

    public override IReadOnlyList<string> DocumentHashes => Hashes(Document);

    public override CaseEvent Redact() => this with { Document = Document.Redact() };
}

public sealed record MotionDecided(
    Guid CaseId,
    Guid MotionId,
    MotionOutcome Outcome,
    Guid JudgeId,
    DocumentRef? Ruling,
    DateTimeOffset DecidedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => DecidedAt;

    public override IReadOnlyList<string> DocumentHashes => Hashes(Ruling);

    public override CaseEvent Redact() => this with { Ruling = Ruling?.Redact() };
}

/// <summary>Preparation for trial ended (the civil consideration term starts here).</summary>
public sealed record PreparationCompleted(Guid CaseId, Guid JudgeId, DateTimeOffset CompletedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => CompletedAt;
}

public sealed record HearingScheduled(
    Guid CaseId,
    Guid HearingId,
    DateTimeOffset StartsAt,
    HearingFormat Format,
    string Courtroom,
    string? VideoRoomUrl,
    IReadOnlyList<Guid> ParticipantIds,
    DateTimeOffset ScheduledAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => ScheduledAt;
}

/// <summary>A hearing took place; its audio/video recordings are committed by hash.</summary>
public sealed record HearingHeld(Guid CaseId, Guid HearingId, IReadOnlyList<DocumentRef> Recordings, DateTimeOffset HeldAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => HeldAt;

    public override IReadOnlyList<string> DocumentHashes => Hashes(Recordings);

    public override CaseEvent Redact() => this with { Recordings = Recordings.Select(r => r.Redact()).ToArray() };
}

public sealed record HearingPostponed(Guid CaseId, Guid HearingId, [property: PersonalData] string Reason, DateTimeOffset PostponedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => PostponedAt;

    public override CaseEvent Redact() => this with { Reason = PersonalData.Erased };
}

public sealed record ProceedingsSuspended(
    Guid CaseId,
    Guid JudgeId,
    SuspensionGround Ground,
    [property: PersonalData] string? Note,
    DocumentRef? Ruling,
    DateTimeOffset SuspendedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => SuspendedAt;

    public override IReadOnlyList<string> DocumentHashes => Hashes(Ruling);

    public override CaseEvent Redact() => this with { Note = PersonalData.Erase(Note), Ruling = Ruling?.Redact() };
}

public sealed record ProceedingsResumed(Guid CaseId, Guid JudgeId, [property: PersonalData] string? Note, DateTimeOffset ResumedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => ResumedAt;

    public override CaseEvent Redact() => this with { Note = PersonalData.Erase(Note) };
}

/// <summary>A judgment (decision, verdict) or final ruling was issued by the assigned judge.</summary>
public sealed record JudgmentIssued(
    Guid CaseId,
    Guid ActId,
    ActKind Kind,
    Guid JudgeId,
    DocumentRef Document,
    [property: PersonalData] string? Outcome,
    DateTimeOffset IssuedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => IssuedAt;

    public override IReadOnlyList<string> DocumentHashes => Hashes(Document);

    public override CaseEvent Redact() => this with { Outcome = PersonalData.Erase(Outcome), Document = Document.Redact() };
}

public sealed record JudgmentEnteredIntoForce(Guid CaseId, Guid ActId, DateTimeOffset EffectiveAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => EffectiveAt;
}

public sealed record AppealFiled(
    Guid CaseId,
    Guid AppealId,
    Guid ActId,
    Guid FiledBy,
    ParticipantRole By,
    DocumentRef Document,
    bool LateWithReinstatedTerm,
    DateTimeOffset FiledAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => FiledAt;

    public override IReadOnlyList<string> DocumentHashes => Hashes(Document);

    public override CaseEvent Redact() => this with { Document = Document.Redact() };
}

public sealed record AppealDecided(
    Guid CaseId,
    Guid AppealId,
    Guid ActId,
    AppealOutcome Outcome,
    string AppellateCourtId,
    DocumentRef Decision,
    DateTimeOffset DecidedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => DecidedAt;

    public override IReadOnlyList<string> DocumentHashes => Hashes(Decision);

    public override CaseEvent Redact() => this with { Decision = Decision.Redact() };
}

/// <summary>A judgment was set aside (on appeal, cassation or new circumstances); the case returns for a new consideration.</summary>
public sealed record JudgmentSetAside(
    Guid CaseId,
    Guid ActId,
    Guid? AppealId,
    [property: PersonalData] string Ground,
    DocumentRef Document,
    DateTimeOffset SetAsideAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => SetAsideAt;

    public override IReadOnlyList<string> DocumentHashes => Hashes(Document);

    public override CaseEvent Redact() => this with { Ground = PersonalData.Erased, Document = Document.Redact() };
}

/// <summary>A judgment was amended on appeal; the amended text is committed by hash.</summary>
public sealed record JudgmentAmended(Guid CaseId, Guid ActId, Guid AppealId, DocumentRef AmendedDocument, DateTimeOffset AmendedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => AmendedAt;

    public override IReadOnlyList<string> DocumentHashes => Hashes(AmendedDocument);

    public override CaseEvent Redact() => this with { AmendedDocument = AmendedDocument.Redact() };
}

public sealed record CaseClosed(Guid CaseId, ClosureReason Reason, DocumentRef? Ruling, DateTimeOffset ClosedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => ClosedAt;

    public override IReadOnlyList<string> DocumentHashes => Hashes(Ruling);

    public override CaseEvent Redact() => this with { Ruling = Ruling?.Redact() };
}

public sealed record CaseTransferred(Guid CaseId, string ToCourtId, [property: PersonalData] string Reason, DateTimeOffset TransferredAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => TransferredAt;

    public override CaseEvent Redact() => this with { Reason = PersonalData.Erased };
}

/// <summary>
/// Erasure of the payloads of earlier events of the case (court order or end of retention). The
/// events stay in the log; their payload and salt are deleted so every proof remains valid.
/// </summary>
public sealed record ErasureOrdered(
    Guid CaseId,
    Guid ErasureId,
    ErasureReason Reason,
    string? OrderReference,
    IReadOnlyList<long> ErasedVersions,
    DateTimeOffset OrderedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => OrderedAt;
}

/// <summary>
/// Intake triage suggested how to register a filing (category, parties, amount, simplified procedure,
/// court, completeness), with the model version and the reasons. A suggestion only: a clerk decides
/// (<see cref="IntakeReviewed"/>).
/// </summary>
public sealed record IntakeAssessed(
    Guid CaseId,
    Guid AssessmentId,
    DocumentRef Filing,
    IntakeSuggestion Suggestion,
    string ModelVersion,
    IReadOnlyList<IntakeReason> Reasons,
    DateTimeOffset AssessedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => AssessedAt;

    public override IReadOnlyList<string> DocumentHashes => Hashes(Filing);

    public override CaseEvent Redact() => this with
    {
        Filing = Filing.Redact(),
        Suggestion = Suggestion.Redact(),
        Reasons = Reasons.Select(r => r.Redact()).ToArray(),
    };
}

/// <summary>A clerk confirmed or overrode an intake suggestion; <see cref="Final"/> holds the values the clerk decided.</summary>
public sealed record IntakeReviewed(
    Guid CaseId,
    Guid AssessmentId,
    Guid ClerkId,
    IntakeReviewOutcome Outcome,
    IntakeSuggestion Final,
    [property: PersonalData] string? Note,
    DateTimeOffset ReviewedAt) : CaseEvent
{
    public override DateTimeOffset OccurredAt => ReviewedAt;

    public override CaseEvent Redact() => this with { Final = Final.Redact(), Note = PersonalData.Erase(Note) };
}

/// <summary>The published event-type names. Once published a name never changes.</summary>
public static class CaseEventTypes
{
    private static readonly FrozenDictionary<Type, string> Names = new Dictionary<Type, string>
    {
        [typeof(CriminalCaseReceived)] = "criminal-case-received",
        [typeof(ClaimFiled)] = "claim-filed",
        [typeof(CaseAccepted)] = "case-accepted",
        [typeof(CaseReturned)] = "case-returned",
        [typeof(ParticipantsAdmitted)] = "participants-admitted",
        [typeof(MaterialAttached)] = "material-attached",
        [typeof(MotionFiled)] = "motion-filed",
        [typeof(MotionDecided)] = "motion-decided",
        [typeof(PreparationCompleted)] = "preparation-completed",
        [typeof(HearingScheduled)] = "hearing-scheduled",
        [typeof(HearingHeld)] = "hearing-held",
        [typeof(HearingPostponed)] = "hearing-postponed",
        [typeof(ProceedingsSuspended)] = "proceedings-suspended",
        [typeof(ProceedingsResumed)] = "proceedings-resumed",
        [typeof(JudgmentIssued)] = "judgment-issued",
        [typeof(JudgmentEnteredIntoForce)] = "judgment-entered-into-force",
        [typeof(AppealFiled)] = "appeal-filed",
        [typeof(AppealDecided)] = "appeal-decided",
        [typeof(JudgmentSetAside)] = "judgment-set-aside",
        [typeof(JudgmentAmended)] = "judgment-amended",
        [typeof(CaseClosed)] = "case-closed",
        [typeof(CaseTransferred)] = "case-transferred",
        [typeof(ErasureOrdered)] = "erasure-ordered",
        [typeof(IntakeAssessed)] = "intake-assessed",
        [typeof(IntakeReviewed)] = "intake-reviewed",
        [typeof(ClosedCategoryMarked)] = "closed-category-marked",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Type> Types =
        Names.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    /// <summary>Every event type with its published name.</summary>
    public static IReadOnlyDictionary<Type, string> All => Names;

    public static string NameOf(Type eventType) =>
        Names.TryGetValue(eventType, out var name)
            ? name
            : throw new ArgumentException($"{eventType.Name} is not a published case event type.", nameof(eventType));

    public static string NameOf<TEvent>() where TEvent : CaseEvent => NameOf(typeof(TEvent));

    public static Type? TypeOf(string name) => Types.GetValueOrDefault(name);
}
