using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Domain.Cases;

namespace Ledger.Api.Cases;

/// <summary>Enum values in case requests and answers are camelCase names (<c>inPerson</c>, <c>expertExamination</c>), as in the ledger's payloads; numbers are refused.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;

/// <summary>
/// A document or recording, by reference: it is uploaded separately (<c>POST /api/v1/documents</c>) and committed here
/// by its SHA-256. The server takes media type, size and the verified electronic signature from the document store
/// (<c>DocumentStorage.GetRefAsync</c>), never from this reference; a media type or size given here must agree with the
/// stored ones.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DocumentReference
{
    /// <summary>SHA-256 of the content, 64 lower-case hex characters.</summary>
    [Description("SHA-256 of the content, 64 lower-case hex characters.")]
    public required string Sha256 { get; init; }

    /// <summary>What the document is, e.g. <c>indictment</c>, <c>claim</c>, <c>ruling</c>, <c>audio-recording</c>.</summary>
    [Description("What the document is, e.g. indictment, claim, ruling, audio-recording.")]
    public required string Kind { get; init; }

    public required string FileName { get; init; }

    /// <summary>Optional: the stored (detected) media type is used; when given it must be the same.</summary>
    [Description("Optional: the stored (detected) media type is used; when given it must be the same.")]
    public string? MediaType { get; init; }

    /// <summary>Optional: the stored size is used; when given it must be the same.</summary>
    [Description("Optional: the stored size is used; when given it must be the same.")]
    public long? SizeBytes { get; init; }

    /// <summary>
    /// Which stored signature over the document the event carries (SHA-256 of the CMS bytes, as returned by the upload);
    /// default: the latest verified signature, if any. A hash that is not stored for this document is refused.
    /// </summary>
    [Description("Which stored signature the event carries (SHA-256 of the CMS bytes, from the upload answer); default: the latest verified one, if any.")]
    public string? SignatureSha256 { get; init; }

    public static DocumentReference? From(DocumentRef? document) => document is null ? null : new DocumentReference
    {
        Sha256 = document.Sha256Hex, Kind = document.Kind, FileName = document.FileName,
        MediaType = document.MediaType, SizeBytes = document.SizeBytes, SignatureSha256 = document.Signature?.SignatureSha256Hex,
    };
}

