using Ledger.Projections.Documents;

namespace Ledger.Projections.Publication;

/// <summary>
/// Reads act texts from the content-addressed document store (<c>ledger.documents</c>): the content is re-hashed on
/// read, then PDF text is extracted with PdfPig and plain text decoded as UTF-8. Null when no document has the hash,
/// or when its type has no text this source can read (a scanned image, DOCX): the act then waits, withheld as
/// <c>text-unavailable</c>, for a person.
/// </summary>
public sealed class StoredActTextSource(DocumentStorage storage) : IActTextSource
{
    public async Task<string?> ReadTextAsync(string sha256Hex, CancellationToken cancellationToken = default)
    {
        await using var content = await storage.OpenVerifiedAsync(sha256Hex, cancellationToken);
        if (content is null || !ActTextExtractor.IsSupported(content.MediaType))
        {
            return null;
        }

        using var buffer = new MemoryStream((int)Math.Min(content.SizeBytes, int.MaxValue));
        await content.Content.CopyToAsync(buffer, cancellationToken);
        return ActTextExtractor.Extract(buffer.ToArray(), content.MediaType);
    }
}

/// <summary>Asks several sources in turn; the first text found wins.</summary>
public sealed class FirstFoundActTextSource(params IActTextSource[] sources) : IActTextSource
{
    public async Task<string?> ReadTextAsync(string sha256Hex, CancellationToken cancellationToken = default)
    {
        foreach (var source in sources)
        {
            if (await source.ReadTextAsync(sha256Hex, cancellationToken) is { } text)
            {
                return text;
            }
        }

        return null;
    }
}
