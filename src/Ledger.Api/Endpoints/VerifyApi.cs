using System.Security.Cryptography;
using Ledger.Api.Hosting;
using Ledger.Api.RateLimiting;
using Ledger.Projections.Verification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using QRCoder;

namespace Ledger.Api.Endpoints;

/// <summary>The public identity of a case: its number, court and kind. Never a person's name.</summary>
public sealed record VerifiedCase(Guid CaseId, string? Number, string? Court, string? Kind);

/// <summary>Where the event's leaf stands with respect to the chain.</summary>
/// <param name="Status"><c>not-sequenced</c> (no leaf yet), <c>pending</c> (in the log, not anchored yet) or <c>anchored</c>.</param>
public sealed record VerifiedAnchor(
    string Status, long? ChainId, string? Contract, string? TxHash, long? BlockNumber, long? TreeSize, string? RootHash);

/// <summary>One event of the ledger that carries the document.</summary>
public sealed record VerifiedEvent(
    Guid EventId,
    string EventType,
    DateTimeOffset OccurredAt,
    VerifiedCase Case,
    long CaseVersion,
    long? LeafIndex,
    ActInfo? Act,
    VerifiedAnchor Anchor,
    string ReceiptUrl);

/// <summary>
/// JSON of <c>/api/v1/verify/documents</c>. <see cref="Verdict"/>: <c>not-found</c> (not in the ledger),
/// <c>valid</c> (in the ledger and, if it is a judicial act, still current), <c>set-aside</c> or <c>amended</c>
/// (in the ledger, but a later act set it aside or replaced it: see the event's <c>act.supersededBy</c>).
/// </summary>
public sealed record DocumentVerificationResponse(
    string Sha256, bool Found, string Verdict, string VerificationUrl, string QrCodeUrl, IReadOnlyList<VerifiedEvent> Events);

