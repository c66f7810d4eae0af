using Ledger.Domain.Cases;
using Ledger.Domain.Signatures;
using Ledger.Projections.Documents;

namespace Ledger.Api.Cases;

/// <summary>
/// Turns the document references of a case request into the <see cref="DocumentRef"/> values the events carry. A
/// document that is in the store is taken from it (as <see cref="DocumentStorage.GetRefAsync"/> gives it; all references of a
/// request are read in one round trip, <see cref="DocumentStorage.FindWithSignaturesAsync"/>): media type and size as
/// stored, and the verified electronic signature (the one the reference names, or the latest) with the signer's name,
/// IIN and the verdict. With <c>Cases:RequireUploadedDocuments</c> on (the default; off in Development, where
/// <c>caseledger seed</c> sends generated hashes) every referenced document must be in the store; with it off, a
/// document that is not stored is taken as the client describes it, unsigned.
/// </summary>
public sealed class DocumentRegistry(DocumentStorage? storage, bool requireUploaded)
{
    /// <summary>Whether every referenced document must have been uploaded.</summary>
    public bool RequireUploaded { get; } = requireUploaded;

    /// <summary>
    /// Resolves every reference, or throws a <see cref="CaseProblemException"/> (422) naming all documents that are not
    /// uploaded, then all signatures that are not stored, then all descriptions that contradict the store.
    /// </summary>
    public async Task<IReadOnlyDictionary<DocumentReference, DocumentRef>> ResolveAsync(
        IReadOnlyCollection<DocumentReference> references, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(references);
        var resolved = new Dictionary<DocumentReference, DocumentRef>();
        if (references.Count == 0)
        {
            return resolved;
        }

        var missing = new List<string>();
        var unknownSignatures = new List<string>();
        var mismatches = new List<string>();
        // Every referenced document with its signatures in one round trip.
        var distinct = references.Distinct().ToList();
        IReadOnlyDictionary<string, (StoredDocument Document, IReadOnlyList<SignatureInfo> Signatures)> storedDocuments = storage is null
            ? new Dictionary<string, (StoredDocument Document, IReadOnlyList<SignatureInfo> Signatures)>()
            : await storage.FindWithSignaturesAsync([.. distinct.Select(r => r.Sha256).Distinct(StringComparer.Ordinal)], cancellationToken);
        foreach (var reference in distinct)
        {
            if (!storedDocuments.TryGetValue(reference.Sha256, out var entry))
            {
                if (RequireUploaded || reference.MediaType is null || reference.SizeBytes is null)
                {
                    missing.Add(reference.Sha256);
                }
                else if (reference.SignatureSha256 is not null)
                {
                    unknownSignatures.Add($"{reference.SignatureSha256} ({reference.Sha256})");
                }
                else
                {
                    resolved[reference] = new DocumentRef(reference.Sha256, reference.Kind, reference.FileName, reference.MediaType, reference.SizeBytes.Value);
                }

                continue;
            }

            var (stored, signatures) = entry;
            if ((reference.MediaType is { } mediaType && !string.Equals(mediaType, stored.MediaType, StringComparison.OrdinalIgnoreCase))
                || (reference.SizeBytes is { } size && size != stored.SizeBytes))
            {
                mismatches.Add($"{reference.Sha256} ({stored.MediaType}, {stored.SizeBytes})");
                continue;
            }

            // As DocumentStorage.GetRefAsync: the named signature, or the latest when none is named.
            if (!DocumentStorage.TrySelectSignature(signatures, reference.SignatureSha256, out var signature))
            {
                unknownSignatures.Add($"{reference.SignatureSha256} ({reference.Sha256})");
                continue;
            }

            resolved[reference] = new DocumentRef(stored.Sha256Hex, reference.Kind, reference.FileName, stored.MediaType, stored.SizeBytes, signature);
        }

        if (missing.Count > 0)
        {
            var list = string.Join(", ", missing);
            throw CaseProblemException.Unprocessable(
                "document.not-uploaded",
                $"Документы не загружены в хранилище: {list}. Сначала загрузите их (POST /api/v1/documents).",
                $"Құжаттар қоймаға жүктелмеген: {list}. Алдымен оларды жүктеңіз (POST /api/v1/documents).",
                $"These documents were not uploaded: {list}. Upload them first (POST /api/v1/documents).");
        }

        if (unknownSignatures.Count > 0)
        {
            var list = string.Join(", ", unknownSignatures);
            throw CaseProblemException.Unprocessable(
                "document.signature-unknown",
                $"Указанная подпись не хранится для этого документа: {list}. Загрузите документ вместе с подписью (POST /api/v1/documents) и укажите хеш подписи из ответа.",
                $"Көрсетілген қолтаңба бұл құжат үшін сақталмаған: {list}. Құжатты қолтаңбасымен бірге жүктеңіз (POST /api/v1/documents) және жауаптағы қолтаңба хэшін көрсетіңіз.",
                $"The named signature is not stored for this document: {list}. Upload the document with its signature (POST /api/v1/documents) and give the signature hash from the answer.");
        }

        if (mismatches.Count > 0)
        {
            var list = string.Join(", ", mismatches);
            throw CaseProblemException.Unprocessable(
                "document.metadata-mismatch",
                $"Тип или размер документа не совпадает с загруженным: {list}. Не указывайте mediaType и sizeBytes или укажите их как в хранилище.",
                $"Құжаттың түрі немесе көлемі жүктелгенмен сәйкес келмейді: {list}. mediaType және sizeBytes көрсетпеңіз немесе оларды қоймадағыдай көрсетіңіз.",
                $"The media type or size differs from the uploaded document: {list}. Leave out mediaType and sizeBytes, or give them as stored.");
        }

        return resolved;
    }
}
