using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Endpoints;
using Ledger.Api.Hosting;
using Ledger.Api.Security;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Web;
using Ledger.Domain.Cases;
using Ledger.Domain.Cases.Scenarios;
using Ledger.Domain.Statistics;
using Ledger.Projections.Cases;
using Ledger.Projections.Statistics;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ledger.Api.Tests.Situation;

[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class SituationCenterTests(StackFixture stack) : IAsyncLifetime
{
    private const string Period = "from=2025-01-01&to=2025-12-31";
    private const string ChairCourt = "almaty-bostandyk";
    private static readonly string Key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
    private static readonly string ScreenshotFolder = RepositoryRoot.Combine("TestResults", "screenshots");
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private ApiTestHost _host = null!;
    private IReadOnlyList<CaseScenario> _scenarios = [];
    private readonly HashSet<string> _names = [];

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(stack.Stack.ToApiSettings(await stack.CreateDatabaseAsync("situation_center_api")))
        {
            ["Auth:SigningKey"] = Key,
            ["Sequencer:Enabled"] = "false",
            ["Anchoring:Enabled"] = "false",
        };
        _host = await ApiTestHost.StartAsync(settings);
        await _host.Services.GetRequiredService<LedgerDatabase>().EnsureReadyAsync();

        var generator = new CaseScenarioGenerator(11, new CaseScenarioOptions { Days = 300 });
        _scenarios = generator.Generate(120);
        var ledger = _host.Services.GetRequiredService<CaseLedger>();
        foreach (var command in CaseScenarioGenerator.Interleave(_scenarios))
        {
            await ledger.HandleAsync(command);
            foreach (var p in command switch
            {
                FileClaim c => [c.Claimant],
                AcceptCase c => [c.Judge],
                AdmitParticipants c => c.Participants,
                _ => [],
            })
            {
                _names.Add(p.DisplayName);
            }
        }

        await _host.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Token(string role, string? court = null) =>
        AccessTokens.Issue(AccessTokens.FromText(Key), "caseledger-local", "caseledger", "user-1", [role], courtId: court);

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _host.Client.SendAsync(request);
    }

    private async Task<T> GetJsonAsync<T>(string path, string token)
    {
        using var response = await GetAsync(path, token);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Web))!;
    }

    private async Task<IReadOnlyList<CaseFacts>> DirectFactsAsync()
    {
        await using var session = _host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.QueryAllRawEvents().ToListAsync();
        return events.GroupBy(e => e.StreamId)
            .Select(g => CaseFacts.From(CaseStatistics.Fold(g.OrderBy(e => e.Version).Select(e => (CaseEvent)e.Data)))!)
            .ToArray();
    }

    [Fact]
    public async Task Given_roles_When_calling_the_statistics_api_Then_only_analysts_and_court_chairs_get_figures_and_a_chair_only_for_their_court()
    {
        using (var none = await GetAsync($"api/v1/statistics/summary?{Period}", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        }

        using (var judge = await GetAsync($"api/v1/statistics/summary?{Period}", Token(Roles.Judge)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, judge.StatusCode);
        }

        using (var other = await GetAsync($"api/v1/statistics/summary?{Period}&court=astana-esil", Token(Roles.CourtChair, ChairCourt)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            Assert.Contains("только своего суда", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var noCourt = await GetAsync($"api/v1/statistics/summary?{Period}", Token(Roles.CourtChair)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, noCourt.StatusCode);
        }

        using (var bad = await GetAsync("api/v1/statistics/summary?from=2025-13-01", Token(Roles.Analyst)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        var chairCourts = await GetJsonAsync<CourtsResponse>($"api/v1/statistics/courts?{Period}", Token(Roles.CourtChair, ChairCourt));
        Assert.Equal(ChairCourt, Assert.Single(chairCourts.Courts).CourtId);
        var chairSummary = await GetJsonAsync<SummaryResponse>($"api/v1/statistics/summary?{Period}", Token(Roles.CourtChair, ChairCourt));
        Assert.Equal(ChairCourt, chairSummary.Scope.Court);
        Assert.Equal(_scenarios.Count(s => s.CourtId == ChairCourt), chairSummary.Figures.Received);
        var late = await GetJsonAsync<CasesResponse>("api/v1/statistics/cases?list=late&limit=5000", Token(Roles.CourtChair, ChairCourt));
        Assert.All(late.Cases, c => Assert.Equal(ChairCourt, c.CourtId));
        var options = await GetJsonAsync<OptionsResponse>("api/v1/statistics/options", Token(Roles.CourtChair, ChairCourt));
        Assert.True(options.CourtFixed);
        Assert.Equal(ChairCourt, Assert.Single(options.Courts).Id);
    }

    [Fact]
    public async Task Given_a_seeded_caseload_When_an_analyst_asks_Then_the_figures_equal_the_events_folded_directly_and_the_csv_equals_the_json()
    {
        var analyst = Token(Roles.Analyst);
        var summary = await GetJsonAsync<SummaryResponse>($"api/v1/statistics/summary?{Period}", analyst);
        Assert.Equal(0, summary.Freshness.Behind);
        Assert.Equal(_scenarios.Count, summary.Freshness.Cases);

        var direct = SituationReport.Summary(await DirectFactsAsync(), StatisticsFilter.All,
            new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), summary.Scope.AsOf);
        var f = summary.Figures;
        Assert.Equal(_scenarios.Count, f.Received);
        Assert.Equal((direct.Flows.Resolved, direct.Flows.Decided, direct.PendingEnd, direct.PastTermNow, direct.SuspendedNow),
            (f.Resolved, f.Decided, f.PendingEnd, f.PastTermNow, f.SuspendedNow));
        Assert.Equal(Math.Round(direct.ClearanceRate!.Value, 2), f.ClearanceRate);
        Assert.Equal(Math.Round(direct.DispositionTimeDays!.Value, 2), f.DispositionTimeDays);
        Assert.Equal(f.PendingEnd, f.PendingUnderTwoMonths + f.PendingTwoToSixMonths + f.PendingSixToTwelveMonths + f.PendingOverTwelveMonths);
        Assert.Equal(f.PendingOverTwelveMonths, f.PendingOneToTwoYears + f.PendingTwoToThreeYears + f.PendingThreeToFiveYears + f.PendingFiveToTenYears + f.PendingOverTenYears);
        Assert.Equal((direct.PendingAge.OverOneYear, direct.PendingAge.OverTwoYears, direct.PendingAge.OverThreeYears), (f.PendingOverOneYear, f.PendingOverTwoYears, f.PendingOverThreeYears));
        Assert.Equal(direct.Turnover is null ? null : Math.Round(direct.Turnover.Value, 4), f.Turnover);
        Assert.Equal(f.PendingStart + f.Incoming - f.Resolved, f.PendingEnd);
        Assert.Equal(direct.Flows.AppealsFiled, f.AppealsFiled);
        Assert.Equal(direct.Flows.SetAsideOnAppeal, f.SetAsideOnAppeal);

        // The monthly series adds up to the period's flows and ends at the pending caseload.
        var series = await GetJsonAsync<SeriesResponse>($"api/v1/statistics/series?{Period}&interval=month", analyst);
        Assert.Equal(12, series.Points.Count);
        Assert.Equal(f.Incoming, series.Points.Sum(p => p.Incoming));
        Assert.Equal(f.Resolved, series.Points.Sum(p => p.Resolved));
        Assert.Equal(f.PendingEnd, series.Points[^1].PendingEnd);
        Assert.Equal(f.PendingStart, series.Points[0].PendingStart);
        Assert.Equal(365, series.Points.Sum(p => p.Days));
        Assert.All(series.Points, p => Assert.Equal(p.Incoming == 0 ? null : Math.Round(100.0 * p.Resolved / p.Incoming, 2), p.ClearanceRate));
        Assert.All(series.Points, p => Assert.Equal(p.Resolved == 0 ? null : Math.Round((double)p.Days * p.PendingEnd / p.Resolved, 2), p.DispositionTimeDays));

        // Courts add up to the whole.
        var courts = await GetJsonAsync<CourtsResponse>($"api/v1/statistics/courts?{Period}", analyst);
        Assert.Equal(f.Incoming, courts.Courts.Sum(c => c.Incoming));
        Assert.Equal(f.PastTermNow, courts.Courts.Sum(c => c.PastTermNow));
        Assert.Equal(f.DecidedPastTerm, courts.Courts.Sum(c => c.DecidedPastTerm));
        Assert.Equal(f.PendingOverOneYear, courts.Courts.Sum(c => c.PendingOverOneYear));

        // Categories and judges add up to the whole too; a judge is an id, never a name; an unknown breakdown is refused.
        foreach (var by in new[] { "category", "judge" })
        {
            var breakdown = await GetJsonAsync<BreakdownResponse>($"api/v1/statistics/breakdown?{Period}&by={by}", analyst);
            Assert.Equal(by, breakdown.By);
            Assert.Equal((f.Incoming, f.Resolved, f.PendingEnd, f.PastTermNow, f.SuspendedNow),
                (breakdown.Rows.Sum(r => r.Incoming), breakdown.Rows.Sum(r => r.Resolved), breakdown.Rows.Sum(r => r.PendingEnd),
                    breakdown.Rows.Sum(r => r.PastTermNow), breakdown.Rows.Sum(r => r.SuspendedNow)));
        }

        var judges = await GetJsonAsync<BreakdownResponse>($"api/v1/statistics/breakdown?{Period}&by=judge", analyst);
        Assert.All(judges.Rows, r => Assert.True(r.Key.Length == 0 || Guid.TryParse(r.Key, out _), r.Key));
        using (var wrongBreakdown = await GetAsync($"api/v1/statistics/breakdown?{Period}&by=name", analyst))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrongBreakdown.StatusCode);
        }

        // Drill-down: as many late cases as the tile says, with case numbers of the seeded cases.
        var late = await GetJsonAsync<CasesResponse>("api/v1/statistics/cases?list=late&limit=5000", analyst);
        Assert.Equal(f.PastTermNow, late.Count);
        Assert.All(late.Cases, c => Assert.Contains(_scenarios, s => s.CaseNumber == c.CaseNumber && s.CourtId == c.CourtId));
        var suspended = await GetJsonAsync<CasesResponse>("api/v1/statistics/cases?list=suspended", analyst);
        Assert.Equal(f.SuspendedNow, suspended.Count);

        // CSV: same figures.
        using var csvResponse = await GetAsync($"api/v1/statistics/courts?{Period}&format=csv", analyst);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var lines = (await csvResponse.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(courts.Courts.Count + 1, lines.Length);
        var header = lines[0].Split(',');
        var incomingColumn = Array.IndexOf(header, "Incoming");
        Assert.True(incomingColumn >= 0, lines[0]);
        Assert.Equal(courts.Courts.Sum(c => c.Incoming), lines.Skip(1).Sum(l => int.Parse(l.Split(',')[incomingColumn], CultureInfo.InvariantCulture)));
        using var summaryCsv = await GetAsync($"api/v1/statistics/summary?{Period}&format=csv", analyst);
        var summaryLines = (await summaryCsv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var clearance = Array.IndexOf(summaryLines[0].Split(','), "ClearanceRate");
        Assert.Equal(f.ClearanceRate, double.Parse(summaryLines[1].Split(',')[clearance], CultureInfo.InvariantCulture));

        // No personal data anywhere: no participant's name in any answer.
        foreach (var path in new[] { $"summary?{Period}", $"series?{Period}", $"courts?{Period}", "cases?list=late&limit=5000", "cases?list=suspended", $"courts?{Period}&format=csv",
            $"breakdown?{Period}&by=category", $"breakdown?{Period}&by=judge&format=csv" })
        {
            using var response = await GetAsync("api/v1/statistics/" + path, analyst);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(_names, name => body.Contains(name, StringComparison.Ordinal));
        }
    }

    [ChromiumFact]
    public async Task Given_an_analyst_token_When_the_dashboard_loads_Then_its_numbers_equal_the_api_and_it_refreshes_itself()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var analyst = Token(Roles.Analyst);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU", ViewportSize = new ViewportSize { Width = 1366, Height = 1000 } });
        var problems = new ConcurrentQueue<string>();
        var requested = new ConcurrentQueue<string>();
        context.Request += (_, request) => requested.Enqueue(request.Url);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Enqueue(error);

        await page.GotoAsync(new Uri(_host.BaseAddress, "situation").ToString());
        Assert.Equal("Ситуационный центр", await page.InnerTextAsync("h1"));
        Assert.False(await page.IsVisibleAsync("#situation-board"));

        // Sign in with the token, choose the period and show.
        await page.FillAsync("#situation-token", analyst);
        await page.ClickAsync("#situation-auth button[type=submit]");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('.situation').dataset.loaded || 0) >= 1");
        await page.FillAsync("#situation-filter input[name=from]", "2025-01-01");
        await page.FillAsync("#situation-filter input[name=to]", "2025-12-31");
        await page.SelectOptionAsync("#situation-filter select[name=interval]", "month");
        await page.ClickAsync("#situation-filter button[type=submit]");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('.situation').dataset.loaded || 0) >= 2");
        Assert.Equal(analyst, await page.EvaluateAsync<string>("() => sessionStorage.getItem('caseledger.situation.token')"));

        var summary = await GetJsonAsync<SummaryResponse>($"api/v1/statistics/summary?{Period}", analyst);
        var expected = JsonSerializer.SerializeToElement(summary.Figures, Web);
        foreach (var tile in await page.QuerySelectorAllAsync(".tile"))
        {
            var figure = await tile.GetAttributeAsync("data-figure");
            var shown = await (await tile.QuerySelectorAsync(".tile-value"))!.GetAttributeAsync("data-value");
            var api = expected.GetProperty(figure!);
            Assert.Equal(api.ValueKind == JsonValueKind.Null ? "" : api.GetRawText(), shown);
        }

        Assert.Equal(summary.Figures.PendingOverTwelveMonths.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("[data-age='3'] strong", "data-value"));
        int[] years = [summary.Figures.PendingOneToTwoYears, summary.Figures.PendingTwoToThreeYears, summary.Figures.PendingThreeToFiveYears, summary.Figures.PendingFiveToTenYears, summary.Figures.PendingOverTenYears];
        for (var i = 0; i < years.Length; i++)
        {
            Assert.Equal(years[i].ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync($"[data-age='{i + 4}'] strong", "data-value"));
        }

        var categories = await GetJsonAsync<BreakdownResponse>($"api/v1/statistics/breakdown?{Period}&by=category", analyst);
        Assert.Equal(categories.Rows.Count, await page.Locator("#categories-table tbody tr").CountAsync());
        Assert.Equal(categories.Rows[0].Incoming.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("#categories-table tbody tr:first-child td:nth-child(3)", "data-value"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('#rates-chart').width > 0"));
        var courts = await GetJsonAsync<CourtsResponse>($"api/v1/statistics/courts?{Period}", analyst);
        Assert.Equal(courts.Courts.Count, await page.Locator("#courts-table tbody tr").CountAsync());
        Assert.Equal(courts.Courts[0].Incoming.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("#courts-table tbody tr:first-child td:nth-child(2)", "data-value"));
        Assert.Equal("12", await page.GetAttributeAsync(".situation", "data-series-points"));
        var late = await GetJsonAsync<CasesResponse>("api/v1/statistics/cases?list=late&limit=200", analyst);
        Assert.Equal(late.Cases.Count, await page.Locator("#cases-table tbody tr").CountAsync());
        Assert.Equal(late.Cases[0].CaseNumber, await page.InnerTextAsync("#cases-table tbody tr:first-child td:first-child"));
        Assert.True(await page.EvaluateAsync<bool>("() => !!window.Chart && document.querySelector('#series-chart').width > 0"));

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "situation-ru.png"), FullPage = true });

        // Drill-down to suspended cases.
        await page.ClickAsync("[data-list=suspended]");
        await page.WaitForFunctionAsync("() => Number(document.querySelector('.situation').dataset.loaded || 0) >= 3");
        var suspended = await GetJsonAsync<CasesResponse>("api/v1/statistics/cases?list=suspended&limit=200", analyst);
        Assert.Equal(Math.Max(1, suspended.Cases.Count), await page.Locator("#cases-table tbody tr").CountAsync());

        // It refreshes itself: the page asked with ?refresh=1 reloads its figures every second without any action.
        await page.GotoAsync(new Uri(_host.BaseAddress, "situation?refresh=1").ToString());
        await page.WaitForFunctionAsync("() => Number(document.querySelector('.situation').dataset.loaded || 0) >= 3", null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        Assert.True(await page.IsVisibleAsync("#situation-board"), "the token stays for the tab");

        Assert.Empty(problems);
        Assert.All(requested, url => Assert.True(new Uri(url).IsLoopback || url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal), url));
    }
}