/// <summary>A person admitted to a case.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ParticipantRequest
{
    /// <summary>The participant's id; their access token's <c>sub</c>.</summary>
    public required Guid ParticipantId { get; init; }

    [JsonConverter(typeof(CamelCaseEnumConverter<ParticipantRole>))]
    public required ParticipantRole Role { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>Individual identification number (12 digits), when known.</summary>
    public string? Iin { get; init; }

    public Participant ToDomain() => new(ParticipantId, Role, DisplayName, Iin);
}

/// <summary>The electronic criminal case transmitted by the prosecutor: ЕРДР number and materials.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TransmitCriminalCaseRequest
{
    /// <summary>Chosen by the sender (a new GUID), so that a retried request names the same case.</summary>
    public required Guid CaseId { get; init; }

    public required string CourtId { get; init; }

    /// <summary>Like <c>1-1234-26</c>.</summary>
    public required string CaseNumber { get; init; }

    /// <summary>The pre-trial register (ЕРДР) number, 15 digits.</summary>
    public required string ErdrNumber { get; init; }

    /// <summary>The transmitting office; only a court system recording a received case gives it (a law-enforcement system is the office of its token).</summary>
    public string? ProsecutorOffice { get; init; }

    public required IReadOnlyList<DocumentReference> Materials { get; init; }

    /// <summary>Closed categories of the case (minors, sexual offences, ...): its acts are then never published.</summary>
    public IReadOnlyList<ClosedCategory>? ClosedCategories { get; init; }
}

/// <summary>A civil or administrative claim.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FileClaimRequest
{
    public required Guid CaseId { get; init; }

    [JsonConverter(typeof(CamelCaseEnumConverter<CaseKind>))]
    public required CaseKind Kind { get; init; }

    [JsonConverter(typeof(CamelCaseEnumConverter<CaseCategory>))]
    public CaseCategory Category { get; init; } = CaseCategory.General;

    public required string CourtId { get; init; }

    /// <summary>Like <c>2-1234-26</c>.</summary>
    public required string CaseNumber { get; init; }

    public required string Subject { get; init; }

    public required ParticipantRequest Claimant { get; init; }

    public required IReadOnlyList<DocumentReference> Materials { get; init; }

    /// <summary>Closed categories of the case (minors, adoption, ...): its acts are then never published.</summary>
    public IReadOnlyList<ClosedCategory>? ClosedCategories { get; init; }
}

/// <summary>
/// Marks the case as of a closed category (a clerk, the judge or the court system, at any time before the case is
/// closed): none of its acts is published, and an act already published is withdrawn.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MarkClosedCategoryRequest
{
    [JsonConverter(typeof(CamelCaseEnumConverter<ClosedCategory>))]
    public required ClosedCategory Category { get; init; }
}

/// <summary>Acceptance into proceedings by a judge (the judge's id is their token's <c>sub</c>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AcceptCaseRequest
{
    /// <summary>The judge; a judge accepting the case gives their own id or leaves it out.</summary>
    public Guid? JudgeId { get; init; }

    /// <summary>The judge's name as shown in the case (default: the token's <c>name</c>).</summary>
    public string? JudgeName { get; init; }

    /// <summary>
    /// The judge's IIN (12 digits), when known: the judge's signature on judgments and rulings is then checked against
    /// it; without it, against the judge's name.
    /// </summary>
    public string? JudgeIin { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ReturnCaseRequest
{
    public Guid? JudgeId { get; init; }

    public required string Reason { get; init; }

    public DocumentReference? Ruling { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AdmitParticipantsRequest
{
    public required IReadOnlyList<ParticipantRequest> Participants { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AttachMaterialRequest
{
    /// <summary>Default: a new id.</summary>
    public Guid? MaterialId { get; init; }

    public required DocumentReference Document { get; init; }

    /// <summary>Who files it; a participant filing their own material leaves it out.</summary>
    public Guid? FiledBy { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FileMotionRequest
{
    public Guid? MotionId { get; init; }

    /// <summary>For example <c>expert-examination</c>, <c>summon-witness</c>, <c>reinstate-term</c>.</summary>
    public required string Kind { get; init; }

    public required DocumentReference Document { get; init; }

    public Guid? FiledBy { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DecideMotionRequest
{
    [JsonConverter(typeof(CamelCaseEnumConverter<MotionOutcome>))]
    public required MotionOutcome Outcome { get; init; }

    public DocumentReference? Ruling { get; init; }

    public Guid? JudgeId { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CompletePreparationRequest
{
    public Guid? JudgeId { get; init; }
}

/// <summary>A hearing: in person, by video (the room link is made by the video-conference service) or mobile.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ScheduleHearingRequest
{
    public Guid? HearingId { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    [JsonConverter(typeof(CamelCaseEnumConverter<HearingFormat>))]
    public required HearingFormat Format { get; init; }

    public required string Courtroom { get; init; }

    /// <summary>Who is summoned; default: everyone admitted to the case.</summary>
    public IReadOnlyList<Guid>? ParticipantIds { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record HoldHearingRequest
{
    /// <summary>The audio and video recordings of the hearing (at least one).</summary>
    public required IReadOnlyList<DocumentReference> Recordings { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PostponeHearingRequest
{
    public required string Reason { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SuspendProceedingsRequest
{
    [JsonConverter(typeof(CamelCaseEnumConverter<SuspensionGround>))]
    public required SuspensionGround Ground { get; init; }

    public string? Note { get; init; }

    public DocumentReference? Ruling { get; init; }

    public Guid? JudgeId { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ResumeProceedingsRequest
{
    public string? Note { get; init; }

    public Guid? JudgeId { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record IssueJudgmentRequest
{
    public Guid? ActId { get; init; }

    [JsonConverter(typeof(CamelCaseEnumConverter<ActKind>))]
    public required ActKind Kind { get; init; }

    public required DocumentReference Document { get; init; }

    /// <summary>A short summary of the outcome (personal data: erased with the event).</summary>
    public string? Outcome { get; init; }

    public Guid? JudgeId { get; init; }
}

/// <summary>Entry into force takes no fields: the body may be empty or <c>{}</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record EnterIntoForceRequest;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FileAppealRequest
{
    public Guid? AppealId { get; init; }

    public required Guid ActId { get; init; }

    public required DocumentReference Document { get; init; }

    /// <summary>For a late appeal: the granted motion that reinstated the missed term.</summary>
    public Guid? ReinstatementMotionId { get; init; }

    public Guid? FiledBy { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DecideAppealRequest
{
    [JsonConverter(typeof(CamelCaseEnumConverter<AppealOutcome>))]
    public required AppealOutcome Outcome { get; init; }

    public required string AppellateCourtId { get; init; }

    public required DocumentReference Decision { get; init; }

    /// <summary>Required when the outcome is <c>amended</c>.</summary>
    public DocumentReference? AmendedAct { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SetAsideJudgmentRequest
{
    /// <summary>For example <c>cassation</c>, <c>new-circumstances</c>.</summary>
    public required string Ground { get; init; }

    public required DocumentReference Document { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CloseCaseRequest
{
    [JsonConverter(typeof(CamelCaseEnumConverter<ClosureReason>))]
    public required ClosureReason Reason { get; init; }

    public DocumentReference? Ruling { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TransferCaseRequest
{
    public required string ToCourtId { get; init; }

    public required string Reason { get; init; }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record OrderErasureRequest
{
    public Guid? ErasureId { get; init; }

    [JsonConverter(typeof(CamelCaseEnumConverter<ErasureReason>))]
    public required ErasureReason Reason { get; init; }

    /// <summary>The court order's number, for a court order.</summary>
    public string? OrderReference { get; init; }

    /// <summary>Versions (1-based) of the events whose personal data is erased.</summary>
    public required IReadOnlyList<long> EventVersions { get; init; }
}
