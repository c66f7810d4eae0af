using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
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
            var problem = context.ProblemDetails;
            var traceId = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            problem.Extensions.TryAdd("traceId", traceId);
            problem.Instance ??= context.HttpContext.Request.Path;
            LocalizeDefaultTitle(problem, context.HttpContext);
        });
        services.AddExceptionHandler<LedgerExceptionHandler>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // A body that cannot be bound (malformed JSON, missing required values) throws BadHttpRequestException
        // in every environment, so that the handler above answers with a readable 400 instead of an empty one.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>
    /// Problems that carry only ASP.NET Core's default English title for their status (404 from routing, 405, 415 ...)
    /// get that title in the reader's language; titles set by an endpoint are left alone.
    /// </summary>
    private static void LocalizeDefaultTitle(ProblemDetails problem, HttpContext httpContext)
    {
        if (problem.Status is not { } status
            || (problem.Title is not null && problem.Title != ReasonPhrases.GetReasonPhrase(status) && problem.Title != DefaultServerErrorTitle))
        {
            return;
        }

        var text = httpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var localized = text[$"Problem_Status_{status}"];
        if (!localized.ResourceNotFound)
        {
            problem.Title = localized.Value;
        }
    }

    private const string DefaultServerErrorTitle = "An error occurred while processing your request.";
}
