using System.Text.Json.Serialization;
using Ledger.Domain.Cases;

namespace Ledger.Domain.Signatures;

/// <summary>
/// A verified detached CMS signature over a document, as the ledger records it: which signature (SHA-256 of the
/// CMS bytes), who signed (common name, IIN, BIN), with which certificate (serial, issuer), which algorithm, when
/// (the signing-time attribute, when the signer gave one) and the verdict reached when it was verified. Only
/// signatures found <see cref="SignatureStatus.Valid"/> are ever stored or carried by events.
/// </summary>
public sealed record SignatureInfo(
    string SignatureSha256Hex,
    [property: PersonalData] string SignerName,
    [property: PersonalData] string? Iin,
    string? Bin,
    string CertificateSerial,
    string Issuer,
    string Algorithm,
    DateTimeOffset? SigningTime,
    DateTimeOffset VerifiedAt,
    SignatureStatus Status)
{
    /// <summary>A copy with the signer's name and IIN erased; the certificate serial, issuer and hash stay.</summary>
    public SignatureInfo Redact() => this with { SignerName = PersonalData.Erased, Iin = Iin is null ? null : PersonalData.Erased };
}

/// <summary>The verdict on a detached signature (JSON: its name, e.g. "Valid").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SignatureStatus>))]
public enum SignatureStatus
{
    /// <summary>Covers the document, made with a signing key whose certificate chains to a trusted CA and is valid.</summary>
    Valid,

    /// <summary>Not CMS SignedData, or not detached, or not exactly one signer.</summary>
    Malformed,

    /// <summary>An algorithm outside RSA/SHA-256, ECDSA P-256/SHA-256 and GOST R 34.10-2012 / 34.11-2012.</summary>
    UnsupportedAlgorithm,

    /// <summary>The signer's certificate is not in the signature.</summary>
    CertificateMissing,

    /// <summary>The signature was made over other bytes than the document.</summary>
    WrongDocument,

    /// <summary>The signature value does not verify with the signer's key (forged or damaged).</summary>
    BadSignature,

    /// <summary>The signer's certificate does not chain to a trusted CA.</summary>
    Untrusted,

    /// <summary>The signer's (or a CA's) certificate has expired, or had expired when the document was signed.</summary>
    Expired,

    /// <summary>The signer's (or a CA's) certificate is not valid yet, or the signing time is in the future.</summary>
    NotYetValid,

    /// <summary>The key may not sign documents: an authentication (AUTH) key or a key without a signing key usage.</summary>
    NotForSigning,
}
