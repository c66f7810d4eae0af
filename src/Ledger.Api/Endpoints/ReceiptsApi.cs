using Ledger.Anchoring;
using Ledger.Api.Hosting;
using Ledger.Api.RateLimiting;
using Ledger.Domain.Integrity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Endpoints;

/// <summary>
/// JSON of <c>GET /api/v1/receipts/{eventId}</c> answered with 202: the event is committed but has no leaf yet.
/// </summary>
/// <param name="EventId">The event asked for.</param>
/// <param name="Status">Always <c>not-sequenced</c>.</param>
/// <param name="Detail">What it means and what to do.</param>
/// <param name="RetryAfterSeconds">When to ask again (also in the <c>Retry-After</c> header).</param>
public sealed record ReceiptNotReadyResponse(Guid EventId, string Status, string Detail, int RetryAfterSeconds);

/// <summary>Receipts of events (DESIGN.md "Receipt"): public, rate-limited.</summary>
public static class ReceiptsApi
{
    /// <summary>Seconds a client should wait before asking again for the receipt of an event not yet sequenced.</summary>
    public const int NotSequencedRetryAfterSeconds = 1;

    public static IEndpointRouteBuilder MapReceiptsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/receipts").WithTags("Receipts")
            .RequireRateLimiting(RateLimitPolicies.Public)
            .AddEndpointFilter(LedgerReady.Filter);
        group.MapGet("/{eventId:guid}", GetReceiptAsync)
            .WithName("GetReceipt")
            .WithSummary("The receipt of an event: leaf input, decoded envelope, tlog-proof and anchor.")
            .WithDescription(
                "200: the receipt. `proof` is a C2SP tlog-proof@v1 whose checkpoint is the smallest anchored checkpoint covering the leaf; "
                + "while the leaf is not anchored yet, the proof leads to the latest checkpoint and `anchor` is null: fetch the receipt again later. "
                + "202: the event is committed but not sequenced into the log yet (body `status: not-sequenced`, `Retry-After` header): ask again shortly. "
                + "404: no event has this id.");
        return endpoints;
    }

    public static async Task<Results<Ok<Receipt>, Accepted<ReceiptNotReadyResponse>, ProblemHttpResult>> GetReceiptAsync(
        Guid eventId, ReceiptService receipts, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        ArgumentNullException.ThrowIfNull(context);
        var lookup = await receipts.GetAsync(eventId, cancellationToken);
        switch (lookup.Status)
        {
            case ReceiptLookupStatus.Found:
                context.Response.Headers.CacheControl = "no-cache";
                return TypedResults.Ok(lookup.Receipt!);
            case ReceiptLookupStatus.NotSequenced:
                context.Response.Headers.RetryAfter = NotSequencedRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Accepted(
                    (string?)null,
                    new ReceiptNotReadyResponse(
                        eventId,
                        "not-sequenced",
                        "The event is recorded but not yet placed in the log; its receipt will be ready in a moment. Ask again.",
                        NotSequencedRetryAfterSeconds));
            default:
                return TypedResults.Problem(
                    title: "No such event",
                    detail: $"No event with id {eventId} is recorded in this ledger.",
                    statusCode: StatusCodes.Status404NotFound);
        }
    }
}
