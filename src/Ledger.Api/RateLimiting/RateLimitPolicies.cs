using System.Globalization;
using System.Threading.RateLimiting;
using Ledger.Api.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Ledger.Api.RateLimiting;

/// <summary>
/// Named rate-limiting policies. Apply one to an endpoint or group with
/// <c>.RequireRateLimiting(RateLimitPolicies.Public)</c>.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>
    /// Anonymous public endpoints (verification, log reads): a fixed window per client address, sized by
    /// <c>RateLimiting:Public:PermitLimit</c> requests per <c>RateLimiting:Public:WindowSeconds</c>.
    /// </summary>
    public const string Public = "public";

    internal static IServiceCollection AddCaseLedgerRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permitLimit = configuration.GetValue("RateLimiting:Public:PermitLimit", 120);
        var window = TimeSpan.FromSeconds(configuration.GetValue("RateLimiting:Public:WindowSeconds", 60));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Public, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permitLimit,
                    Window = window,
                    QueueLimit = 0,
                }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
                var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = text["Problem_TooManyRequests_Title"],
                        Detail = text["Problem_TooManyRequests_Detail", seconds],
                    },
                });
            };
        });
        return services;
    }
}
