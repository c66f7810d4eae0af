namespace Ledger.Api.Cases;

/// <summary>
/// Which documents were uploaded to the document store (<c>POST /api/v1/documents</c>). Case commands reference
/// documents by SHA-256; before a command is stored, the API asks here for the hashes that were never uploaded and
/// refuses the command when there are any. The document store registers its implementation
/// (<c>services.AddSingleton&lt;IDocumentRegistry, …&gt;()</c>); until then <see cref="UncheckedDocumentRegistry"/>
/// accepts every reference.
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
