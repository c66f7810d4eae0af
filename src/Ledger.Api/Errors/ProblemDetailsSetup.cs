using System.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace Ledger.Api.Errors;

internal static class ProblemDetailsSetup
{
    /// <summary>
    /// RFC 9457 problem details for every error: unhandled exceptions (<see cref="ProblemExceptionHandler"/>),
    /// empty error responses (status code pages), rejected requests (rate limiting).
    /// </summary>
    public static IServiceCollection AddCaseLedgerProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var traceId = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Extensions.TryAdd("traceId", traceId);
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // A body that cannot be bound (malformed JSON, missing required values) throws BadHttpRequestException
        // in every environment, so that the handler above answers with a readable 400 instead of an empty one.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
