using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Ledger.Api.Observability;
using Ledger.Api.Security;
using Ledger.Domain.Cases;
using Ledger.Domain.Signatures;
using Ledger.Projections.Documents;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Ledger.Api.Endpoints;

/// <summary>
/// JSON of <c>POST /api/v1/documents</c>: the <see cref="DocumentRef"/> fields (an event's document reference), the
/// verified signature when one was sent, and whether the content was new (201) or already stored (200).
/// </summary>
public sealed record DocumentUploadResponse(
    string Sha256Hex,
    string Kind,
    string FileName,
    string MediaType,
    long SizeBytes,
    SignatureInfo? Signature,
    bool Created)
{
    public static DocumentUploadResponse From(DocumentUploadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var d = result.Document;
        return new DocumentUploadResponse(d.Sha256Hex, d.Kind, d.FileName, d.MediaType, d.SizeBytes, d.Signature, result.Created);
    }

    /// <summary>The reference to put into a case command.</summary>
    public DocumentRef ToDocumentRef() => new(Sha256Hex, Kind, FileName, MediaType, SizeBytes, Signature);
}

/// <summary>
/// Documents and hearing recordings, stored by SHA-256 (docs/documents.md): upload with an optional detached
/// electronic signature, download with the hash re-checked.
/// </summary>
public static partial class DocumentsApi
{
    private static readonly Counter Refused = new();

