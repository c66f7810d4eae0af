using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Api.Security;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Publication;

public sealed class DepersonalizeEndpointTests : IAsyncLifetime
{
    private const string Act = """
        Суд в составе председательствующего судьи Ахметовой А.М., рассмотрев иск Иванова Ивана Ивановича (ИИН 850312300125)
        к Петрову Петру Петровичу о взыскании долга, РЕШИЛ: иск удовлетворить.
        """;

    private static readonly string Key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
    private ApiTestHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = TestSettings.Unreachable();
        settings["Auth:SigningKey"] = Key;
        settings["Sequencer:Enabled"] = "false";
        settings["Anchoring:Enabled"] = "false";
        settings["Publication:Enabled"] = "false";
        _host = await ApiTestHost.StartAsync(settings);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Token(string role) =>
        AccessTokens.Issue(AccessTokens.FromText(Key), "caseledger-local", "caseledger", "user-1", [role]);

    private async Task<HttpResponseMessage> PostAsync(HttpContent content, string? role, string language = "ru")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/acts/depersonalize?lang={language}") { Content = content };
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(role));
        }

        return await _host.Client.SendAsync(request);
    }

    [Theory]
    [InlineData(Roles.Clerk)]
    [InlineData(Roles.Judge)]
    public async Task Given_a_clerk_or_judge_When_they_send_text_and_participants_Then_the_depersonalized_text_and_every_reason_come_back(string role)
    {
        using var response = await PostAsync(JsonContent.Create(new
        {
            text = Act,
            participants = new[] { new { name = "Иванов Иван Иванович", role = "Plaintiff" }, new { name = "Ахметова Асель Маратовна", role = "Judge" } },
        }), role);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var text = json.RootElement.GetProperty("text").GetString()!;
        Assert.DoesNotContain("Иванов", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Петров", text, StringComparison.Ordinal);
        Assert.DoesNotContain("850312300125", text, StringComparison.Ordinal);
        Assert.Contains("Ахметовой А.М.", text, StringComparison.Ordinal);
        var replacements = json.RootElement.GetProperty("replacements").EnumerateArray().ToArray();
        var iin = Assert.Single(replacements, r => r.GetProperty("type").GetString() == "Iin");
        Assert.Equal("850312300125", iin.GetProperty("original").GetString());
        Assert.Equal("[ИИН]", iin.GetProperty("replacement").GetString());
        Assert.Contains(replacements, r => r.GetProperty("reason").GetString()!.Contains("participant: Иванов Иван Иванович", StringComparison.Ordinal));
        Assert.Equal("850312300125", Act.Substring(iin.GetProperty("start").GetInt32(), iin.GetProperty("length").GetInt32()));
    }

    [Fact]
    public async Task Given_an_uploaded_text_file_When_depersonalized_Then_the_file_is_read_as_UTF8_and_a_closed_category_is_flagged()
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("Дело рассмотрено в закрытом судебном заседании. " + Act));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "act.txt");
        form.Add(new StringContent("""[{"name":"Петров Пётр Петрович","role":"defendant"}]"""), "participants");

        using var response = await PostAsync(form, Roles.Judge, "en");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Петров", json.RootElement.GetProperty("text").GetString()!, StringComparison.Ordinal);
        Assert.Equal(["ClosedHearing"], json.RootElement.GetProperty("suggestedClosedCategories").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("The act is not published", json.RootElement.GetProperty("warning").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_uploaded_PDF_When_depersonalized_Then_its_text_layer_is_read_and_the_names_go()
    {
        using var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "DejaVuSans.ttf")));
        var pdfPage = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        pdfPage.AddText("Истец Иванов Иван Иванович, ИИН 850312300125, тел. +7 701 234 56 78.", 10, new UglyToad.PdfPig.Core.PdfPoint(40, 800), font);
        pdfPage.AddText("Сот Серікбаев Асқар Маратұлының талабын қарады.", 10, new UglyToad.PdfPig.Core.PdfPoint(40, 780), font);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(builder.Build());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "act.pdf");

        using var response = await PostAsync(form, Roles.Clerk);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var text = json.RootElement.GetProperty("text").GetString()!;
        Assert.Contains("Истец", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Иванов", text, StringComparison.Ordinal);
        Assert.DoesNotContain("850312300125", text, StringComparison.Ordinal);
        Assert.DoesNotContain("234 56 78", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Серікбаев", text, StringComparison.Ordinal);
        Assert.Contains(json.RootElement.GetProperty("replacements").EnumerateArray(), r => r.GetProperty("type").GetString() == "Phone");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Roles.Party, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Lawyer, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Analyst, HttpStatusCode.Forbidden)]
    public async Task Given_no_token_or_another_role_When_depersonalizing_Then_it_is_refused(string? role, HttpStatusCode expected)
    {
        using var response = await PostAsync(JsonContent.Create(new { text = Act }), role);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Given_no_text_or_a_bad_role_When_depersonalizing_Then_a_clear_message_in_the_readers_language_is_returned()
    {
        using var empty = await PostAsync(JsonContent.Create(new { text = "  " }), Roles.Clerk, "kk");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Акт мәтінін", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var badRole = await PostAsync(JsonContent.Create(new { text = Act, participants = new[] { new { name = "Иванов И.И.", role = "Sheriff" } } }), Roles.Clerk);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Contains("указан неверно", await badRole.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent([1, 2, 3]), "file", "act.docx");
        using var badFile = await PostAsync(form, Roles.Clerk, "en");
        Assert.Equal(HttpStatusCode.BadRequest, badFile.StatusCode);
        Assert.Contains(".pdf", await badFile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("search", "ru", "Поиск судебных актов")]
    [InlineData("search", "kk", "Сот актілерін іздеу")]
    [InlineData("search", "en", "Search judicial acts")]
    [InlineData("cabinet", "kk", "Жеке кабинет")]
    public async Task Given_a_language_When_the_search_or_cabinet_page_is_requested_Then_it_renders_in_that_language(string page, string language, string title)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        HttpResponseMessage response;
        string html;
        try
        {
            response = await _host.Client.GetAsync(new Uri($"{page}?lang={language}", UriKind.Relative), cancel.Token);
            html = await response.Content.ReadAsStringAsync(cancel.Token);
        }
        catch (HttpRequestException ex)
        {
            Assert.Fail($"The page broke off: {ex.Message}\n{_host.Logs.AllText}");
            throw;
        }

        using var disposeResponse = response;
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains($"<h1 id=\"{page}-title\">{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"/js/{page}.js", html, StringComparison.Ordinal);
    }
}
