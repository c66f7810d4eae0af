using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Ledger.Api.RateLimiting;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ledger.Api.Tests.Host;

public sealed class RateLimitingTests
{
    [Fact]
    public async Task Given_the_public_policy_When_a_client_exceeds_its_limit_Then_it_gets_a_429_problem_with_Retry_After()
    {
        var settings = TestSettings.Unreachable();
        settings["RateLimiting:Public:PermitLimit"] = "2";
        settings["RateLimiting:Public:WindowSeconds"] = "60";
        await using var host = await ApiTestHost.StartAsync(settings, app =>
            app.MapGet("/test/public", () => Results.Ok("fine")).RequireRateLimiting(RateLimitPolicies.Public));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/test/public");
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
            last = await host.Client.SendAsync(request);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(last!.Headers.RetryAfter);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await last.Content.ReadAsStringAsync());
        Assert.Equal("Too many requests", problem.RootElement.GetProperty("title").GetString());
        last.Dispose();
    }
}
