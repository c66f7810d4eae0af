using System.Collections.Concurrent;
using Ledger.Api.Security;
using Ledger.Api.Tests.Cases;
using Ledger.Api.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Ledger.Api.Tests.Web;

/// <summary>The electronic courtroom page in headless Chromium against the real API and PostgreSQL.</summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class CourtroomPageBrowserTests(StackFixture fixture) : IAsyncLifetime
{
    private static readonly string ScreenshotFolder = RepositoryRoot.Combine("TestResults", "screenshots");
    private static readonly Guid CaseId = Guid.NewGuid();
    private static readonly Guid Lawyer = Guid.NewGuid();
    private static readonly Guid Plaintiff = Guid.NewGuid();
    private static readonly Guid VideoHearing = Guid.NewGuid();

    private CaseApiHost _api = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _api = await CaseApiHost.StartAsync(fixture, nameof(CourtroomPageBrowserTests));
        await SeedCaseAsync();
        if (!File.Exists(ChromiumFactAttribute.ExecutablePath))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _api.DisposeAsync();
    }

    private async Task SeedCaseAsync()
    {
        var cs = _api.CourtSystem();
        var now = DateTimeOffset.UtcNow;
        var path = $"/api/v1/cases/{CaseId}";
        var filedAt = now.AddDays(-30);
        async Task Ok(Task<CaseApiHost.Answer> call) => Assert.True((await call).Status is 200 or 201);
        await Ok(_api.PostAsync("/api/v1/cases/claims", cs, new
        {
            caseId = CaseId, kind = "civil", courtId = CaseApiHost.Court, caseNumber = $"2-{Random.Shared.Next(1, 9999)}-{filedAt.ToOffset(TimeSpan.FromHours(5)):yy}",
            subject = "О взыскании долга",
            claimant = new { participantId = Plaintiff, role = "plaintiff", displayName = "Нурланова Айгерим" },
            materials = new[] { CaseApiHost.Doc("claim-page-" + CaseId, "claim") },
        }, at: filedAt));
        await Ok(_api.PostAsync(path + "/acceptance", cs, new { judgeId = Guid.NewGuid(), judgeName = "Сериков Арман" }, at: now.AddDays(-29)));
        await Ok(_api.PostAsync(path + "/participants", cs, new { participants = new[] { new { participantId = Lawyer, role = "lawyer", displayName = "Касымова Роза" } } }, at: now.AddDays(-29)));
        var lawyer = _api.Token(Roles.Lawyer, Lawyer.ToString());
        await Ok(_api.PostAsync(path + "/materials", lawyer, new { document = CaseApiHost.Doc("evidence-page-" + CaseId, "evidence") }));
        await Ok(_api.PostAsync(path + "/motions", lawyer, new { kind = "expert-examination", document = CaseApiHost.Doc("motion-page-" + CaseId, "motion") }));
        await Ok(_api.PostAsync(path + "/hearings", cs, new
        {
            hearingId = VideoHearing, startsAt = now.AddDays(3), format = "video", courtroom = "Зал 7", participantIds = new[] { Lawyer, Plaintiff },
        }));
    }

    private async Task<(IBrowserContext Context, IPage Page, ConcurrentQueue<string> Problems)> OpenAsync(string locale)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await context.RouteAsync("**/*", route => Uri.TryCreate(route.Request.Url, UriKind.Absolute, out var uri) && uri.IsLoopback ? route.ContinueAsync() : route.AbortAsync());
        var page = await context.NewPageAsync();
        var problems = new ConcurrentQueue<string>();
        page.PageError += (_, error) => problems.Enqueue(error);
        return (context, page, problems);
    }

    [ChromiumFact]
    public async Task Given_an_admitted_lawyer_When_they_sign_in_with_their_token_Then_the_courtroom_shows_their_case_in_each_language()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var (context, page, problems) = await OpenAsync("ru-RU");
        await using var _ = context;

        await page.GotoAsync(new Uri(_api.Host.BaseAddress, "courtroom").ToString());
        Assert.Equal("Электронный зал суда", await page.InnerTextAsync("h1"));
        await page.FillAsync("#token", _api.Token(Roles.Lawyer, Lawyer.ToString()));
        await page.ClickAsync("#token-form button[type=submit]");

        // The list of the lawyer's cases, then the case itself.
        await page.WaitForSelectorAsync($"#case-list a[data-case='{CaseId}']");
        await page.ClickAsync($"#case-list a[data-case='{CaseId}']");
        await page.WaitForSelectorAsync("#case-view:not([hidden])");
        Assert.StartsWith("Дело № 2-", await page.InnerTextAsync("#case-title"), StringComparison.Ordinal);
        Assert.Equal("Материалы дела", await page.InnerTextAsync("#case-view h3:nth-of-type(2)"));
        var evidence = CaseApiHost.Sha("evidence-page-" + CaseId);
        Assert.Equal(evidence, await page.InnerTextAsync($"#documents td[data-sha256='{evidence}']"));
        var receipt = await page.GetAttributeAsync($"#documents tr:has(td[data-sha256='{evidence}']) a[data-event]", "href");
        Assert.Matches("^/api/v1/receipts/[0-9a-f-]{36}$", receipt);
        Assert.Contains("expert-examination", await page.InnerTextAsync("#motions"), StringComparison.Ordinal);
        var join = await page.GetAttributeAsync("#hearings a.join", "href");
        Assert.StartsWith($"https://video.court.example/rooms/{VideoHearing:N}?token=v1.", join, StringComparison.Ordinal);
        Assert.Contains("видеосвязь", await page.InnerTextAsync("#hearings"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#deadlines td[data-status]").CountAsync() > 0);
        // The token stays in this tab only.
        Assert.False(string.IsNullOrEmpty(await page.EvaluateAsync<string>("() => sessionStorage.getItem('caseledger.courtroom.token')")));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "courtroom-ru.png"), FullPage = true });

        await page.ClickAsync("nav.languages a[data-language=kk]");
        await page.WaitForSelectorAsync("#case-view:not([hidden])");
        Assert.Equal("Электрондық сот залы", await page.InnerTextAsync("h1"));
        Assert.StartsWith("Іс № 2-", await page.InnerTextAsync("#case-title"), StringComparison.Ordinal);
        Assert.Contains("бейнебайланыс", await page.InnerTextAsync("#hearings"), StringComparison.Ordinal);
        Assert.Equal("Қосылу", await page.InnerTextAsync("#hearings a.join"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "courtroom-kk.png"), FullPage = true });

        await page.ClickAsync("nav.languages a[data-language=en]");
        await page.WaitForSelectorAsync("#case-view:not([hidden])");
        Assert.Equal("Case materials", await page.InnerTextAsync("#case-view h3:nth-of-type(2)"));

        await page.ClickAsync("#sign-out");
        Assert.True(await page.Locator("#case-view").IsHiddenAsync());
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('caseledger.courtroom.token')"));
        Assert.Empty(problems);
    }

    [ChromiumFact]
    public async Task Given_another_lawyer_When_they_open_the_case_Then_the_page_says_it_is_not_found_and_shows_nothing_of_it()
    {
        var (context, page, problems) = await OpenAsync("ru-RU");
        await using var _ = context;

        await page.GotoAsync(new Uri(_api.Host.BaseAddress, $"courtroom?case={CaseId}").ToString());
        await page.FillAsync("#token", _api.Token(Roles.Lawyer, Guid.NewGuid().ToString()));
        await page.ClickAsync("#token-form button[type=submit]");

        await page.WaitForFunctionAsync("() => document.getElementById('courtroom-status').classList.contains('error')");
        Assert.Equal("Дело не найдено или у вас нет к нему доступа.", await page.InnerTextAsync("#courtroom-status"));
        Assert.True(await page.Locator("#case-view").IsHiddenAsync());
        Assert.Equal(0, await page.Locator("#documents td[data-sha256]").CountAsync());
        Assert.Empty(problems);
    }
}
