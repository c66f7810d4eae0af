using System.Collections.Concurrent;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Web;
using Ledger.Projections.Cases;
using Ledger.Projections.Log;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace Ledger.Api.Tests.Verification;

[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class VerifyPageBrowserTests(StackFixture stack) : IAsyncLifetime
{
    private static readonly string ScreenshotFolder = RepositoryRoot.Combine("TestResults", "screenshots");

    private ApiTestHost _host = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private JudgmentScenarios.IssuedJudgment _valid = null!;
    private JudgmentScenarios.IssuedJudgment _overturned = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(stack.Stack.ToApiSettings(await stack.CreateDatabaseAsync("verify_page_browser_tests")))
        {
            ["Anchoring:Enabled"] = "false",
            ["RateLimiting:Public:PermitLimit"] = "10000",
        };
        _host = await ApiTestHost.StartAsync(settings);
        (await _host.Client.GetAsync("/api/v1/verify/documents/" + new string('0', 64))).EnsureSuccessStatusCode();
        var scenarios = new JudgmentScenarios(_host.Services.GetRequiredService<CaseLedger>());
        _valid = await scenarios.IssueAsync("Решение районного суда, подлинный текст");
        _overturned = await scenarios.IssueAsync("Решение, отменённое кассацией");
        await scenarios.SetAsideAsync(_overturned);
        await JudgmentScenarios.WaitForSequencingAsync(_host.Services.GetRequiredService<LogReader>(), _host.Services.GetRequiredService<NpgsqlDataSource>());

        if (File.Exists(ChromiumFactAttribute.ExecutablePath))
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumFactAttribute.ExecutablePath,
                Headless = true,
            });
        }
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

    private async Task<(IBrowserContext Context, IPage Page, ConcurrentQueue<string> Problems, ConcurrentQueue<string> Requested)> OpenAsync(string locale)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1200, Height = 1000 },
        });
        var problems = new ConcurrentQueue<string>();
        var requested = new ConcurrentQueue<string>();
        context.Request += (_, request) => requested.Enqueue(request.Url);
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
        return (context, page, problems, requested);
    }

    [ChromiumFact]
    public async Task Given_the_authentic_file_When_it_is_dropped_on_the_page_Then_it_is_verified_and_the_proof_is_rechecked_in_the_browser_and_its_QR_code_opens_this_page()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var (context, page, problems, requested) = await OpenAsync("ru-RU");
        await using var _ = context;
        await page.GotoAsync(new Uri(_host.BaseAddress, "/verify").ToString());
        Assert.Equal("Проверка документа", await page.InnerTextAsync("h1"));

        await page.SetInputFilesAsync("[data-verify-file]", new FilePayload { Name = "решение.pdf", MimeType = "application/pdf", Buffer = _valid.Judgment.Content });
        await page.WaitForSelectorAsync("[data-verdict=valid]");
        await AssertProofVerifiedAsync(page);
        Assert.Contains("Документ подлинный", await page.InnerTextAsync("[data-verify-verdict]"), StringComparison.Ordinal);
        Assert.Contains(_valid.CaseNumber, await page.InnerTextAsync("[data-verify-details]"), StringComparison.Ordinal);
        Assert.Equal(_valid.Judgment.Sha256, await page.InputValueAsync("[data-verify-hash]"));
        Assert.EndsWith($"/verify?h={_valid.Judgment.Sha256}", page.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "verify-valid-ru.png"), FullPage = true });

        // The QR code shown decodes (jsQR, in the browser) to this page's address for the document.
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('img.verify-qr'); return i && i.complete && i.naturalWidth > 0; }");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = "/lib/jsqr.js" });
        var decoded = await page.EvaluateAsync<string?>("""
            () => {
              const img = document.querySelector('img.verify-qr');
              const canvas = document.createElement('canvas');
              canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
              const g = canvas.getContext('2d');
              g.drawImage(img, 0, 0);
              const data = g.getImageData(0, 0, canvas.width, canvas.height);
              const code = window.jsQR(data.data, canvas.width, canvas.height);
              return code ? code.data : null;
            }
            """);
        Assert.Equal(new Uri(_host.BaseAddress, $"/verify?h={_valid.Judgment.Sha256}").ToString(), decoded);

        Assert.Empty(problems);
        Assert.All(requested, url => Assert.True(IsLoopback(url), $"The page requested {url}, which is not on this machine."));
        // The file itself never left the browser: no request carried it.
        Assert.DoesNotContain(requested, url => url.EndsWith("/api/v1/verify/documents", StringComparison.Ordinal));
    }

    [ChromiumFact]
    public async Task Given_a_file_altered_by_one_byte_When_it_is_dropped_on_the_page_Then_it_is_not_found()
    {
        var (context, page, problems, _) = await OpenAsync("en-US");
        await using var _ = context;
        await page.GotoAsync(new Uri(_host.BaseAddress, "/verify").ToString());
        var altered = (byte[])_valid.Judgment.Content.Clone();
        altered[0] ^= 0x20;
        await page.SetInputFilesAsync("[data-verify-file]", new FilePayload { Name = "judgment.pdf", MimeType = "application/pdf", Buffer = altered });
        await page.WaitForSelectorAsync("[data-verdict=not-found]");
        Assert.Contains("Document not found", await page.InnerTextAsync("[data-verify-verdict]"), StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    [ChromiumFact]
    public async Task Given_a_judgment_set_aside_When_its_QR_link_is_opened_Then_the_page_says_it_was_set_aside_and_names_the_later_act()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var (context, page, problems, _) = await OpenAsync("kk-KZ");
        await using var _ = context;
        await page.GotoAsync(new Uri(_host.BaseAddress, $"/verify?h={_overturned.Judgment.Sha256}").ToString());
        await page.WaitForSelectorAsync("[data-verdict=set-aside]");
        await AssertProofVerifiedAsync(page);
        Assert.Equal("set-aside", await page.GetAttributeAsync("[data-act-status]", "data-act-status"));
        Assert.Contains("Құжаттың күші жойылған", await page.InnerTextAsync("[data-verify-verdict]"), StringComparison.Ordinal);
        Assert.Contains("сот актісінің күші жойылды", await page.InnerTextAsync("[data-verify-details]"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "verify-set-aside-kk.png"), FullPage = true });
        Assert.Empty(problems);
    }

    [ChromiumFact]
    public async Task Given_a_server_that_serves_a_forged_checkpoint_When_a_document_is_checked_Then_the_browser_check_fails_visibly()
    {
        var (context, page, _, _) = await OpenAsync("en-US");
        await using var _ = context;
        // The forged checkpoint claims one more leaf than was signed: its signature no longer holds.
        await page.RouteAsync("**/api/v1/log/checkpoint", async route =>
        {
            var response = await route.FetchAsync();
            var lines = (await response.TextAsync()).Split('\n');
            lines[1] = (long.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = string.Join('\n', lines) });
        });
        await page.GotoAsync(new Uri(_host.BaseAddress, $"/verify?h={_valid.Judgment.Sha256}").ToString());
        await page.WaitForSelectorAsync("[data-verify-proof][data-state=failed]");
        var reason = await page.InnerTextAsync("[data-verify-proof]");
        Assert.Contains("signature", reason, StringComparison.Ordinal);
    }

    /// <summary>Waits for the in-browser check to end and asserts that it held (showing the page's reason when not).</summary>
    private static async Task AssertProofVerifiedAsync(IPage page)
    {
        await page.WaitForSelectorAsync("[data-verify-proof][data-state]");
        var state = await page.GetAttributeAsync("[data-verify-proof]", "data-state");
        Assert.True(state == "verified", $"The browser check ended {state}: {await page.InnerTextAsync("[data-verify-proof]")}");
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme is "data" or "blob" || uri.IsLoopback);
}
