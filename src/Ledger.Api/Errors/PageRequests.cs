namespace Ledger.Api.Errors;

/// <summary>
/// Tells a person's browser asking for a page from everything else (API clients, probes, scrapers, assets).
/// People get an HTML error page in their language; everything else gets RFC 9457 problem details.
/// </summary>
public static class PageRequests
{
    private static readonly string[] MachinePrefixes = ["/api", "/health", "/metrics", "/openapi", "/lib", "/css", "/language"];

    public static bool IsPageRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        if (MachinePrefixes.Any(prefix => request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return request.Headers.Accept.Any(value => value is not null && value.Contains("text/html", StringComparison.OrdinalIgnoreCase));
    }
}
