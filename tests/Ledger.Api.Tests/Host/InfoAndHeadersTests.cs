using System.Net;
using System.Text.Json;
using Ledger.Api.Security;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Host;

public sealed class InfoAndHeadersTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = TestSettings.Unreachable();
        settings["Log:Origin"] = "ledger.test.example/2031";
        settings["Chain:ChainId"] = "2026";
        settings["Chain:ContractAddress"] = "0x3be4794A82ae7ff1B6CE9c76FDA119Cf1b198900";
        _host = await ApiTestHost.StartAsync(settings);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Given_a_configured_ledger_When_its_info_is_asked_Then_the_origin_and_chain_are_those_configured()
    {
        using var response = await _host.Client.GetAsync("/api/v1/info");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var info = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ledger.test.example/2031", info.RootElement.GetProperty("origin").GetString());
        Assert.Equal(2026, info.RootElement.GetProperty("chainId").GetInt64());
        Assert.Equal("0x3be4794A82ae7ff1B6CE9c76FDA119Cf1b198900", info.RootElement.GetProperty("contractAddress").GetString());
    }

    [Fact]
    public async Task Given_a_page_When_served_Then_its_policy_allows_only_this_server()
    {
        using var response = await _host.Client.GetAsync("/");

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("script-src 'self';", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}
