using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Ledger.Domain.Signatures;

namespace Ledger.Domain.Cases;

/// <summary>
/// A document or recording the ledger commits to: its SHA-256 (lower-case hex), kind, file name, media type and size,
/// and, for a signed filing or judgment, the verified detached electronic signature (<see cref="SignatureInfo"/>).
/// An unsigned document has no <see cref="Signature"/>, and its JSON has no "signature" member (the committed form
/// of documents from before signatures is unchanged).
/// </summary>
public sealed partial record DocumentRef(
    string Sha256Hex,
    string Kind,
    [property: PersonalData] string FileName,
    string MediaType,
    long SizeBytes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SignatureInfo? Signature = null)
{
    public DocumentRef Redact() => this with { FileName = PersonalData.Erased, Signature = Signature?.Redact() };

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
