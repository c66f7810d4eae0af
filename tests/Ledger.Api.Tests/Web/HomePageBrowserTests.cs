using System.Collections.Concurrent;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ledger.Api.Tests.Web;

[Trait("Category", "Integration")]
public sealed class HomePageBrowserTests : IAsyncLifetime
{
    private static readonly string ScreenshotFolder = RepositoryRoot.Combine("TestResults", "screenshots");

    private ApiTestHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiTestHost.StartAsync(TestSettings.Unreachable());
        if (!File.Exists(ChromiumFactAttribute.ExecutablePath))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ExecutablePath,
            Headless = true,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _host.DisposeAsync();
    }

    [ChromiumFact]
    public async Task Given_a_Russian_browser_When_the_reader_switches_language_Then_the_home_page_follows_and_only_this_server_is_contacted()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "ru-RU",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var requested = new ConcurrentQueue<string>();
        var problems = new ConcurrentQueue<string>();
        context.Request += (_, request) => requested.Enqueue(request.Url);
        // Nothing may leave the machine: a request elsewhere is both recorded (and fails the test) and refused.
        await context.RouteAsync("**/*", route => IsLoopback(route.Request.Url) ? route.ContinueAsync() : route.AbortAsync());
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Enqueue(error);

        await page.GotoAsync(_host.BaseAddress.ToString());
        await AssertHomePageAsync(page, "ru", "Реестр судебных дел, которому можно доверять", "Гражданам");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "home-ru.png"), FullPage = true });

        await page.ClickAsync("nav.languages a[data-language=kk]");
        await AssertHomePageAsync(page, "kk", "Сенуге болатын сот істерінің тізілімі", "Азаматтарға");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "home-kk.png"), FullPage = true });

        await page.ClickAsync("nav.languages a[data-language=en]");
        await AssertHomePageAsync(page, "en", "A court case record you can trust", "For citizens");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "home-en.png"), FullPage = true });

        // The choice is remembered on the next page, and switching there returns to that page.
        await page.ClickAsync("#main-menu a[href='/verify']");
        Assert.Equal("Verify a document", await page.InnerTextAsync("h1"));
        await page.ClickAsync("nav.languages a[data-language=ru]");
        Assert.EndsWith("/verify", page.Url, StringComparison.Ordinal);
        Assert.Equal("Проверка документа", await page.InnerTextAsync("h1"));
        Assert.Equal("page", await page.GetAttributeAsync("#main-menu a[href='/verify']", "aria-current"));

        // The bundled libraries load and work in the browser.
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.CaseLedger?.localizeTimes === 'function'"));
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = "/lib/chart.js" });
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = "/lib/jsqr.js" });
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Chart === 'function' && typeof window.Chart.register === 'function'"));
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.jsQR === 'function'"));

        Assert.Empty(problems);
        Assert.NotEmpty(requested);
        Assert.All(requested, url => Assert.True(IsLoopback(url), $"The page requested {url}, which is not on this machine."));
    }

    [ChromiumFact]
    public async Task Given_a_phone_sized_screen_When_the_menu_button_is_pressed_Then_the_sections_appear()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "kk-KZ",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_host.BaseAddress.ToString());

        var toggle = page.Locator("[data-menu-toggle]");
        var firstSection = page.Locator("#main-menu a[href='/verify']");
        Assert.True(await toggle.IsVisibleAsync());
        Assert.False(await firstSection.IsVisibleAsync());

        await toggle.ClickAsync();

        Assert.True(await firstSection.IsVisibleAsync());
        Assert.Equal("true", await toggle.GetAttributeAsync("aria-expanded"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "home-kk-phone.png"), FullPage = true });
    }

    private static async Task AssertHomePageAsync(IPage page, string culture, string title, string citizens)
    {
        await page.WaitForFunctionAsync($"() => document.documentElement.lang === '{culture}'");
        Assert.Equal(title, await page.InnerTextAsync("h1"));
        Assert.Equal(citizens, await page.InnerTextAsync("#for-citizens"));
        Assert.Equal("true", await page.GetAttributeAsync($"nav.languages a[data-language={culture}]", "aria-current"));
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme is "data" or "blob" || uri.IsLoopback);
}
