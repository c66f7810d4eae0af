using Ledger.Domain.Cases;
using Ledger.Intake.Analysis;
using Ledger.Intake.Classification;
using Ledger.Intake.Extraction;
using Ledger.Intake.Rules;

namespace Ledger.Intake;

/// <summary>
/// What the caller knows about a filing beyond its bytes: the day it was filed (picks the МРП year),
/// the names of the other files uploaded with it (for completeness) and, when the clerk already knows,
/// whether the claimant is a legal entity.
/// </summary>
public sealed record IntakeContext(DateOnly FiledOn, IReadOnlyList<string>? AttachmentNames = null, bool? ClaimantIsLegalEntity = null)
{
    public static IntakeContext On(DateOnly filedOn) => new(filedOn);
}

/// <summary>
/// The suggestion for one filing with everything that led to it. A suggestion only: a clerk confirms
/// or overrides it, and <see cref="ToCommand"/> turns it into the ledger command that records it.
/// </summary>
public sealed record IntakeAssessment(
    string FileName,
    string MediaType,
    FilingFormat Format,
    string Sha256Hex,
    long SizeBytes,
    int TextLength,
    LanguageGuess Language,
    SubcategoryRule Subcategory,
    ClassifierResult Classification,
    IReadOnlyList<FoundParty> Parties,
    MoneyMention? ClaimAmount,
    IReadOnlyList<MoneyMention> Amounts,
    IReadOnlyList<DateOnly> Dates,
    IReadOnlyList<CitedArticle> Articles,
    SimplifiedEligibility Simplified,
    CourtSuggestion Court,
    IReadOnlyList<CompletenessFinding> Completeness,
    IReadOnlyList<IntakeReason> Reasons,
    string ModelVersion)
{
    /// <summary>The suggestion in the domain's terms.</summary>
    public IntakeSuggestion ToSuggestion() => new(
        Subcategory.Kind,
        Subcategory.Category,
        Subcategory.Id,
        Language.Language,
        Parties.Select(p => new IntakeParty(p.Role, p.Name, p.Identifier, p.IdentifierValid, p.Address)).ToArray(),
        ClaimAmount?.Tenge,
        Simplified.Eligible,
        Court.CourtId,
        Completeness.Select(f => f.Code).ToArray());

    /// <summary>The document reference of the filing as the ledger commits to it.</summary>
    public DocumentRef ToDocumentRef(string kind = "claim") => new(Sha256Hex, kind, FileName, MediaType, SizeBytes);

    /// <summary>The command that records this suggestion in the case's history (the endpoint fills <paramref name="now"/>).</summary>
    public RecordIntakeAssessment ToCommand(Guid caseId, Guid assessmentId, DateTimeOffset now, string documentKind = "claim") =>
        new(caseId, assessmentId, ToDocumentRef(documentKind), ToSuggestion(), ModelVersion, Reasons, now);
}