/// <summary>
/// Public verification of documents by SHA-256 or by upload (the upload is hashed as it streams in and is not
/// stored), and QR codes that open the verification page for a document.
/// </summary>
public static class VerifyApi
{
    /// <summary>Largest upload accepted by <c>POST /api/v1/verify/documents</c>.</summary>
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    public static IEndpointRouteBuilder MapVerifyApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/verify").WithTags("Verification")
            .RequireRateLimiting(RateLimitPolicies.Public)
            .AddEndpointFilter(LedgerReady.Filter);
        group.MapGet("/documents/{sha256}", GetAsync)
            .WithSummary("Is the document with this SHA-256 (lower-case hex) in the ledger; its case, event, anchor, and whether it is still current.");
        group.MapPost("/documents", PostAsync)
            .WithSummary("As GET, for an uploaded file (multipart field `file`); the file is hashed as it arrives and not stored.")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttributeMetadata(MaxUploadBytes));
        group.MapGet("/documents/{sha256}/qr", GetQrCodeAsync)
            .WithSummary("A QR code (PNG) that opens the verification page for the document.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        return endpoints;
    }

    /// <summary>The address of the verification page for a document, on the public base URL.</summary>
    public static string VerificationUrl(HttpContext context, string sha256Hex)
    {
        ArgumentNullException.ThrowIfNull(context);
        var configured = context.RequestServices.GetRequiredService<IConfiguration>()["Public:BaseUrl"];
        var baseUrl = string.IsNullOrWhiteSpace(configured)
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}"
            : configured.TrimEnd('/');
        return $"{baseUrl}/verify?h={sha256Hex}";
    }

    /// <summary>A PNG QR code of <paramref name="text"/>.</summary>
    public static byte[] QrCodePng(string text, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule);
    }

    public static async Task<Results<Ok<DocumentVerificationResponse>, ProblemHttpResult>> GetAsync(
        string sha256, DocumentVerifier verifier, HttpContext context, CancellationToken cancellationToken)
    {
        if (!TryParseHash(sha256, out var hash))
        {
            return BadHash();
        }

        return TypedResults.Ok(await VerifyAsync(hash, verifier, context, cancellationToken));
    }

    public static async Task<Results<Ok<DocumentVerificationResponse>, ProblemHttpResult>> PostAsync(
        HttpRequest request, DocumentVerifier verifier, CancellationToken cancellationToken)
    {
        // The body is read section by section and the file hashed as it streams in: nothing is buffered or stored.
        var boundary = request.ContentType is { } contentType
            && MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
                : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return TypedResults.Problem(
                title: "Invalid request", detail: "Send the file as multipart/form-data in a field named \"file\".",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var reader = new MultipartReader(boundary, request.Body);
        byte[]? hash = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.IsFileDisposition())
                {
                    hash = await SHA256.HashDataAsync(section.Body, cancellationToken);
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException && !cancellationToken.IsCancellationRequested)
        {
            // A body that is not the multipart form its header announces (no closing boundary, oversized section headers).
            return TypedResults.Problem(
                title: "Invalid request", detail: "The multipart/form-data body is malformed: send the file in a field named \"file\".",
                statusCode: StatusCodes.Status400BadRequest);
        }

        if (hash is null)
        {
            return TypedResults.Problem(
                title: "Invalid request", detail: "No file was sent: put it in a multipart field named \"file\".",
                statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.Ok(await VerifyAsync(hash, verifier, request.HttpContext, cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetQrCodeAsync(
        string sha256, DocumentVerifier verifier, HttpContext context, CancellationToken cancellationToken)
    {
        if (!TryParseHash(sha256, out var hash))
        {
            return BadHash();
        }

        var lookup = await verifier.FindAsync(hash, cancellationToken);
        if (!lookup.Found)
        {
            return TypedResults.Problem(
                title: "Not in the ledger", detail: "No document with this SHA-256 is in the ledger, so there is no QR code for it.",
                statusCode: StatusCodes.Status404NotFound);
        }

        context.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.File(QrCodePng(VerificationUrl(context, lookup.Sha256)), "image/png");
    }

    internal static async Task<DocumentVerificationResponse> VerifyAsync(
        byte[] hash, DocumentVerifier verifier, HttpContext context, CancellationToken cancellationToken)
    {
        var lookup = await verifier.FindAsync(hash, cancellationToken);
        var events = new List<VerifiedEvent>(lookup.Matches.Count);
        foreach (var m in lookup.Matches)
        {
            var anchor = m.LeafIndex is null ? new VerifiedAnchor("not-sequenced", null, null, null, null, null, null)
                : m.Anchor is not { } a ? new VerifiedAnchor("pending", null, null, null, null, null, null)
                : new VerifiedAnchor("anchored", a.ChainId, a.Contract, a.TxHash, a.BlockNumber, a.TreeSize, Convert.ToBase64String(a.RootHash));
            events.Add(new VerifiedEvent(
                m.EventId, m.EventType, m.OccurredAt, new VerifiedCase(m.CaseId, m.CaseNumber, m.CourtId, m.CaseKind),
                m.CaseVersion, m.LeafIndex, m.Act, anchor, $"/api/v1/receipts/{m.EventId}"));
        }

        var superseded = lookup.Matches.Select(m => m.Act).FirstOrDefault(a => a is { IsCurrent: false });
        var verdict = !lookup.Found ? "not-found"
            : superseded is null ? "valid"
            : superseded.Standing == ActStanding.SetAside ? "set-aside" : "amended";
        context.Response.Headers.CacheControl = "no-store";
        return new DocumentVerificationResponse(
            lookup.Sha256, lookup.Found, verdict, VerificationUrl(context, lookup.Sha256),
            $"/api/v1/verify/documents/{lookup.Sha256}/qr", events);
    }

    internal static bool TryParseHash(string? text, out byte[] hash)
    {
        hash = [];
        if (text is not { Length: 64 })
        {
            return false;
        }

        try
        {
            hash = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static ProblemHttpResult BadHash() => TypedResults.Problem(
        title: "Invalid request", detail: "A document hash is the SHA-256 of the file: 64 hexadecimal digits.",
        statusCode: StatusCodes.Status400BadRequest);

    private sealed class RequestSizeLimitAttributeMetadata(long size) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => size;
    }
}
