using System.Collections.Concurrent;
using Ledger.Api.Security;
using Ledger.Api.Tests.Cases;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Intake;
using Microsoft.Playwright;

namespace Ledger.Api.Tests.Web;

/// <summary>The clerk's intake queue page in headless Chromium against the real API and PostgreSQL: it shows what the API says, and a confirmation and an override each take one action.</summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class IntakePageBrowserTests(StackFixture fixture) : IAsyncLifetime
{
    private static readonly string ScreenshotFolder = RepositoryRoot.Combine("TestResults", "screenshots");
    private static readonly Guid ClerkId = Guid.NewGuid();

    private IntakeHost _intake = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private CaseApiHost Api => _intake.Api;

    public async Task InitializeAsync()
    {
        _intake = await IntakeHost.StartAsync(fixture, nameof(IntakePageBrowserTests));
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
        await Api.DisposeAsync();
    }

    private async Task<(Guid CaseId, Guid AssessmentId)> QueueFilingAsync(byte[] content, string fileName, string mediaType)
    {
        var caseId = await _intake.FileClaimAsync();
        var submitted = await _intake.SubmitAsync(caseId, _intake.Clerk(ClerkId), content, fileName, mediaType);
        Assert.True(submitted.Status == 201, submitted.ToString());
        return (caseId, submitted.Json.GetProperty("assessment").GetProperty("assessmentId").GetGuid());
    }

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    [ChromiumFact]
    public async Task Given_two_queued_filings_When_the_clerk_confirms_one_and_overrides_the_other_on_the_page_Then_the_page_matches_the_API_and_both_decisions_are_in_the_ledger()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var (debtCase, debt) = await QueueFilingAsync(IntakeHost.DebtClaimPdf(), "иск о долге.pdf", "application/pdf");
        var (consumerCase, consumer) = await QueueFilingAsync(IntakeHost.ConsumerClaimDocx(), "талап.docx", IntakeHost.Docx);
        var clerk = _intake.Clerk(ClerkId);
        var queue = await _intake.QueueAsync(clerk);
        var expected = queue.Single(i => i.GetProperty("assessmentId").GetGuid() == debt);

        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await using var _ = context;
        await context.RouteAsync("**/*", route => Uri.TryCreate(route.Request.Url, UriKind.Absolute, out var uri) && uri.IsLoopback ? route.ContinueAsync() : route.AbortAsync());
        var page = await context.NewPageAsync();
        var problems = new ConcurrentQueue<string>();
        page.PageError += (_, error) => problems.Enqueue(error);

        await page.GotoAsync(new Uri(Api.Host.BaseAddress, "intake").ToString());
        Assert.Equal("Очередь поступлений", await page.InnerTextAsync("h1"));
        await page.FillAsync("#token", clerk);
        await page.ClickAsync("#token-form button[type=submit]");
        var debtCard = $"article.filing[data-assessment='{debt}']";
        var consumerCard = $"article.filing[data-assessment='{consumer}']";
        await page.WaitForSelectorAsync(debtCard);
        await page.WaitForSelectorAsync(consumerCard);
        Assert.Equal(queue.Length, await page.Locator("article.filing").CountAsync());

        // What the page shows is what the API answered.
        var s = expected.GetProperty("suggestion");
        async Task<string> Field(string name) => await page.InnerTextAsync($"{debtCard} dd[data-field={name}]");
        async Task<string?> Raw(string name) => await page.GetAttributeAsync($"{debtCard} dd[data-field={name}]", "data-value");
        Assert.Equal(s.GetProperty("subcategory").GetString(), await Raw("subcategory"));
        Assert.StartsWith("Взыскание долга по договору займа (уверенность модели ", await Field("subcategory"), StringComparison.Ordinal);
        Assert.Contains(Digits(Math.Round(s.GetProperty("confidence").GetDouble() * 100).ToString(System.Globalization.CultureInfo.InvariantCulture)), Digits(await Field("subcategory")), StringComparison.Ordinal);
        Assert.Equal(Digits(s.GetProperty("claimAmountTenge").GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture)), Digits(await Field("amount")));
        Assert.EndsWith("₸", (await Field("amount")).Trim(), StringComparison.Ordinal);
        Assert.Equal(s.GetProperty("courtId").GetString(), await Raw("court"));
        Assert.Contains("Бостандыкский районный суд", await Field("court"), StringComparison.Ordinal);
        Assert.Equal("подходит по сумме", await Field("simplified"));
        Assert.Equal("русский", await Field("language"));
        Assert.Equal(expected.GetProperty("modelVersion").GetString(), await Field("model"));
        foreach (var party in s.GetProperty("parties").EnumerateArray())
        {
            Assert.Contains(party.GetProperty("name").GetString()!, await Field("parties"), StringComparison.Ordinal);
        }

        Assert.Equal(s.GetProperty("parties").GetArrayLength(), await page.Locator($"{debtCard} dd[data-field=parties] li").CountAsync());
        Assert.Equal(string.Join(' ', s.GetProperty("dates").EnumerateArray().Select(d => d.GetString())), await Raw("dates"));
        Assert.Equal(string.Join("; ", s.GetProperty("articles").EnumerateArray().Select(a => a.GetString())), await Field("articles"));
        Assert.Equal(string.Join(' ', s.GetProperty("problems").EnumerateArray().Select(p => p.GetString())), await Raw("problems"));
        Assert.Equal(expected.GetProperty("reasons").GetArrayLength(), await page.Locator($"{debtCard} ul.reasons li").CountAsync());
        foreach (var rule in expected.GetProperty("reasons").EnumerateArray().GroupBy(r => r.GetProperty("rule").GetString()))
        {
            Assert.Equal(rule.Count(), await page.Locator($"{debtCard} ul.reasons li[data-rule='{rule.Key}']").CountAsync());
            var shown = await page.Locator($"{debtCard} ul.reasons li[data-rule='{rule.Key}']").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.textContent)");
            Assert.Equal(rule.Select(r => $"{rule.Key}: {r.GetProperty("detail").GetString()}").ToArray(), shown);
        }

        Assert.Equal("Взыскание долга по договору займа", await page.InnerTextAsync($"{debtCard} select[name=subcategory] option:checked"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "intake-ru.png"), FullPage = true });

        // Confirm: one click.
        await page.ClickAsync($"{debtCard} button.confirm");
        await page.WaitForSelectorAsync(debtCard, new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        await page.WaitForFunctionAsync("() => document.getElementById('intake-status').classList.contains('ok')");
        Assert.Equal("Предложение подтверждено и записано в реестр дела.", await page.InnerTextAsync("#intake-status"));
        var confirmed = Assert.Single(await _intake.EventsAsync(debtCase, "intake-reviewed"));
        Assert.Equal("confirmed", confirmed.GetProperty("outcome").GetString(), ignoreCase: true);
        Assert.Equal(ClerkId, confirmed.GetProperty("clerkId").GetGuid());
        Assert.DoesNotContain(await _intake.QueueAsync(clerk), i => i.GetProperty("assessmentId").GetGuid() == debt);

        // Override without a reason is stopped on the page; with one, the clerk's values go to the ledger in one action.
        await page.SelectOptionAsync($"{consumerCard} select[name=subcategory]", "property");
        await page.SelectOptionAsync($"{consumerCard} select[name=procedure]", "general");
        await page.SelectOptionAsync($"{consumerCard} select[name=court]", "almaty-almaly");
        await page.ClickAsync($"{consumerCard} button.override-submit");
        Assert.Equal("Укажите причину изменения.", await page.InnerTextAsync($"{consumerCard} .filing-status"));
        Assert.Empty(await _intake.EventsAsync(consumerCase, "intake-reviewed"));
        const string Reason = "Спор о возврате холодильника как имущества";
        await page.FillAsync($"{consumerCard} textarea[name=reason]", Reason);
        await page.ClickAsync($"{consumerCard} button.override-submit");
        await page.WaitForSelectorAsync(consumerCard, new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        Assert.Equal("Ваше решение записано в реестр дела.", await page.InnerTextAsync("#intake-status"));
        var overridden = Assert.Single(await _intake.EventsAsync(consumerCase, "intake-reviewed"));
        Assert.Equal("overridden", overridden.GetProperty("outcome").GetString(), ignoreCase: true);
        Assert.Equal(Reason, overridden.GetProperty("note").GetString());
        var final = overridden.GetProperty("final");
        Assert.Equal("property", final.GetProperty("subcategory").GetString());
        Assert.Equal("almaty-almaly", final.GetProperty("suggestedCourtId").GetString());
        Assert.False(final.GetProperty("simplifiedEligible").GetBoolean());
        Assert.Equal((await _intake.QueueAsync(clerk)).Length, await page.Locator("article.filing").CountAsync());

        // The page in Kazakh, then a read-only reader (a judge): the queue without buttons.
        await page.ClickAsync("nav.languages a[data-language=kk]");
        await page.WaitForSelectorAsync("#queue:not([hidden])");
        Assert.Equal("Түскен құжаттар кезегі", await page.InnerTextAsync("h1"));
        await page.ClickAsync("#sign-out");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('caseledger.intake.token')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Empty(problems);
    }

    [ChromiumFact]
    public async Task Given_a_judge_When_they_open_the_queue_Then_they_read_it_without_decision_buttons()
    {
        var (_, assessment) = await QueueFilingAsync(IntakeHost.DebtClaimPdf("Сейтова Дана"), "иск.pdf", "application/pdf");
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        await using var _ = context;
        var page = await context.NewPageAsync();
        var problems = new ConcurrentQueue<string>();
        page.PageError += (_, error) => problems.Enqueue(error);

        await page.GotoAsync(new Uri(Api.Host.BaseAddress, "intake?lang=en").ToString());
        await page.FillAsync("#token", Api.Token(Roles.Judge, Guid.NewGuid().ToString(), CaseApiHost.Court));
        await page.ClickAsync("#token-form button[type=submit]");
        await page.WaitForSelectorAsync($"article.filing[data-assessment='{assessment}']");
        Assert.StartsWith("Debt / loan (model confidence ", await page.InnerTextAsync($"article.filing[data-assessment='{assessment}'] dd[data-field=subcategory]"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("form.override").CountAsync());
        Assert.Equal(0, await page.Locator("button.confirm").CountAsync());
        Assert.True(await page.Locator("#read-only").IsVisibleAsync());
        Assert.Empty(problems);
    }
}
