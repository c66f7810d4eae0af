using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Projections.Cases;
using Ledger.Projections.Log;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Api.Tests.Verification;

[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class VerifyApiTests(StackFixture stack) : IAsyncLifetime
{
    private ApiTestHost _host = null!;
    private JudgmentScenarios _scenarios = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(stack.Stack.ToApiSettings(await stack.CreateDatabaseAsync("verify_api_tests")))
        {
            ["Anchoring:Enabled"] = "false",
            ["Public:BaseUrl"] = "https://ledger.court.example",
            ["RateLimiting:Public:PermitLimit"] = "10000",
        };
        _host = await ApiTestHost.StartAsync(settings);
        // The first public request creates the tables.
        (await _host.Client.GetAsync("/api/v1/verify/documents/" + new string('0', 64))).EnsureSuccessStatusCode();
        _scenarios = new JudgmentScenarios(_host.Services.GetRequiredService<CaseLedger>());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task SequencedAsync() => JudgmentScenarios.WaitForSequencingAsync(
        _host.Services.GetRequiredService<LogReader>(), _host.Services.GetRequiredService<NpgsqlDataSource>());

    private async Task<JsonElement> VerifyByHashAsync(string sha256)
    {
        var response = await _host.Client.GetAsync($"/api/v1/verify/documents/{sha256}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> VerifyByUploadAsync(byte[] content)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", "judgment.pdf");
        var response = await _host.Client.PostAsync("/api/v1/verify/documents", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Given_an_issued_judgment_When_it_is_verified_by_hash_and_by_upload_Then_it_is_valid_with_its_case_event_and_leaf_and_no_personal_data()
    {
        var issued = await _scenarios.IssueAsync("Решение по делу о взыскании долга, текст 1");
        await SequencedAsync();

        var byHash = await VerifyByHashAsync(issued.Judgment.Sha256);
        var byUpload = await VerifyByUploadAsync(issued.Judgment.Content);
        foreach (var result in new[] { byHash, byUpload })
        {
            Assert.True(result.GetProperty("found").GetBoolean());
            Assert.Equal("valid", result.GetProperty("verdict").GetString());
            Assert.Equal(issued.Judgment.Sha256, result.GetProperty("sha256").GetString());
            Assert.Equal($"https://ledger.court.example/verify?h={issued.Judgment.Sha256}", result.GetProperty("verificationUrl").GetString());
            var e = Assert.Single(result.GetProperty("events").EnumerateArray());
            Assert.Equal(issued.EventId, e.GetProperty("eventId").GetGuid());
            Assert.Equal("judgment-issued", e.GetProperty("eventType").GetString());
            Assert.Equal(issued.CaseNumber, e.GetProperty("case").GetProperty("number").GetString());
            Assert.Equal("civil", e.GetProperty("case").GetProperty("kind").GetString());
            Assert.Equal(JsonValueKind.Number, e.GetProperty("leafIndex").ValueKind);
            Assert.Equal("pending", e.GetProperty("anchor").GetProperty("status").GetString());
            var act = e.GetProperty("act");
            Assert.Equal(issued.ActId, act.GetProperty("actId").GetGuid());
            Assert.Equal("issued", act.GetProperty("standing").GetString());
            Assert.True(act.GetProperty("isCurrent").GetBoolean());

            // The leaf the answer names does commit to this document.
            var leaf = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/v1/log/leaves/{e.GetProperty("leafIndex").GetInt64()}");
            Assert.Equal(issued.EventId, leaf.GetProperty("eventId").GetGuid());
            Assert.Contains(issued.Judgment.Sha256, leaf.GetProperty("envelope").GetProperty("documentHashes").EnumerateArray().Select(h => h.GetString()));

            var raw = result.GetRawText();
            Assert.DoesNotContain("Истец", raw, StringComparison.Ordinal);
            Assert.DoesNotContain("Судья", raw, StringComparison.Ordinal);
            Assert.DoesNotContain("взыскании", raw, StringComparison.Ordinal);
        }

        // One byte changed: a different hash, not in the ledger.
        var altered = (byte[])issued.Judgment.Content.Clone();
        altered[^1] ^= 0x01;
        var notFound = await VerifyByUploadAsync(altered);
        Assert.False(notFound.GetProperty("found").GetBoolean());
        Assert.Equal("not-found", notFound.GetProperty("verdict").GetString());
        Assert.Empty(notFound.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Given_a_judgment_later_set_aside_When_it_is_verified_Then_it_is_in_the_ledger_but_not_current_and_names_the_act_that_set_it_aside()
    {
        var issued = await _scenarios.IssueAsync("Решение, которое будет отменено");
        var ruling = await _scenarios.SetAsideAsync(issued);
        await SequencedAsync();

        var result = await VerifyByHashAsync(issued.Judgment.Sha256);
        Assert.True(result.GetProperty("found").GetBoolean());
        Assert.Equal("set-aside", result.GetProperty("verdict").GetString());
        var act = Assert.Single(result.GetProperty("events").EnumerateArray()).GetProperty("act");
        Assert.Equal("set-aside", act.GetProperty("standing").GetString());
        Assert.False(act.GetProperty("isCurrent").GetBoolean());
        var later = act.GetProperty("supersededBy");
        Assert.Equal("judgment-set-aside", later.GetProperty("eventType").GetString());
        Assert.Equal(ruling.Sha256, later.GetProperty("documentSha256").GetString());
        Assert.True(later.GetProperty("occurredAt").GetDateTimeOffset() > Assert.Single(result.GetProperty("events").EnumerateArray()).GetProperty("occurredAt").GetDateTimeOffset());

        // The ruling that set it aside is itself in the ledger.
        Assert.Equal("valid", (await VerifyByHashAsync(ruling.Sha256)).GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Given_a_judgment_amended_on_appeal_When_the_original_and_the_amended_text_are_verified_Then_the_original_is_amended_and_the_new_text_is_valid()
    {
        var issued = await _scenarios.IssueAsync("Решение, которое будет изменено");
        var amended = await _scenarios.AmendOnAppealAsync(issued);
        await SequencedAsync();

        var original = await VerifyByHashAsync(issued.Judgment.Sha256);
        Assert.Equal("amended", original.GetProperty("verdict").GetString());
        var act = Assert.Single(original.GetProperty("events").EnumerateArray()).GetProperty("act");
        Assert.Equal("amended", act.GetProperty("standing").GetString());
        Assert.Equal("judgment-amended", act.GetProperty("supersededBy").GetProperty("eventType").GetString());
        Assert.Equal(amended.Sha256, act.GetProperty("supersededBy").GetProperty("documentSha256").GetString());
        Assert.Contains("appeal-filed", act.GetProperty("laterEvents").EnumerateArray().Select(e => e.GetProperty("eventType").GetString()));

        var current = await VerifyByHashAsync(amended.Sha256);
        Assert.Equal("valid", current.GetProperty("verdict").GetString());
        var currentEvent = Assert.Single(current.GetProperty("events").EnumerateArray());
        Assert.Equal("judgment-amended", currentEvent.GetProperty("eventType").GetString());
        Assert.True(currentEvent.GetProperty("act").GetProperty("isCurrent").GetBoolean());
    }

    [Fact]
    public async Task Given_a_document_in_the_ledger_When_its_QR_code_is_asked_for_Then_a_PNG_comes_back_and_unknown_or_malformed_hashes_are_refused()
    {
        var issued = await _scenarios.IssueAsync("Решение с QR-кодом");
        var response = await _host.Client.GetAsync($"/api/v1/verify/documents/{issued.Judgment.Sha256}/qr");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);

        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync($"/api/v1/verify/documents/{new string('a', 64)}/qr")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.Client.GetAsync("/api/v1/verify/documents/not-a-hash")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.Client.GetAsync($"/api/v1/verify/documents/{new string('g', 64)}")).StatusCode);
        using var notMultipart = new StringContent("hello");
        Assert.Equal(HttpStatusCode.BadRequest, (await _host.Client.PostAsync("/api/v1/verify/documents", notMultipart)).StatusCode);
    }

    [Fact]
    public async Task Given_the_public_API_When_the_OpenAPI_document_is_read_Then_it_describes_every_verification_and_tile_path()
    {
        var document = await _host.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/verify/documents/{sha256}", paths);
        Assert.Contains("/api/v1/verify/documents", paths);
        Assert.Contains("/api/v1/verify/documents/{sha256}/qr", paths);
        Assert.Contains("/checkpoint", paths);
        Assert.Contains(paths, p => p.StartsWith("/tile/", StringComparison.Ordinal));
        foreach (var log in new[] { "/api/v1/log/checkpoint", "/api/v1/log/key", "/api/v1/log/leaves/{index}", "/api/v1/log/proof/inclusion", "/api/v1/log/proof/consistency" })
        {
            Assert.Contains(log, paths);
        }
    }
}
