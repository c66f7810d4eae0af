namespace Ledger.Domain.Cases;

/// <summary>Whether the clerk kept the suggestion as it was or changed it.</summary>
public enum IntakeReviewOutcome
{
    Confirmed,
    Overridden,
}

public enum IntakeStatus
{
    /// <summary>Suggested, waiting for a clerk.</summary>
    Pending,
    Confirmed,
    Overridden,
}

/// <summary>A party found in a filing: role, name, IIN or BIN as written, whether its check digit is right, and the address given.</summary>
public sealed record IntakeParty(
    ParticipantRole Role,
    [property: PersonalData] string Name,
    [property: PersonalData] string? Identifier,
    bool IdentifierValid,
    [property: PersonalData] string? Address)
{
    public IntakeParty Redact() => this with
    {
        Name = PersonalData.Erased,
        Identifier = PersonalData.Erase(Identifier),
        Address = PersonalData.Erase(Address),
    };
}

/// <summary>
/// Why a suggestion came out as it did: which rule fired (<see cref="Rule"/>, a stable code such as
/// "amount.tenge" or "model.terms") and what it saw (<see cref="Detail"/>, which may quote the filing).
/// </summary>
public sealed record IntakeReason(string Rule, [property: PersonalData] string Detail)
{
    public IntakeReason Redact() => this with { Detail = PersonalData.Erased };
}

/// <summary>
/// What intake triage suggests for a filing (or what the clerk finally decided): kind, category and
/// finer subcategory of the case, language, parties, claim amount in tenge, eligibility for the
/// simplified procedure, the competent court and the completeness findings (stable codes such as
/// "missing:state-duty-receipt"). A suggestion never changes the case by itself.
/// </summary>
public sealed record IntakeSuggestion(
    CaseKind Kind,
    CaseCategory Category,
    string Subcategory,
    string Language,
    IReadOnlyList<IntakeParty> Parties,
    decimal? ClaimAmountTenge,
    bool? SimplifiedEligible,
    string? SuggestedCourtId,
    IReadOnlyList<string> Completeness)
{
    public IntakeSuggestion Redact() => this with { Parties = Parties.Select(p => p.Redact()).ToArray() };

    /// <summary>Shape check: a subcategory and a language are named, the lists are present.</summary>
    public bool IsValid =>
        !string.IsNullOrWhiteSpace(Subcategory) && !string.IsNullOrWhiteSpace(Language)
        && Parties is not null && Parties.All(p => p is not null && !string.IsNullOrWhiteSpace(p.Name))
        && Completeness is not null && (ClaimAmountTenge is null or >= 0);

    /// <summary>Value equality over every field, lists compared item by item.</summary>
    public bool SameAs(IntakeSuggestion? other) =>
        other is not null
        && Kind == other.Kind && Category == other.Category
        && string.Equals(Subcategory, other.Subcategory, StringComparison.Ordinal)
        && string.Equals(Language, other.Language, StringComparison.Ordinal)
        && ClaimAmountTenge == other.ClaimAmountTenge && SimplifiedEligible == other.SimplifiedEligible
        && string.Equals(SuggestedCourtId, other.SuggestedCourtId, StringComparison.Ordinal)
        && Parties.SequenceEqual(other.Parties) && Completeness.SequenceEqual(other.Completeness, StringComparer.Ordinal);
}
