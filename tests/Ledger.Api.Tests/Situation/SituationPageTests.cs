using System.Net;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Situation;

public sealed class SituationPageTests
{
    [Theory]
    [InlineData("ru", "Ситуационный центр", "Токен доступа", "Сравнение судов")]
    [InlineData("kk", "Жағдайлық орталық", "Қолжетімділік токені", "Соттарды салыстыру")]
    [InlineData("en", "Situation center", "Access token", "Courts compared")]
    public async Task Given_a_language_When_the_situation_page_is_opened_Then_it_is_the_dashboard_in_that_language_with_its_script_and_no_inline_code(
        string language, string title, string tokenLabel, string courts)
    {
        await using var host = await ApiTestHost.StartAsync(TestSettings.Unreachable());

        using var response = await host.Client.GetAsync($"/situation?lang={language}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1 id=\"situation-title\">{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains(tokenLabel, html, StringComparison.Ordinal);
        Assert.Contains(courts, html, StringComparison.Ordinal);
        Assert.DoesNotContain("section-title", html, StringComparison.Ordinal);
        Assert.Contains("/js/situation.js", html, StringComparison.Ordinal);
        Assert.Contains("/lib/chart.js", html, StringComparison.Ordinal);
        Assert.Contains("data-refresh-seconds=\"30\"", html, StringComparison.Ordinal);
        // The only <script> elements with content are JSON data blocks (the CSP forbids inline code).
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        // Outside Development there is no development-token button.
        Assert.DoesNotContain("situation-devtoken", html, StringComparison.Ordinal);
    }
}
