using Ledger.Domain.Integrity;
using Ledger.Projections.Log;
using Ledger.Api.Hosting;
using Ledger.Api.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Endpoints;

/// <summary>JSON of <c>GET /api/v1/log/leaves/{index}</c>.</summary>
public sealed record LeafResponse(long LeafIndex, Guid EventId, string LeafInput, LeafEnvelopeView Envelope);

/// <summary>JSON of <c>GET /api/v1/log/proof/inclusion</c>: hashes in standard base64.</summary>
public sealed record InclusionProofResponse(long LeafIndex, long TreeSize, string RootHash, IReadOnlyList<string> Proof);

/// <summary>JSON of <c>GET /api/v1/log/proof/consistency</c>.</summary>
public sealed record ConsistencyProofResponse(long From, long To, IReadOnlyList<string> Proof);

/// <summary>The public, unauthenticated read API of the Merkle log (DESIGN.md "Public read API").</summary>
public static class LogApi
{
    public static IEndpointRouteBuilder MapLogApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/log").WithTags("Log")
            .RequireRateLimiting(RateLimitPolicies.Public)
            .AddEndpointFilter(LedgerReady.Filter);
        group.MapGet("/checkpoint", GetCheckpointAsync)
            .WithSummary("The latest signed checkpoint (C2SP tlog-checkpoint signed note).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        group.MapGet("/key", GetKey)
            .WithSummary("The log's verifier key (C2SP signed-note verifier key).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        group.MapGet("/leaves/{index:long}", GetLeafAsync).WithSummary("One leaf: its event id, leaf input and decoded envelope.");
        group.MapGet("/proof/inclusion", GetInclusionProofAsync).WithSummary("RFC 9162 inclusion proof of leaf `index` in the tree of `size` leaves.");
        group.MapGet("/proof/consistency", GetConsistencyProofAsync).WithSummary("RFC 9162 consistency proof between tree sizes `from` and `to`.");
        return endpoints;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetCheckpointAsync(LogReader log, CancellationToken cancellationToken)
    {
        var checkpoint = await log.GetLatestCheckpointAsync(cancellationToken);
        if (checkpoint is null)
        {
            return TypedResults.Problem(
                title: "No checkpoint yet", detail: "The log has not signed its first checkpoint yet. Try again in a few seconds.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Text(checkpoint.Note, "text/plain; charset=utf-8");
    }

    public static ContentHttpResult GetKey(NoteSigner signer) => TypedResults.Text(signer.VerifierKey + "\n", "text/plain; charset=utf-8");

    public static async Task<Results<Ok<LeafResponse>, ProblemHttpResult>> GetLeafAsync(long index, LogReader log, CancellationToken cancellationToken)
    {
        if (index < 0)
        {
            return BadRequest("The leaf index must be zero or positive.");
        }

        var leaf = await log.GetLeafAsync(index, cancellationToken);
        if (leaf is null)
        {
            return TypedResults.Problem(
                title: "No such leaf", detail: $"The log has no leaf {index} yet.", statusCode: StatusCodes.Status404NotFound);
        }

        var envelope = LeafEnvelope.Parse(leaf.LeafInput);
        return TypedResults.Ok(new LeafResponse(leaf.LeafIndex, leaf.EventId, Convert.ToBase64String(leaf.LeafInput), envelope.ToView()));
    }

    public static async Task<Results<Ok<InclusionProofResponse>, ProblemHttpResult>> GetInclusionProofAsync(
        long? index, long? size, LogReader log, CancellationToken cancellationToken)
    {
        if (index is null || size is null)
        {
            return BadRequest("Give both `index` (the leaf) and `size` (the tree size), e.g. ?index=0&size=10.");
        }

        var treeSize = await log.GetTreeSizeAsync(cancellationToken);
        if (size < 1 || size > treeSize)
        {
            return BadRequest($"`size` must be between 1 and the current tree size {treeSize}.");
        }

        if (index < 0 || index >= size)
        {
            return BadRequest($"`index` must be between 0 and {size - 1} for a tree of {size} leaves.");
        }

        var proof = await log.GetInclusionProofAsync(index.Value, size.Value, cancellationToken);
        var root = await log.GetRootAsync(size.Value, cancellationToken);
        return TypedResults.Ok(new InclusionProofResponse(index.Value, size.Value, Convert.ToBase64String(root), [.. proof.Select(Convert.ToBase64String)]));
    }

    public static async Task<Results<Ok<ConsistencyProofResponse>, ProblemHttpResult>> GetConsistencyProofAsync(
        long? from, long? to, LogReader log, CancellationToken cancellationToken)
    {
        if (from is null || to is null)
        {
            return BadRequest("Give both `from` and `to` tree sizes, e.g. ?from=5&to=10.");
        }

        var treeSize = await log.GetTreeSizeAsync(cancellationToken);
        if (to < 1 || to > treeSize)
        {
            return BadRequest($"`to` must be between 1 and the current tree size {treeSize}.");
        }

        if (from < 1 || from > to)
        {
            return BadRequest($"`from` must be between 1 and `to` ({to}).");
        }

        var proof = await log.GetConsistencyProofAsync(from.Value, to.Value, cancellationToken);
        return TypedResults.Ok(new ConsistencyProofResponse(from.Value, to.Value, [.. proof.Select(Convert.ToBase64String)]));
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(title: "Invalid request", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