    /// <summary>
    /// Maps the endpoints under <c>/api/v1/documents</c> and returns their group.
    /// Authorization: the roles are set by the courtroom area on the returned group
    /// (<c>app.MapDocumentsApi().RequireAuthorization(...)</c>); reads are then scoped per case by <see cref="DocumentAccess"/>.
    /// </summary>
    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/documents").WithTags("Documents");
        group.MapPost("/", UploadAsync)
            .WithName("UploadDocument")
            .WithSummary("Upload a document or recording (multipart: file, optional detached CMS signature, kind).")
            .WithDescription("Accepted: " + MediaTypeDetector.AcceptedList + ", recognised by content. 201 when new, 200 when the same bytes were stored before. "
                + "413 too large, 415 type not accepted or not what was declared, 422 signature refused; nothing is stored on refusal.")
            // Described, not declared with Accepts(): a declared content type would let routing answer a non-form body
            // with a bare 415 before the handler can explain what is expected.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = UploadRequestBody();
                return Task.CompletedTask;
            })
            .Produces<DocumentUploadResponse>(StatusCodes.Status201Created)
            .Produces<DocumentUploadResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{sha256}", DownloadAsync)
            .WithName("GetDocument")
            .WithSummary("The document's content; its SHA-256 is recomputed before it is served.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        group.MapGet("/{sha256}/signatures", GetSignaturesAsync)
            .WithName("GetDocumentSignatures")
            .WithSummary("The verified electronic signatures over the document: signer, IIN/BIN, certificate, algorithm.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{sha256}/signatures/{signatureSha256}", GetSignatureAsync)
            .WithName("GetDocumentSignature")
            .WithSummary("One detached signature as stored (application/pkcs7-signature), to verify independently.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pkcs7-signature")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Created<DocumentUploadResponse>, Ok<DocumentUploadResponse>, ProblemHttpResult>> UploadAsync(
        HttpContext context, DocumentUploads uploads, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(uploads);
        var logger = loggers.CreateLogger("Ledger.Documents");
        try
        {
            var upload = await ReadUploadAsync(context, uploads.Limits, cancellationToken);
            await using var content = upload.Content;
            var result = await uploads.UploadAsync(upload, cancellationToken);
            var response = DocumentUploadResponse.From(result);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Document {Sha256} ({MediaType}, {Size} bytes, kind {Kind}) {Outcome}{Signed}",
                    response.Sha256Hex, response.MediaType, response.SizeBytes, response.Kind, result.Created ? "stored" : "already stored",
                    response.Signature is null ? string.Empty : " with a verified signature " + response.Signature.SignatureSha256Hex);
            }

            return result.Created
                ? TypedResults.Created($"/api/v1/documents/{response.Sha256Hex}", response)
                : TypedResults.Ok(response);
        }
        catch (DocumentRejectedException rejected)
        {
            Refused.Add(rejected.Code);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Upload refused ({Code}): {Reason}", rejected.Code, rejected.MessageEn);
            }

            return Problem(rejected);
        }
    }

    public static async Task<IResult> DownloadAsync(string sha256, HttpContext context, DocumentStorage storage, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(storage);
        if (Normalize(sha256) is not { } hash)
        {
            return NotAHash(sha256);
        }

        if (await RefusedAsync(context, storage, hash, cancellationToken) is { } refused)
        {
            return refused;
        }

        VerifiedContent? content;
        try
        {
            content = await storage.OpenVerifiedAsync(hash, cancellationToken);
        }
        catch (DocumentIntegrityException damaged)
        {
            var logger = loggers.CreateLogger("Ledger.Documents");
            if (logger.IsEnabled(LogLevel.Critical))
            {
                logger.LogCritical(damaged, "Integrity failure: stored document {Expected} hashes to {Actual}; it was not served",
                    damaged.ExpectedSha256Hex, damaged.ActualSha256Hex);
            }

            Refused.Add("document.integrity");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status500InternalServerError,
                title: Text("Документ повреждён", "Құжат бүлінген", "The document is damaged"),
                detail: Text(
                    $"Содержимое документа {hash} в хранилище не совпадает с его хешем SHA-256: документ изменён или повреждён и не выдаётся. Сообщите администратору.",
                    $"Қоймадағы {hash} құжатының мазмұны оның SHA-256 хэшіне сәйкес келмейді: құжат өзгертілген немесе бүлінген және берілмейді. Әкімшіге хабарлаңыз.",
                    $"The stored content of document {hash} no longer matches its SHA-256: it was changed or damaged and is not served. Tell the administrator."),
                type: "https://caseledger.example/problems/document.integrity",
                extensions: new Dictionary<string, object?> { ["code"] = "document.integrity" });
        }

        if (content is null)
        {
            return NotFound(hash);
        }

        var headers = context.Response.Headers;
        headers.ContentDisposition = $"inline; filename=\"{hash}{MediaTypeDetector.ExtensionOf(content.MediaType)}\"";
        headers.CacheControl = "private, max-age=31536000, immutable";
        headers.XContentTypeOptions = "nosniff";
        headers["Digest-SHA256"] = hash;
        return TypedResults.Stream(content.Content, content.MediaType, entityTag: new EntityTagHeaderValue($"\"{hash}\""), enableRangeProcessing: true);
    }

    public static async Task<Results<Ok<IReadOnlyList<SignatureInfo>>, ProblemHttpResult>> GetSignaturesAsync(
        string sha256, HttpContext context, DocumentStorage storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (Normalize(sha256) is not { } hash)
        {
            return NotAHash(sha256);
        }

        if (await RefusedAsync(context, storage, hash, cancellationToken) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(await storage.GetSignaturesAsync(hash, cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetSignatureAsync(
        string sha256, string signatureSha256, HttpContext context, DocumentStorage storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (Normalize(sha256) is not { } hash || Normalize(signatureSha256) is not { } signatureHash)
        {
            return NotAHash(sha256 + " / " + signatureSha256);
        }

        if (await RefusedAsync(context, storage, hash, cancellationToken) is { } refused)
        {
            return refused;
        }

        var cms = await storage.GetSignatureBytesAsync(hash, signatureHash, cancellationToken);
        return cms is null
            ? NotFound(hash + " / " + signatureHash)
            : TypedResults.File(cms, "application/pkcs7-signature", signatureHash + ".p7s");
    }

    /// <summary>The multipart form of an upload, for the OpenAPI document.</summary>
    private static OpenApiRequestBody UploadRequestBody() => new()
    {
        Required = true,
        Description = "The document (field `file`), an optional detached CMS signature (`signature`: .p7s file, DER or PEM; or `signatureBase64`: text) and its kind (`kind`: claim, motion, judgment, hearing-audio ...; default `document`).",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "file" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The document or recording: " + MediaTypeDetector.AcceptedList + "." },
                        ["signature"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "Detached CMS (PKCS #7) signature over the file." },
                        ["signatureBase64"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The detached signature as base64 text, instead of `signature`." },
                        ["kind"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[a-z0-9][a-z0-9-]{0,63}$", Description = "What the document is; kinds starting `hearing-` are hearing recordings (larger limit)." },
                    },
                },
            },
        },
    };

    /// <summary>Reads the multipart form into a <see cref="DocumentUpload"/> whose content stream the caller disposes.</summary>
    private static async Task<DocumentUpload> ReadUploadAsync(HttpContext context, DocumentLimits limits, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            throw DocumentRejectedException.NotMultipart();
        }

        var max = limits.MaxRequestBytes;
        if (request.ContentLength > max)
        {
            throw DocumentRejectedException.RequestTooLarge(max);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = max;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = max,
                ValueLengthLimit = (DocumentLimits.MaxSignatureBytes * 2) + 1024,
            }, cancellationToken);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw DocumentRejectedException.RequestTooLarge(max);
        }
        catch (InvalidDataException invalid) when (invalid.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw DocumentRejectedException.RequestTooLarge(max);
        }
        catch (InvalidDataException)
        {
            throw DocumentRejectedException.NoFile();
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            // A multipart body that ends before its closing boundary (a truncated or made-up upload).
            throw DocumentRejectedException.NoFile();
        }

        var file = form.Files.GetFile("file") ?? throw DocumentRejectedException.NoFile();
        byte[]? signature = null;
        if (form.Files.GetFile("signature") is { Length: > 0 } signatureFile)
        {
            if (signatureFile.Length > DocumentLimits.MaxSignatureBytes)
            {
                throw DocumentRejectedException.SignatureTooLarge();
            }

            using var buffer = new MemoryStream();
            await signatureFile.CopyToAsync(buffer, cancellationToken);
            signature = buffer.ToArray();
        }
        else if (form.TryGetValue("signatureBase64", out var text) && !string.IsNullOrWhiteSpace(text))
        {
            signature = Encoding.UTF8.GetBytes(text.ToString());
        }

        var kind = form.TryGetValue("kind", out var kindValue) && !string.IsNullOrWhiteSpace(kindValue) ? kindValue.ToString().Trim() : "document";
        var content = file.OpenReadStream();
        if (!content.CanSeek)
        {
            var copy = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            await using (content)
            {
                await content.CopyToAsync(copy, cancellationToken);
            }

            copy.Position = 0;
            content = copy;
        }

        return new DocumentUpload(content, file.FileName, kind, file.ContentType, signature, UploaderOf(context.User));
    }

    /// <summary>Who uploaded: the authenticated subject when the courtroom area's authentication gives one.</summary>
    private static string? UploaderOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity.Name
            : null;

    private static ProblemHttpResult Problem(DocumentRejectedException rejected)
    {
        var status = rejected.Rejection switch
        {
            DocumentRejection.TooLarge => StatusCodes.Status413PayloadTooLarge,
            DocumentRejection.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
            DocumentRejection.SignatureRefused => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status400BadRequest,
        };
        var extensions = new Dictionary<string, object?> { ["code"] = rejected.Code, ["stored"] = false };
        if (rejected.SignatureStatus is { } signatureStatus)
        {
            extensions["signatureStatus"] = signatureStatus.ToString();
        }

        return TypedResults.Problem(
            statusCode: status,
            title: rejected.Rejection == DocumentRejection.SignatureRefused
                ? Text("Подпись не принята", "Қолтаңба қабылданбады", "The signature was refused")
                : Text("Документ не принят", "Құжат қабылданбады", "The document was refused"),
            detail: rejected.MessageIn(Language),
            type: "https://caseledger.example/problems/" + rejected.Code,
            extensions: extensions);
    }

    private static ProblemHttpResult NotAHash(string value) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: Text("Неверный запрос", "Қате сұрау", "Invalid request"),
        detail: Text(
            $"«{value}» не является хешем SHA-256 (64 шестнадцатеричных символа).",
            $"«{value}» SHA-256 хэші емес (64 он алтылық таңба).",
            $"\"{value}\" is not a SHA-256 hash (64 hexadecimal characters)."));

    /// <summary>
    /// Null when the caller may read the stored document (<see cref="DocumentAccess"/>); otherwise the answer: 404 when
    /// it is not stored or the caller has nothing to do with it, 403 when the caller sees its cases only redacted.
    /// </summary>
    private static async Task<ProblemHttpResult?> RefusedAsync(HttpContext context, DocumentStorage storage, string hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await storage.FindAsync(hash, cancellationToken) is not { } document)
        {
            return NotFound(hash);
        }

        return await DocumentAccess.DecideAsync(context, document, cancellationToken) switch
        {
            CaseAccessDecision.Allowed => null,
            CaseAccessDecision.Forbidden => TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: Text("Доступ запрещён", "Қолжетімділік жоқ", "Access denied"),
                detail: Text(
                    $"Ваша роль позволяет видеть дела с документом {hash} только без содержания документов.",
                    $"Сіздің рөліңіз {hash} құжаты бар істерді тек құжаттардың мазмұнынсыз көруге мүмкіндік береді.",
                    $"Your role may see the cases of document {hash} only without the documents' content."),
                type: "https://caseledger.example/problems/document.forbidden",
                extensions: new Dictionary<string, object?> { ["code"] = "document.forbidden" }),
            _ => NotFound(hash),
        };
    }

    private static ProblemHttpResult NotFound(string hash) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: Text("Документ не найден", "Құжат табылмады", "Document not found"),
        detail: Text(
            $"Документа {hash} нет в хранилище или он не относится к вашим делам.",
            $"{hash} құжаты қоймада жоқ немесе сіздің істеріңізге қатысты емес.",
            $"No document {hash} is stored, or it belongs to none of your cases."),
        type: "https://caseledger.example/problems/document.unknown",
        extensions: new Dictionary<string, object?> { ["code"] = "document.unknown" });

    private static string? Normalize(string value) => Sha256Hex().IsMatch(value) ? value.ToLowerInvariant() : null;

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    private static string Text(string ru, string kk, string en) => Language switch
    {
        "kk" => kk,
        "en" => en,
        _ => ru,
    };

    [GeneratedRegex("^[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();

    /// <summary>Refused uploads and integrity failures by code: <c>caseledger.documents.refused</c>.</summary>
    private sealed class Counter
    {
        private readonly System.Diagnostics.Metrics.Counter<long> _counter = CaseLedgerTelemetry.Meter.CreateCounter<long>(
            "caseledger.documents.refused", unit: "{upload}", description: "Document uploads refused and documents not served, by reason code");

        public void Add(string code) => _counter.Add(1, new KeyValuePair<string, object?>("code", code));
    }
}
