using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Ledger.Api.Security;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Api.Tests.Web;
using Ledger.Domain.Cases;
using Ledger.Projections.Cases;
using Ledger.Projections.Publication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ledger.Api.Tests.Publication;

/// <summary>
/// The whole path on the real stack: cases appended through the ledger, sequenced, published by the API's
/// background service, searched over HTTP and in the browser; the personal cabinet.
/// </summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class PublicationApiTests(StackFixture stack) : IAsyncLifetime
{
    private const string LoanAct = """
        РЕШЕНИЕ ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН
        Бостандыкский районный суд города Алматы в составе председательствующего судьи Ахметовой А.М., рассмотрев
        гражданское дело по иску Иванова Ивана Ивановича к Петрову Петру Петровичу о взыскании долга по договору займа,
        установил: ответчик не вернул сумму займа. Руководствуясь статьями 715, 722 ГК РК, суд
        РЕШИЛ: Иск удовлетворить. Взыскать с Петрова П.П. в пользу Иванова И.И. долг по договору займа 900 000 тенге.
        """;

    private const string KazakhAct = """
        ШЕШІМ ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ АТЫНАН
        Сот Серікбаев Асқар Маратұлының Жұмабаев Ерлан Серікұлына қарыз шарты бойынша қарызды өндіру туралы талабын қарап,
        жауапкер қарыздың сомасын қайтармағанын анықтады. АК 715-бабын басшылыққа алып, сот ШЕШТІ: Талап қанағаттандырылсын.
        """;

    private const string ClosedAct = """
        РЕШЕНИЕ
        Суд, рассмотрев в закрытом судебном заседании дело об усыновлении по заявлению Сидоровой Анны Павловны о займе
        доверия, РЕШИЛ: заявление удовлетворить.
        """;

    private static readonly string Key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ApiTestHost? _host;
    private static Seeded? _seeded;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private sealed record Seeded(Guid LoanAct, string LoanHash, Guid KazakhAct, Guid ClosedAct, Guid PlaintiffId, Guid LoanCaseId, Guid OtherPlaintiffId, Guid OtherCaseId);

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_host is null)
            {
                var settings = new Dictionary<string, string?>(stack.Stack.ToApiSettings(await stack.CreateDatabaseAsync("publication_api_tests")))
                {
                    ["Auth:SigningKey"] = Key,
                    ["Auth:SigningKeyFile"] = null,
                    ["Anchoring:Enabled"] = "false",
                    ["Publication:PollMilliseconds"] = "100",
                    ["RateLimiting:Public:PermitLimit"] = "1000",
                };
                _host = await ApiTestHost.StartAsync(settings);
                _seeded = await SeedAsync(_host);
            }
        }
        finally
        {
            Gate.Release();
        }

        if (File.Exists(ChromiumFactAttribute.ExecutablePath))
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true });
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static ApiTestHost Host => _host!;

    private static Seeded Data => _seeded!;

    private static async Task<Seeded> SeedAsync(ApiTestHost host)
    {
        // Create the schemas first, as the API's endpoints do (LedgerReady), so that the test's appends do not race
        // the background services' schema creation.
        await host.Services.GetRequiredService<Ledger.Api.Hosting.PublicationDatabase>().EnsureReadyAsync();
        var ledger = host.Services.GetRequiredService<CaseLedger>();
        var texts = host.Services.GetRequiredService<InMemoryActTextSource>();
        var at = new DateTimeOffset(2025, 4, 7, 10, 0, 0, TimeSpan.FromHours(5));

        async Task<(Guid CaseId, Guid ActId, string Hash, Guid PlaintiffId)> CaseAsync(string text, string plaintiff, string defendant, int n, bool enterIntoForce = true)
        {
            var caseId = Guid.NewGuid();
            var actId = Guid.NewGuid();
            var plaintiffP = new Participant(Guid.NewGuid(), ParticipantRole.Plaintiff, plaintiff, null);
            var defendantP = new Participant(Guid.NewGuid(), ParticipantRole.Defendant, defendant, null);
            var judge = new Participant(Guid.NewGuid(), ParticipantRole.Judge, "Ахметова Асель Маратовна", null);
            string hash;
            if (n == 2)
            {
                // This one goes through the document store, as uploaded acts do.
                var bytes = System.Text.Encoding.UTF8.GetBytes(text);
                hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
                using var stream = new MemoryStream(bytes);
                await host.Services.GetRequiredService<Ledger.Projections.Documents.DocumentStorage>()
                    .StoreAsync(stream, hash, "text/plain", bytes.Length, "test");
            }
            else
            {
                hash = texts.AddText(text);
            }

            var document = new DocumentRef(hash, "judgment", $"act-{n}.txt", "text/plain", System.Text.Encoding.UTF8.GetByteCount(text));
            var claim = new DocumentRef(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(n))), "claim", "claim.pdf", "application/pdf", 100);
            await ledger.HandleAsync(new FileClaim(caseId, CaseKind.Civil, CaseCategory.Simplified, "almaty-bostandyk", CaseNumber.Format(CaseKind.Civil, 700 + n, 2025),
                "О взыскании долга", plaintiffP, [claim], at.AddDays(-20)));
            await ledger.HandleAsync(new AcceptCase(caseId, judge, at.AddDays(-19)));
            await ledger.HandleAsync(new AdmitParticipants(caseId, [defendantP], at.AddDays(-18)));
            await ledger.HandleAsync(new IssueJudgment(caseId, actId, ActKind.Decision, judge.ParticipantId, document, null, at));
            if (enterIntoForce)
            {
                await ledger.HandleAsync(new EnterJudgmentIntoForce(caseId, actId, at.AddMonths(2)));
            }

            return (caseId, actId, hash, plaintiffP.ParticipantId);
        }

        var loan = await CaseAsync(LoanAct, "Иванов Иван Иванович", "Петров Пётр Петрович", 1);
        var kazakh = await CaseAsync(KazakhAct, "Серікбаев Асқар Маратұлы", "Жұмабаев Ерлан Серікұлы", 2);
        var closed = await CaseAsync(ClosedAct, "Сидорова Анна Павловна", "Орлов Олег Олегович", 3);
        var other = await CaseAsync(LoanAct, "Кузнецов Кирилл Кириллович", "Смирнов Семён Семёнович", 4, enterIntoForce: false);

        // The API's own sequencer and publication service do the rest.
        var search = host.Services.GetRequiredService<ActSearch>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await WithheldCountAsync(host) < 1 || (await search.SearchAsync(new ActSearchQuery(PageSize: 50))).Total < 2
                || (await host.Services.GetRequiredService<Ledger.Projections.Cabinet.ParticipantCases>().ForParticipantAsync(other.PlaintiffId)).Count == 0)
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        return new Seeded(loan.ActId, loan.Hash, kazakh.ActId, closed.ActId, loan.PlaintiffId, loan.CaseId, other.PlaintiffId, other.CaseId);
    }

    private static async Task<long> WithheldCountAsync(ApiTestHost host)
    {
        try
        {
            await using var command = host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand("select count(*) from publication.withheld");
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (Npgsql.PostgresException)
        {
            return 0;
        }
    }

    private static string Token(string role, Guid subject) =>
        AccessTokens.Issue(AccessTokens.FromText(Key), "caseledger-local", "caseledger", subject.ToString(), [role]);

    [Fact]
    public async Task Given_acts_in_force_When_anyone_searches_without_signing_in_Then_ranked_results_with_escaped_highlights_and_filters_come_back()
    {
        using var response = await Host.Client.GetAsync(new Uri("api/v1/acts/search?q=" + Uri.EscapeDataString("договоры займа"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var hit = Assert.Single(json.RootElement.GetProperty("hits").EnumerateArray());
        Assert.Equal(Data.LoanAct, hit.GetProperty("actId").GetGuid());
        Assert.Equal(Data.LoanHash, hit.GetProperty("originalHash").GetString());
        Assert.Contains("<mark>", hit.GetProperty("snippetHtml").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Иванов", hit.GetProperty("snippetHtml").GetString(), StringComparison.Ordinal);

        using var kazakh = JsonDocument.Parse(await Host.Client.GetStringAsync(new Uri("api/v1/acts/search?q=" + Uri.EscapeDataString("қарызын") + "&article=" + Uri.EscapeDataString("АК 715"), UriKind.Relative)));
        Assert.Equal(Data.KazakhAct, Assert.Single(kazakh.RootElement.GetProperty("hits").EnumerateArray()).GetProperty("actId").GetGuid());

        using var filtered = JsonDocument.Parse(await Host.Client.GetStringAsync(new Uri("api/v1/acts/search?q=займа&court=astana-esil", UriKind.Relative)));
        Assert.Equal(0, filtered.RootElement.GetProperty("total").GetInt64());

        using var tooBig = await Host.Client.GetAsync(new Uri("api/v1/acts/search?q=x&pageSize=500", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
    }

    [Fact]
    public async Task Given_a_published_act_When_it_is_fetched_Then_its_text_is_depersonalized_and_carries_the_original_hash()
    {
        using var json = JsonDocument.Parse(await Host.Client.GetStringAsync(new Uri($"api/v1/acts/{Data.LoanAct}", UriKind.Relative)));
        Assert.Equal(Data.LoanHash, json.RootElement.GetProperty("originalHash").GetString());
        var text = json.RootElement.GetProperty("text").GetString()!;
        Assert.DoesNotContain("Петров", text, StringComparison.Ordinal);
        Assert.Contains("Ахметовой А.М.", text, StringComparison.Ordinal);

        using var closed = await Host.Client.GetAsync(new Uri($"api/v1/acts/{Data.ClosedAct}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);
        using var search = JsonDocument.Parse(await Host.Client.GetStringAsync(new Uri("api/v1/acts/search?q=" + Uri.EscapeDataString("усыновлении"), UriKind.Relative)));
        Assert.Equal(0, search.RootElement.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Given_a_participant_token_When_the_cabinet_is_opened_Then_only_their_cases_are_listed_in_full()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/me/cases");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(Roles.Party, Data.PlaintiffId));
        using var response = await Host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        var mine = Assert.Single(cases);
        Assert.Equal(Data.LoanCaseId, mine.GetProperty("caseId").GetGuid());
        Assert.Equal("Plaintiff", mine.GetProperty("myRole").GetString());
        var names = mine.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToArray();
        Assert.Contains("Иванов Иван Иванович", names);
        Assert.Contains("Петров Пётр Петрович", names);
        Assert.Contains(mine.GetProperty("acts").EnumerateArray(), a => a.GetProperty("documentHash").GetString() == Data.LoanHash);
        Assert.DoesNotContain(cases, c => c.GetProperty("caseId").GetGuid() == Data.OtherCaseId);

        using var otherRequest = new HttpRequestMessage(HttpMethod.Get, "api/v1/me/cases");
        otherRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(Roles.Lawyer, Data.OtherPlaintiffId));
        using var other = JsonDocument.Parse(await (await Host.Client.SendAsync(otherRequest)).Content.ReadAsStringAsync());
        var otherCase = Assert.Single(other.RootElement.GetProperty("cases").EnumerateArray());
        Assert.Equal(Data.OtherCaseId, otherCase.GetProperty("caseId").GetGuid());
        Assert.Contains(otherCase.GetProperty("deadlines").EnumerateArray(), d => d.GetProperty("kind").GetString() == "appeal" && d.GetProperty("mine").GetBoolean());

        using var stranger = new HttpRequestMessage(HttpMethod.Get, "api/v1/me/cases");
        stranger.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(Roles.Party, Guid.NewGuid()));
        using var strangerJson = JsonDocument.Parse(await (await Host.Client.SendAsync(stranger)).Content.ReadAsStringAsync());
        Assert.Empty(strangerJson.RootElement.GetProperty("cases").EnumerateArray());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Roles.Clerk, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Analyst, HttpStatusCode.Forbidden)]
    public async Task Given_no_token_or_a_role_without_a_cabinet_When_the_cabinet_is_asked_for_Then_it_is_refused(string? role, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/me/cases");
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, Data.PlaintiffId));
        }

        using var response = await Host.Client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [ChromiumFact]
    public async Task Given_the_search_page_When_a_reader_searches_in_Kazakh_Then_results_with_highlights_appear_and_the_page_speaks_Kazakh()
    {
        var screenshots = RepositoryRoot.Combine("TestResults", "screenshots");
        Directory.CreateDirectory(screenshots);
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "kk-KZ", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // The first page of a fresh host compiles its views; the test machine is shared and slow.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };

        await page.GotoAsync(new Uri(Host.BaseAddress, "search").ToString());
        Assert.Equal("Сот актілерін іздеу", await page.InnerTextAsync("h1"));
        await page.FillAsync("#q", "қарызды өндіру");
        await page.ClickAsync("#search-form button[type=submit]");
        await page.WaitForSelectorAsync(".search-hit");

        Assert.Equal(1, await page.Locator(".search-hit").CountAsync());
        Assert.True(await page.Locator(".search-hit-snippet mark").CountAsync() > 0);
        Assert.Contains("Табылған актілер: 1", await page.InnerTextAsync("#search-status"), StringComparison.Ordinal);
        Assert.Contains("q=", page.Url, StringComparison.Ordinal);

        await page.ClickAsync(".search-hit-toggle");
        await page.WaitForSelectorAsync(".search-hit-text");
        Assert.DoesNotContain("Серікбаев", await page.InnerTextAsync(".search-hit-text"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "search-kk.png"), FullPage = true });

        // The address keeps the query: the same search in Russian, with a filter that leaves nothing.
        await page.GotoAsync(new Uri(Host.BaseAddress, "search?lang=ru&q=" + Uri.EscapeDataString("договор займа")).ToString());
        await page.WaitForSelectorAsync(".search-hit");
        Assert.Equal("Поиск судебных актов", await page.InnerTextAsync("h1"));
        await page.SelectOptionAsync("#court", "astana-esil");
        await page.ClickAsync("#search-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.search-hit').length === 0 && document.getElementById('search-status').textContent.startsWith('Ничего')");
        Assert.Empty(problems);
    }

    [ChromiumFact]
    public async Task Given_the_cabinet_page_When_a_participant_signs_in_with_a_token_Then_their_case_is_shown_and_the_token_stays_in_the_tab()
    {
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Host.BaseAddress, "cabinet?lang=en").ToString());
        Assert.Equal("Personal cabinet", await page.InnerTextAsync("h1"));

        await page.FillAsync("#cabinet-token", Token(Roles.Party, Data.PlaintiffId));
        await page.ClickAsync("#cabinet-form button[type=submit]");
        await page.WaitForSelectorAsync(".cabinet-case");

        Assert.Equal(1, await page.Locator(".cabinet-case").CountAsync());
        Assert.Equal(Data.LoanCaseId.ToString(), await page.GetAttributeAsync(".cabinet-case", "data-case-id"));
        Assert.Contains("Петров Пётр Петрович", await page.InnerTextAsync(".cabinet-case"), StringComparison.Ordinal);
        Assert.NotNull(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('caseledger.token')"));

        await page.ReloadAsync();
        await page.WaitForSelectorAsync(".cabinet-case");
        await page.ClickAsync("#cabinet-sign-out");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.cabinet-case').length === 0");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('caseledger.token')"));

        await page.FillAsync("#cabinet-token", "not-a-token");
        await page.ClickAsync("#cabinet-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.getElementById('cabinet-status').textContent.includes('invalid')");
    }
}
