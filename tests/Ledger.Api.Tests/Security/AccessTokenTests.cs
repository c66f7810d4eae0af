using System.Net;
using System.Net.Http.Headers;
using Ledger.Api.Security;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Ledger.Api.Tests.Security;

public sealed class AccessTokenTests
{
    private static readonly string Key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));

    private static Task<ApiTestHost> StartAsync()
    {
        var settings = TestSettings.Unreachable();
        settings["Auth:SigningKey"] = Key;
        settings["Sequencer:Enabled"] = "false";
        settings["Anchoring:Enabled"] = "false";
        return ApiTestHost.StartAsync(settings, app =>
            app.MapGet("/test/judges-only", (HttpContext c) => c.User.FindFirst(LedgerClaims.Subject)!.Value)
                .RequireAuthorization(policy => policy.RequireRole(Roles.Judge)));
    }

    private static string Token(string role, string? key = null, TimeSpan? lifetime = null, DateTimeOffset? now = null) =>
        AccessTokens.Issue(AccessTokens.FromText(key ?? Key), "caseledger-local", "caseledger", "judge-1", [role], lifetime: lifetime, now: now);

    [Fact]
    public async Task Given_a_judge_token_When_calling_a_judges_endpoint_Then_it_answers_for_that_subject()
    {
        await using var host = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "test/judges-only");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(Roles.Judge));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("judge-1", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("none")]
    [InlineData("wrong-role")]
    [InlineData("other-key")]
    [InlineData("expired")]
    public async Task Given_no_valid_token_for_the_role_When_calling_Then_it_is_refused(string kind)
    {
        await using var host = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "test/judges-only");
        var token = kind switch
        {
            "wrong-role" => Token(Roles.Lawyer),
            "other-key" => Token(Roles.Judge, Convert.ToBase64String(new byte[64])),
            "expired" => Token(Roles.Judge, lifetime: TimeSpan.FromMinutes(5), now: DateTimeOffset.UtcNow.AddHours(-2)),
            _ => null,
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await host.Client.SendAsync(request);
        Assert.Equal(kind == "wrong-role" ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
