using Ledger.Projections.Ledger;

namespace Ledger.Api.Cases;

/// <summary>One event appended by a command: its id (receipts are fetched by it), version in the case, type and leaf hash (hex).</summary>
public sealed record AppendedEventResponse(Guid EventId, long Version, string EventType, string LeafHash, string ReceiptUrl);

/// <summary>
/// The answer to a case command: the case's version after it (also the <c>ETag</c>) and the events it appended.
/// <c>replayed</c> is true when the <c>Idempotency-Key</c> matched an earlier identical request (nothing new was stored);
/// an empty <c>events</c> list means the command repeated something already done.
/// </summary>
public sealed record AppendResponse(Guid CaseId, long Version, IReadOnlyList<AppendedEventResponse> Events, bool Replayed)
{
    public static AppendResponse From(AppendResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new AppendResponse(
            result.CaseId, result.Version,
            [.. result.Events.Select(e => new AppendedEventResponse(e.EventId, e.Version, e.EventType, e.LeafHash, ReceiptUrl(e.EventId)))],
            result.Replayed);
    }

    public static string ReceiptUrl(Guid eventId) => $"/api/v1/receipts/{eventId}";
}

/// <summary>A participant as the caller may see them (no IIN unless the caller is the court; no name for auditors).</summary>
public sealed record ParticipantResponse(Guid ParticipantId, string Role, string? DisplayName, string? Iin);

/// <summary>A procedural term: what runs, until when, and where it stands (<c>running</c>, <c>met</c>, <c>breached</c>, <c>expired</c>, <c>cancelled</c>).</summary>
public sealed record DeadlineResponse(
    string Kind, string RuleId, Guid? SubjectId, string Type, string Obligation, DateTimeOffset StartsAt, DateOnly DueOn,
    DateTimeOffset DueAt, string Status, bool Overdue, DateTimeOffset? ClosedAt);

public sealed record ActResponse(
    Guid ActId, string Kind, string Status, Guid JudgeId, string DocumentHash, string? AmendedDocumentHash,
    string? Outcome, DateTimeOffset IssuedAt, DateTimeOffset? InForceAt);

public sealed record AppealResponse(Guid AppealId, Guid ActId, Guid FiledBy, string Status, string? Outcome, DateTimeOffset FiledAt);

public sealed record SuspensionResponse(string Ground, DateTimeOffset From, DateTimeOffset? To);

/// <summary>A case as the caller may see it (<c>visibility</c>: <c>court</c>, <c>participant</c>, <c>progress</c> or <c>redacted</c>).</summary>
public sealed record CaseResponse
{
    public required Guid CaseId { get; init; }

    public required string CaseNumber { get; init; }

    public required string Kind { get; init; }

    public required string Category { get; init; }

    public required string CourtId { get; init; }

    public string? CourtName { get; init; }

    public required string Status { get; init; }

    public required long Version { get; init; }

    public required string Visibility { get; init; }

    public Guid? JudgeId { get; init; }

    public string? ErdrNumber { get; init; }

    public string? ProsecutorOffice { get; init; }

    public string? ClaimSubject { get; init; }

    public DateTimeOffset? ReceivedAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? ClosureReason { get; init; }

    public string? TransferredTo { get; init; }

    public required IReadOnlyList<ParticipantResponse> Participants { get; init; }

    public required IReadOnlyList<SuspensionResponse> Suspensions { get; init; }

    public required IReadOnlyList<ActResponse> Acts { get; init; }

    public required IReadOnlyList<AppealResponse> Appeals { get; init; }

    public required IReadOnlyList<DeadlineResponse> Deadlines { get; init; }

    public required int MaterialCount { get; init; }

    public required int HearingCount { get; init; }

    /// <summary>Closed categories recorded for the case (<c>minors</c>, <c>sexualOffence</c>, <c>adoption</c>, <c>stateSecrets</c>, <c>closedHearing</c>): its acts are never published.</summary>
    public IReadOnlyList<string> ClosedCategories { get; init; } = [];
}

/// <summary>A case in a list of the caller's cases.</summary>
public sealed record CaseSummaryResponse(
    Guid CaseId, string CaseNumber, string Kind, string CourtId, string Status, long Version, DateTimeOffset? ReceivedAt,
    int OverdueDeadlines, DateOnly? NextDueOn);

public sealed record CaseListResponse(IReadOnlyList<CaseSummaryResponse> Cases, int Limit, int Offset);

/// <summary>A document of the case with the event that committed it and that event's receipt.</summary>
public sealed record CourtroomDocumentResponse(
    string Sha256, string Kind, string? FileName, string MediaType, long SizeBytes, string Role, Guid? SubjectId,
    Guid? FiledBy, string? FiledByName, Guid EventId, long EventVersion, string EventType, DateTimeOffset At, string ReceiptUrl,
    CourtroomSignatureResponse? Signature = null);

/// <summary>
/// The verified electronic signature an event carries for a document: which (SHA-256 of the CMS bytes, downloadable at
/// <c>/api/v1/documents/{sha256}/signatures/{signatureSha256}</c>), by whom (name for participants and the court, IIN for
/// the court only), the verdict and when it was reached.
/// </summary>
public sealed record CourtroomSignatureResponse(
    string SignatureSha256, string? SignerName, string? Iin, string Status, string Algorithm, DateTimeOffset? SigningTime, DateTimeOffset VerifiedAt);

public sealed record CourtroomMotionResponse(
    Guid MotionId, string Kind, Guid FiledBy, string? FiledByName, string Status, string? Outcome, DateTimeOffset FiledAt);

/// <summary>How the caller joins a video hearing: the room link with a short-lived join token for them.</summary>
public sealed record HearingJoinResponse(string Url, string Token, DateTimeOffset ExpiresAt);

public sealed record CourtroomHearingResponse(
    Guid HearingId, DateTimeOffset StartsAt, string Format, string Status, string Courtroom, string? VideoRoomUrl,
    IReadOnlyList<Guid> ParticipantIds, IReadOnlyList<string> RecordingHashes, string? PostponementReason, HearingJoinResponse? Join);

/// <summary>The electronic courtroom of one case for the caller's workstation.</summary>
public sealed record CourtroomResponse(
    CaseResponse Case,
    Guid? You,
    IReadOnlyList<CourtroomDocumentResponse> Documents,
    IReadOnlyList<CourtroomMotionResponse> Motions,
    IReadOnlyList<CourtroomHearingResponse> Hearings);
