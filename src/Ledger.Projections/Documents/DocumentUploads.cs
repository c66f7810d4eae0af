using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Ledger.Domain.Cases;
using Ledger.Domain.Signatures;

namespace Ledger.Projections.Documents;

/// <summary>
/// An upload: the content (a seekable stream the caller owns), what the client declared, and an optional detached
/// CMS signature (DER, PEM, or base64 text).
/// </summary>
public sealed record DocumentUpload(
    Stream Content,
    string FileName,
    string Kind,
    string? DeclaredMediaType,
    byte[]? Signature,
    string? UploadedBy);

/// <summary>An accepted upload: the reference an event carries (with the verified signature, if any), and whether the content was new.</summary>
public sealed record DocumentUploadResult(DocumentRef Document, bool Created);

/// <summary>
/// Accepts uploads: recognises the type from the bytes (and refuses a declared type that disagrees), applies the
/// size limit of the kind, hashes the content, verifies the detached signature against the trusted CAs, and only then
/// stores content and signature together. A refused upload throws <see cref="DocumentRejectedException"/> and leaves
/// nothing stored.
/// </summary>
public sealed partial class DocumentUploads(DocumentStorage storage, DocumentLimits limits, TrustAnchors anchors, TimeProvider time)
{
    public DocumentLimits Limits => limits;

    /// <exception cref="DocumentRejectedException">The upload is refused (too large, type not accepted, signature refused).</exception>
    public async Task<DocumentUploadResult> UploadAsync(DocumentUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var content = upload.Content;
        if (!content.CanSeek)
        {
            throw new ArgumentException("The content stream must be seekable.", nameof(upload));
        }

        if (!KindPattern().IsMatch(upload.Kind))
        {
            throw DocumentRejectedException.BadKind(upload.Kind);
        }

        var size = content.Length;
        if (size == 0)
        {
            throw DocumentRejectedException.EmptyFile();
        }

        var detected = MediaTypeDetector.Detect(content) ?? throw DocumentRejectedException.UnsupportedType();
        if (!MediaTypeDetector.Agrees(upload.DeclaredMediaType, detected))
        {
            throw DocumentRejectedException.TypeMismatch(MediaTypeDetector.Normalize(upload.DeclaredMediaType)!, detected);
        }

        var limit = limits.LimitFor(upload.Kind, detected);
        if (size > limit)
        {
            throw DocumentRejectedException.TooLarge(size, limit, limit == limits.MaxRecordingBytes && DocumentLimits.IsRecordingKind(upload.Kind));
        }

        content.Position = 0;
        var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));

        SignatureInfo? signature = null;
        byte[]? cms = null;
        if (upload.Signature is { Length: > 0 } encoded)
        {
            cms = DecodeSignature(encoded) ?? throw DocumentRejectedException.SignatureUnreadable();
            content.Position = 0;
            var verification = DetachedSignatureVerifier.Verify(content, cms, anchors, time.GetUtcNow());
            if (!verification.IsValid)
            {
                throw DocumentRejectedException.SignatureRefused(verification);
            }

            signature = verification.Signature;
        }

        var created = await storage.StoreAsync(content, sha256, detected.MediaType, size, upload.UploadedBy, signature, cms, cancellationToken);
        var document = new DocumentRef(sha256, upload.Kind, CleanFileName(upload.FileName, detected), detected.MediaType, size, signature);
        return new DocumentUploadResult(document, created);
    }

    /// <summary>
    /// The CMS bytes of a signature sent as DER (a .p7s file), PEM ("-----BEGIN PKCS7-----" or "CMS"), or base64 text.
    /// Null when it is none of these.
    /// </summary>
    public static byte[]? DecodeSignature(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (encoded.Length > DocumentLimits.MaxSignatureBytes)
        {
            throw DocumentRejectedException.SignatureTooLarge();
        }

        if (encoded.Length > 0 && encoded[0] == 0x30)
        {
            return encoded;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(encoded);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var base64 = PemArmour().Replace(text, string.Empty);
        base64 = Whitespace().Replace(base64, string.Empty);
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written > 0 && buffer[0] == 0x30 ? buffer[..written] : null;
    }

    /// <summary>A file name safe to record and show: no path, no control characters, at most 200 characters; never empty.</summary>
    public static string CleanFileName(string? fileName, DetectedMediaType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (name.Length > 200)
        {
            name = name[..200];
        }

        return name.Length == 0 ? "document" + type.Extension : name;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex KindPattern();

    [GeneratedRegex("-----(BEGIN|END) [A-Z0-9 ]+-----", RegexOptions.CultureInvariant)]
    private static partial Regex PemArmour();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
