using Ledger.Api.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Endpoints;

/// <summary>What this ledger is: its log origin and the chain its checkpoints are anchored on (for auditors' tools).</summary>
public sealed record LedgerInfo(string? Origin, long? ChainId, string? ContractAddress, string Version);

/// <summary>
/// <c>GET /api/v1/info</c>. Also the model for endpoint areas: one static class per area with a
/// <c>Map{Area}Api</c> extension that maps a group, and named static handlers returning typed results.
/// </summary>
public static class InfoApi
{
    public static IEndpointRouteBuilder MapInfoApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .WithTags("Ledger")
            .RequireRateLimiting(RateLimitPolicies.Public);
        api.MapGet("/info", GetInfo)
            .WithName("GetLedgerInfo")
            .WithSummary("The log origin and the anchoring chain of this ledger.");
        return app;
    }

    internal static Ok<LedgerInfo> GetInfo(IConfiguration configuration) =>
        TypedResults.Ok(new LedgerInfo(
            configuration["Log:Origin"],
            configuration.GetValue<long?>("Chain:ChainId"),
            configuration["Chain:ContractAddress"],
            typeof(InfoApi).Assembly.GetName().Version?.ToString() ?? "unknown"));
}
