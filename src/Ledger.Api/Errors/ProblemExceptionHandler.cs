using System.Text.Json;
using Ledger.Api.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Ledger.Api.Errors;

/// <summary>
/// Turns exceptions into problem details in the reader's language: a request the server cannot read is a 400 that
/// says what is wrong; anything unexpected is a 500 that says nothing about the server's internals (the details are
/// logged with the trace id the response carries). Handlers for domain errors (409/422) are registered before this
/// one and answer first. A browser asking for a page gets the HTML error page instead (see <see cref="PageRequests"/>).
/// </summary>
internal sealed class ProblemExceptionHandler(
    IProblemDetailsService problemDetails,
    IStringLocalizer<SharedResource> text,
    ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => MalformedJson(json),
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = text["Problem_TooLarge_Title"],
                Detail = text["Problem_TooLarge_Detail"],
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = text["Problem_BadRequest_Title"],
                // Kestrel's and the binder's messages name the parameter or header at fault, nothing internal.
                Detail = bad.Message,
            },
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error while serving {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = text["Problem_Internal_Title"],
                Detail = text["Problem_Internal_Detail"],
            };
        }
        else if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Refused {Method} {Path}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (PageRequests.IsPageRequest(httpContext))
        {
            // Left without a body: the status code pages re-execute /error/{status}, the HTML page for people.
            return true;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private ProblemDetails MalformedJson(JsonException json)
    {
        var where = json.LineNumber is { } line && json.BytePositionInLine is { } position
            ? text["Problem_MalformedJson_Where", line + 1, position + 1].Value
            : string.Empty;
        return new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = text["Problem_MalformedJson_Title"],
            Detail = text["Problem_MalformedJson_Detail", where].Value.Trim(),
        };
    }
}
