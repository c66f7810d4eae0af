using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Ledger.Projections.Publication;

/// <summary>
/// Where the publication service finds the text of a judicial act. Acts are documents referenced by their SHA-256;
/// an implementation reads the stored document with that hash and returns its text (PDF through PdfPig, plain text as
/// UTF-8), or null when no document with that hash is stored (yet).
/// </summary>
public interface IActTextSource
{
    Task<string?> ReadTextAsync(string sha256Hex, CancellationToken cancellationToken = default);
}

/// <summary>Extracts the text of an act from its bytes: PDF (text layer, through PdfPig) or UTF-8 text.</summary>
public static class ActTextExtractor
{
    /// <summary>Media types (and file extensions) whose text can be read.</summary>
    public static bool IsSupported(string? mediaType, string? fileName = null) =>
        IsPdf(mediaType, fileName) || IsPlainText(mediaType, fileName);

    public static string Extract(byte[] content, string? mediaType, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (IsPdf(mediaType, fileName) || (content.Length > 4 && content[0] == '%' && content[1] == 'P' && content[2] == 'D' && content[3] == 'F'))
        {
            using var pdf = PdfDocument.Open(content);
            return string.Join("\n\n", pdf.GetPages().Select(page => ContentOrderTextExtractor.GetText(page)));
        }

        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private static bool IsPdf(string? mediaType, string? fileName) =>
        string.Equals(mediaType, "application/pdf", StringComparison.OrdinalIgnoreCase)
        || (fileName is not null && fileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase));

    private static bool IsPlainText(string? mediaType, string? fileName) =>
        (mediaType is not null && mediaType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        || (fileName is not null && fileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Documents kept in memory by hash (tests, and the API until a document store is configured). <see cref="Add"/>
/// computes the SHA-256 itself, so a text is only ever found under the hash of its own bytes.
/// </summary>
public sealed class InMemoryActTextSource : IActTextSource
{
    private readonly ConcurrentDictionary<string, (byte[] Content, string MediaType)> _documents = new(StringComparer.Ordinal);

    /// <summary>Stores the document and returns its SHA-256 (lower-case hex).</summary>
    public string Add(byte[] content, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(content);
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        _documents[hash] = (content.ToArray(), mediaType);
        return hash;
    }

    /// <summary>Stores a UTF-8 text document and returns its SHA-256.</summary>
    public string AddText(string text) => Add(Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8");

    public Task<string?> ReadTextAsync(string sha256Hex, CancellationToken cancellationToken = default) =>
        Task.FromResult(_documents.TryGetValue(sha256Hex, out var document)
            ? ActTextExtractor.Extract(document.Content, document.MediaType)
            : null);
}
