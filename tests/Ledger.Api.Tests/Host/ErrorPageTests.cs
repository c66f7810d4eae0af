using System.Net;
using System.Net.Http.Headers;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Ledger.Api.Tests.Host;

public sealed class ErrorPageTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await ApiTestHost.StartAsync(TestSettings.Unreachable(), app =>
            app.MapGet("/test/page-boom", string () => throw new InvalidOperationException("stack detail 10.9.8.7")));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("ru", "Страница не найдена")]
    [InlineData("kk", "Бет табылмады")]
    [InlineData("en", "Page not found")]
    public async Task Given_a_browser_When_it_asks_for_a_page_that_does_not_exist_Then_it_gets_a_404_page_in_its_language(string culture, string title)
    {
        using var response = await _host.Client.SendAsync(BrowserRequest($"/no-such-page?lang={culture}&q=1"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1 id=\"error-title\">{title}</h1>", html, StringComparison.Ordinal);
        // The language switcher returns to the address asked for, without the one-off lang.
        Assert.Contains("returnUrl=%2Fno-such-page%3Fq%3D1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_browser_When_a_page_fails_Then_it_gets_a_500_page_without_internals()
    {
        using var response = await _host.Client.SendAsync(BrowserRequest("/test/page-boom?lang=en"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.DoesNotContain("10.9.8.7", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_browser_When_it_asks_for_a_missing_API_resource_Then_it_still_gets_problem_details()
    {
        using var response = await _host.Client.SendAsync(BrowserRequest("/api/v1/no-such-thing"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static HttpRequestMessage BrowserRequest(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return request;
    }
}
