using System.ComponentModel;
using System.Text.Json.Serialization;
using Ledger.Api.Cases;

namespace Ledger.Api.Intake;

/// <summary>The clerk's decision on an intake suggestion.</summary>
public enum IntakeDecisionKind
{
    /// <summary>Keep the suggestion as it is.</summary>
    Confirm,

    /// <summary>Register the filing differently: another subcategory, procedure or court, with the reason.</summary>
    Override,
}

/// <summary>The procedure the clerk chooses when overriding: the simplified (small-claims) procedure or the general one.</summary>
public enum IntakeProcedure
{
    Simplified,
    General,
}

/// <summary>
/// JSON of <c>POST /api/v1/intake/cases/{caseId}/filings</c> for a filing already uploaded (<c>POST /api/v1/documents</c>):
/// its SHA-256, and what intake should know about it. (A file can instead be sent directly as multipart form data.)
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record IntakeSubmissionRequest
{
    /// <summary>SHA-256 of the uploaded filing (PDF or DOCX), 64 hex characters.</summary>
    [Description("SHA-256 of the uploaded filing (PDF or DOCX), 64 hex characters.")]
    public required string Sha256 { get; init; }

    /// <summary>The file name to record (the document store keeps none); default: the hash with the type's extension.</summary>
    public string? FileName { get; init; }

    /// <summary>The day the filing was received (picks the year's МРП); default: today in Kazakhstan.</summary>
    public DateOnly? FiledOn { get; init; }

    /// <summary>Names of the other files uploaded with the filing (checked for the required attachments).</summary>
    public IReadOnlyList<string>? AttachmentNames { get; init; }
}

/// <summary>
/// JSON of <c>POST /api/v1/intake/cases/{caseId}/filings/{assessmentId}/decision</c>: confirm the suggestion, or override it
/// with the clerk's subcategory, procedure and court (any of them) and the reason, which an override requires.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record IntakeDecisionRequest
{
    [JsonConverter(typeof(CamelCaseEnumConverter<IntakeDecisionKind>))]
    [Description("confirm: keep the suggestion; override: register with the values given here.")]
    public required IntakeDecisionKind Decision { get; init; }

    /// <summary>Override: the subcategory (debt-loan, alimony, divorce, reinstatement, consumer, property, inheritance, paternity, special-proceedings, administrative, criminal); kind and category follow from it.</summary>
    [Description("Override: the subcategory (debt-loan, alimony, divorce, reinstatement, consumer, property, inheritance, paternity, special-proceedings, administrative, criminal); the case kind and category follow from it.")]
    public string? Subcategory { get; init; }

    /// <summary>Override: simplified (small-claims) or general procedure.</summary>
    [JsonConverter(typeof(CamelCaseEnumConverter<IntakeProcedure>))]
    public IntakeProcedure? Procedure { get; init; }

    /// <summary>Override: the competent court (a district court id of the registry).</summary>
    public string? CourtId { get; init; }

    /// <summary>Why the clerk decided so; required for an override, optional for a confirmation.</summary>
    public string? Reason { get; init; }

    /// <summary>Court systems only: the clerk who decided. A clerk decides in their own name (their token's <c>sub</c>).</summary>
    public Guid? ClerkId { get; init; }
}

/// <summary>The filing as the ledger committed to it, with the link to its content when it is in the document store.</summary>
public sealed record IntakeFilingDocument(string Sha256, string Kind, string FileName, string MediaType, long SizeBytes, string DocumentUrl);

/// <summary>A party found in the filing (the court sees IIN/BIN and address).</summary>
public sealed record IntakePartyResponse(string Role, string Name, string? Identifier, bool IdentifierValid, string? Address);

/// <summary>A runner-up subcategory of the model with its probability.</summary>
public sealed record IntakeAlternativeResponse(string Subcategory, double Probability);

/// <summary>One reason of the suggestion: the rule that fired (a stable code) and what it saw.</summary>
public sealed record IntakeReasonResponse(string Rule, string Detail);

/// <summary>What intake suggests for a filing (or, after review, what the clerk decided).</summary>
public sealed record IntakeSuggestionResponse(
    string Kind,
    string Category,
    string Subcategory,
    double? Confidence,
    IReadOnlyList<IntakeAlternativeResponse> Alternatives,
    string Language,
    IReadOnlyList<IntakePartyResponse> Parties,
    decimal? ClaimAmountTenge,
    bool? SimplifiedEligible,
    string? CourtId,
    string? CourtName,
    IReadOnlyList<DateOnly> Dates,
    IReadOnlyList<string> Articles,
    IReadOnlyList<string> Completeness,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> TopTerms);

/// <summary>One filing of the clerk's queue: the case it belongs to (with the version for <c>If-Match</c>), the filing, the suggestion and its reasons.</summary>
public sealed record IntakeQueueItemResponse(
    Guid AssessmentId,
    Guid CaseId,
    string CaseNumber,
    string CourtId,
    long CaseVersion,
    string? ClaimSubject,
    string Status,
    DateTimeOffset AssessedAt,
    string ModelVersion,
    IntakeFilingDocument Filing,
    IntakeSuggestionResponse Suggestion,
    IReadOnlyList<IntakeReasonResponse> Reasons,
    string DecisionUrl);

/// <summary>The clerk's queue: filings awaiting review in the caller's court(s), oldest first.</summary>
public sealed record IntakeQueueResponse(IReadOnlyList<IntakeQueueItemResponse> Items);

/// <summary>Answer of a submission: the assessment as recorded (now in the queue) and the appended event.</summary>
public sealed record IntakeSubmissionResponse(IntakeQueueItemResponse Assessment, AppendResponse Append);
