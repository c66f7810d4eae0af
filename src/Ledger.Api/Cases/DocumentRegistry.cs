namespace Ledger.Api.Cases;

/// <summary>
/// Which documents were uploaded to the document store (<c>POST /api/v1/documents</c>). Case commands reference
/// documents by SHA-256; before a command is stored, the API asks here for the hashes that were never uploaded and
/// refuses the command when there are any. With <c>Cases:RequireUploadedDocuments</c> on (the default; off in
/// Development, where <c>caseledger seed</c> sends generated hashes) this is <see cref="StoredDocumentRegistry"/>;
/// otherwise <see cref="UncheckedDocumentRegistry"/> accepts every reference.
/// </summary>
public interface IDocumentRegistry
{
    /// <summary>The hashes (lower-case hex) among <paramref name="sha256Hex"/> that are not in the store.</summary>
    ValueTask<IReadOnlyList<string>> FindMissingAsync(IReadOnlyCollection<string> sha256Hex, CancellationToken cancellationToken);
}

/// <summary>The placeholder registry: every referenced document counts as uploaded.</summary>
public sealed class UncheckedDocumentRegistry : IDocumentRegistry
{
    public ValueTask<IReadOnlyList<string>> FindMissingAsync(IReadOnlyCollection<string> sha256Hex, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>([]);
}

/// <summary>The document store as registry: a hash counts as uploaded when <c>ledger.documents</c> holds it.</summary>
public sealed class StoredDocumentRegistry(Ledger.Projections.Documents.DocumentStorage storage) : IDocumentRegistry
{
    public async ValueTask<IReadOnlyList<string>> FindMissingAsync(IReadOnlyCollection<string> sha256Hex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sha256Hex);
        var missing = new List<string>();
        foreach (var hash in sha256Hex)
        {
            if (await storage.FindAsync(hash, cancellationToken) is null)
            {
                missing.Add(hash);
            }
        }

        return missing;
    }
}
