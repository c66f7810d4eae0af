using System.Net;
using System.Net.Http.Headers;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Host;

public sealed class LocalizationTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync(TestSettings.Unreachable());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string, string, string> Languages => new()
    {
        // culture, home page title, a navigation item, the auditors' card title
        { "ru", "Реестр судебных дел, которому можно доверять", "Проверка документа", "Аудиторам" },
        { "kk", "Сенуге болатын сот істерінің тізілімі", "Құжатты тексеру", "Аудиторларға" },
        { "en", "A court case record you can trust", "Verify a document", "For auditors" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Given_lang_in_the_query_When_the_home_page_is_requested_Then_it_is_in_that_language(
        string culture, string title, string navigation, string auditors)
    {
        var html = await _host.Client.GetStringAsync($"/?lang={culture}");

        Assert.Contains($"<html lang=\"{culture}\">", html, StringComparison.Ordinal);
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains(navigation, html, StringComparison.Ordinal);
        Assert.Contains(auditors, html, StringComparison.Ordinal);
        foreach (var (other, otherTitle) in OtherTitles(culture))
        {
            Assert.DoesNotContain(otherTitle, html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Given_a_browser_language_When_the_home_page_is_requested_Then_it_is_in_that_language(
        string culture, string title, string navigation, string auditors)
    {
        _ = navigation;
        _ = auditors;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(culture + "-KZ"));

        using var response = await _host.Client.SendAsync(request);

        Assert.Contains(title, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_no_language_preference_When_the_home_page_is_requested_Then_it_is_in_Russian()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("de"));

        var html = await (await _host.Client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"ru\">", html, StringComparison.Ordinal);
        Assert.Contains("Реестр судебных дел, которому можно доверять", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_the_switcher_link_When_followed_Then_the_cookie_keeps_the_language_and_the_reader_returns_to_the_page()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = _host.BaseAddress };

        using var switched = await client.GetAsync("/language/kk?returnUrl=%2Fsearch");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/search", switched.Headers.Location?.OriginalString);

        var html = await client.GetStringAsync("/search");
        Assert.Contains("<html lang=\"kk\">", html, StringComparison.Ordinal);
        Assert.Contains("Сот актілерін іздеу", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://attacker.example/")]
    [InlineData("//attacker.example/")]
    [InlineData("/\\attacker.example/")]
    public async Task Given_a_foreign_return_address_When_switching_language_Then_the_reader_stays_on_this_site(string returnUrl)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = _host.BaseAddress };

        using var response = await client.GetAsync($"/language/en?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Given_an_unsupported_language_When_switching_Then_it_is_not_found()
    {
        using var response = await _host.Client.GetAsync("/language/de?returnUrl=%2F");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("ru", "Очередь поступлений", "Токен доступа сотрудника суда")]
    [InlineData("kk", "Түскен құжаттар кезегі", "Сот қызметкерінің қолжетімділік токені")]
    [InlineData("en", "Intake queue", "Court staff access token")]
    public async Task Given_the_intake_page_When_opened_Then_the_queue_page_speaks_the_readers_language(string language, string title, string tokenLabel)
    {
        using var response = await _host.Client.GetAsync("/intake?lang=" + language);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1 id=\"intake-title\">{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains(tokenLabel, html, StringComparison.Ordinal);
        Assert.Contains("href=\"/intake\" aria-current=\"page\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("section-title", html, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Culture, string Title)> OtherTitles(string culture) =>
        Languages.Select(row => ((string)row[0], (string)row[1])).Where(row => row.Item1 != culture);
}
