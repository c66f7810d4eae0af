using System.Text.RegularExpressions;

namespace Ledger.Domain.Cases;

/// <summary>A document or recording the ledger commits to: its SHA-256 (lower-case hex), kind, file name, media type and size.</summary>
public sealed partial record DocumentRef(
    string Sha256Hex,
    string Kind,
    [property: PersonalData] string FileName,
    string MediaType,
    long SizeBytes)
{
    public DocumentRef Redact() => this with { FileName = PersonalData.Erased };

    public bool IsValid =>
        Sha256Hex is not null && Sha256Pattern().IsMatch(Sha256Hex)
        && !string.IsNullOrWhiteSpace(Kind) && !string.IsNullOrWhiteSpace(FileName)
        && !string.IsNullOrWhiteSpace(MediaType) && SizeBytes > 0;

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();
}

/// <summary>A participant admitted to a case: id, role, the name shown to people and an optional IIN.</summary>
public sealed partial record Participant(
    Guid ParticipantId,
    ParticipantRole Role,
    [property: PersonalData] string DisplayName,
    [property: PersonalData] string? Iin)
{
    public Participant Redact() => this with { DisplayName = PersonalData.Erased, Iin = PersonalData.Erase(Iin) };

    /// <summary>Shape check only: non-empty id and name, IIN of 12 digits when given (the check digit is validated by the identifiers module).</summary>
    public bool IsValid =>
        ParticipantId != Guid.Empty && !string.IsNullOrWhiteSpace(DisplayName)
        && (Iin is null || IinShape().IsMatch(Iin));

    [GeneratedRegex("^[0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex IinShape();
}
