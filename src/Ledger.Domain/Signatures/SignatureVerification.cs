namespace Ledger.Domain.Signatures;

/// <summary>
/// The outcome of verifying a detached signature: <see cref="Signature"/> when it is valid, otherwise the
/// <see cref="Status"/> that refused it with a reason for people in Russian, Kazakh and English.
/// </summary>
public sealed record SignatureVerification(
    SignatureStatus Status,
    SignatureInfo? Signature,
    string MessageRu,
    string MessageKk,
    string MessageEn)
{
    public bool IsValid => Status == SignatureStatus.Valid && Signature is not null;

    /// <summary>A stable code, e.g. "signature.expired".</summary>
    public string Code => "signature." + Status switch
    {
        SignatureStatus.Valid => "valid",
        SignatureStatus.Malformed => "malformed",
        SignatureStatus.UnsupportedAlgorithm => "unsupported-algorithm",
        SignatureStatus.CertificateMissing => "certificate-missing",
        SignatureStatus.WrongDocument => "wrong-document",
        SignatureStatus.BadSignature => "bad-signature",
        SignatureStatus.Untrusted => "untrusted",
        SignatureStatus.Expired => "expired",
        SignatureStatus.NotYetValid => "not-yet-valid",
        SignatureStatus.NotForSigning => "not-for-signing",
        _ => "unknown",
    };

    /// <summary>The message in a language ("ru", "kk", anything else gives English).</summary>
    public string MessageIn(string language) => language switch
    {
        "ru" => MessageRu,
        "kk" => MessageKk,
        _ => MessageEn,
    };

    internal static SignatureVerification Valid(SignatureInfo signature) => new(
        SignatureStatus.Valid,
        signature,
        $"Подпись действительна: подписал {signature.SignerName}.",
        $"Қолтаңба жарамды: {signature.SignerName} қол қойған.",
        $"The signature is valid: signed by {signature.SignerName}.");

    internal static SignatureVerification Refused(SignatureStatus status, string ru, string kk, string en) => new(status, null, ru, kk, en);
}
