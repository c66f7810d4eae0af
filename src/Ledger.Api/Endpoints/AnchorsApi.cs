using Ledger.Anchoring;
using Ledger.Api.Hosting;
using Ledger.Api.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Endpoints;

/// <summary>One anchor of <c>GET /api/v1/anchors</c>. <c>rootHash</c> is standard base64; <c>status</c> is <c>pending</c>, <c>confirmed</c> or <c>failed</c>.</summary>
public sealed record AnchorResponse(
    long TreeSize,
    string RootHash,
    long ChainId,
    string Contract,
    string TxHash,
    long? BlockNumber,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ConfirmedAt);

/// <summary>The anchors of the log's checkpoints on the chain: public, rate-limited.</summary>
public static class AnchorsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAnchorsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/anchors").WithTags("Anchors")
            .RequireRateLimiting(RateLimitPolicies.Public)
            .AddEndpointFilter(LedgerReady.Filter);
        group.MapGet("/", ListAnchorsAsync)
            .WithName("ListAnchors")
            .WithSummary("Anchor transactions of checkpoints, largest tree size first (at most `limit`, default 100, up to 1000).")
            .WithDescription(
                "Each anchor records (treeSize, rootHash) of a signed checkpoint on the LedgerAnchor contract `contract` of chain `chainId` "
                + "in transaction `txHash`. `pending`: sent, awaiting confirmations; `confirmed`: receipts may cite it; `failed`: given up "
                + "(a later anchor covers its leaves).");
        return endpoints;
    }

    public static async Task<Results<Ok<IReadOnlyList<AnchorResponse>>, ProblemHttpResult>> ListAnchorsAsync(
        int? limit, AnchorStore anchors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.Problem(
                title: "Invalid request", detail: $"`limit` must be between 1 and {MaxLimit}.", statusCode: StatusCodes.Status400BadRequest);
        }

        var records = await anchors.ListAsync(limit ?? DefaultLimit, cancellationToken);
        IReadOnlyList<AnchorResponse> response = [.. records.Select(a => new AnchorResponse(
            a.TreeSize,
            Convert.ToBase64String(a.RootHash),
            a.ChainId,
            a.Contract,
            a.TxHash,
            a.BlockNumber,
            a.Status switch
            {
                AnchorState.Pending => "pending",
                AnchorState.Confirmed => "confirmed",
                _ => "failed",
            },
            a.CreatedAt,
            a.ConfirmedAt))];
        return TypedResults.Ok(response);
    }
}
