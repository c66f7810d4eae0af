using System.Text;
using Ledger.Api.Security;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Cases;

/// <summary>
/// Bad requests end to end over HTTP against real PostgreSQL: each is refused with a 4xx problem-details answer that
/// says what is wrong, and nothing is stored (ledger entries, events and idempotency keys are counted before and after).
/// </summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class BadInputTests(StackFixture fixture) : IAsyncLifetime
{
    private static readonly Guid CaseId = Guid.NewGuid();
    private static readonly Guid Lawyer = Guid.NewGuid();
    private const string UsedKey = "claim-key-1";

    private CaseApiHost _api = null!;
    private string _path = null!;

    public async Task InitializeAsync()
    {
        _api = await CaseApiHost.StartAsync(fixture, nameof(BadInputTests));
        _path = $"/api/v1/cases/{CaseId}";
        var cs = _api.CourtSystem();
        var filed = await _api.PostAsync("/api/v1/cases/claims", cs, Claim(CaseId), key: UsedKey);
        Assert.Equal(201, filed.Status);
        Assert.Equal(201, (await _api.PostAsync(_path + "/participants", cs, new
        {
            participants = new[] { new { participantId = Lawyer, role = "lawyer", displayName = "Касымова Р." } },
        })).Status);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static object Claim(Guid caseId, string subject = "О взыскании долга") => new
    {
        caseId, kind = "civil", courtId = CaseApiHost.Court, caseNumber = $"2-{Random.Shared.Next(1, 9999)}-{DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(5)):yy}", subject,
        claimant = new { participantId = Guid.NewGuid(), role = "plaintiff", displayName = "Нурланова Айгерим" },
        materials = new[] { CaseApiHost.Doc("claim-" + caseId, "claim") },
    };

    private static string Material => """{"document":{"sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","kind":"evidence","fileName":"e.pdf","mediaType":"application/pdf","sizeBytes":10}}""";

    public static TheoryData<string> Cases =>
    [
        "malformed-json", "not-an-object", "unknown-field", "missing-field", "null-field", "wrong-type-number", "wrong-type-guid",
        "unknown-enum", "numeric-enum", "wrong-content-type", "no-body", "bad-if-match", "stale-if-match", "illegal-transition",
        "rule-violation", "reused-key", "bad-key", "wrong-role", "another-lawyers-case", "unknown-case", "backdating-by-a-person",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Given_a_bad_request_When_it_is_sent_Then_a_4xx_problem_explains_it_and_nothing_is_stored(string kind)
    {
        var cs = _api.CourtSystem();
        var lawyer = _api.Token(Roles.Lawyer, Lawyer.ToString());
        var materials = _path + "/materials";
        var (request, expected) = kind switch
        {
            "malformed-json" => (Raw(materials, cs, """{"document": {"sha256": """), 400),
            "not-an-object" => (Raw(materials, cs, "[1, 2]"), 400),
            "unknown-field" => (Raw(materials, cs, Material.Replace("\"sizeBytes\":10", "\"sizeBytes\":10,\"colour\":\"red\"", StringComparison.Ordinal)), 400),
            "missing-field" => (Raw(materials, cs, Material.Replace(",\"fileName\":\"e.pdf\"", "", StringComparison.Ordinal)), 400),
            "null-field" => (Raw(materials, cs, Material.Replace("\"e.pdf\"", "null", StringComparison.Ordinal)), 400),
            "wrong-type-number" => (Raw(materials, cs, Material.Replace("\"sizeBytes\":10", "\"sizeBytes\":\"10\"", StringComparison.Ordinal)), 400),
            "wrong-type-guid" => (Raw(materials, cs, Material.Replace("}}", "},\"filedBy\":\"not-a-guid\"}", StringComparison.Ordinal)), 400),
            "unknown-enum" => (Raw(_path + "/closure", cs, """{"reason":"vanished"}"""), 400),
            "numeric-enum" => (Raw(_path + "/closure", cs, """{"reason":1}"""), 400),
            "wrong-content-type" => (Raw(materials, cs, Material, "text/plain"), 415),
            "no-body" => (CaseApiHost.Request(HttpMethod.Post, materials, cs), 400),
            "bad-if-match" => (WithHeader(Raw(materials, cs, Material), "If-Match", "\"version-two\""), 400),
            "stale-if-match" => (WithHeader(Raw(materials, cs, Material.Replace("}}", $"}},\"filedBy\":\"{Lawyer}\"}}", StringComparison.Ordinal)), "If-Match", "\"1\""), 412),
            // Judgment before acceptance: the case has not been accepted.
            "illegal-transition" => (Raw(_path + "/judgments", cs, """{"kind":"decision","judgeId":"6f1d7d1c-1111-4a4a-9a9a-000000000001","document":{"sha256":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","kind":"judgment","fileName":"j.pdf","mediaType":"application/pdf","sizeBytes":10}}"""), 409),
            "rule-violation" => (Raw(materials, cs, Material.Replace("aaaaaaaa", "AAAAAAAA", StringComparison.Ordinal).Replace("}}", $"}},\"filedBy\":\"{Lawyer}\"}}", StringComparison.Ordinal)), 422),
            "reused-key" => (WithHeader(Raw("/api/v1/cases/claims", cs, System.Text.Json.JsonSerializer.Serialize(Claim(Guid.NewGuid(), "Другой иск"))), "Idempotency-Key", UsedKey), 422),
            "bad-key" => (WithHeader(Raw(materials, cs, Material), "Idempotency-Key", "has space"), 400),
            "wrong-role" => (Raw(_path + "/closure", lawyer, """{"reason":"settlement"}"""), 403),
            "another-lawyers-case" => (Raw(materials, _api.Token(Roles.Lawyer, Guid.NewGuid().ToString()), Material), 404),
            "unknown-case" => (Raw($"/api/v1/cases/{Guid.NewGuid()}/materials", cs, Material), 404),
            "backdating-by-a-person" => (WithHeader(Raw(materials, lawyer, Material), "X-Occurred-At", "2025-03-14T10:00:00+05:00"), 403),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var before = await _api.CountRowsAsync();
        var answer = await _api.SendAsync(request);
        var after = await _api.CountRowsAsync();

        Assert.True(expected == answer.Status, $"{kind}: expected {expected}, got {answer}");
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal(expected, answer.Json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(answer.Str("title")), answer.Text);
        var detail = answer.Str("detail");
        Assert.False(string.IsNullOrWhiteSpace(detail), answer.Text);
        Assert.DoesNotContain("Ledger.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Given_an_unknown_field_When_it_is_sent_in_Russian_Then_the_message_names_the_field_in_Russian()
    {
        var request = Raw(_path + "/materials", _api.CourtSystem(), Material.Replace("\"sizeBytes\":10", "\"sizeBytes\":10,\"colour\":\"red\"", StringComparison.Ordinal));
        request.Headers.AcceptLanguage.ParseAdd("ru-RU");
        var answer = await _api.SendAsync(request);
        Assert.Equal(400, answer.Status);
        Assert.Contains("«colour»", answer.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("не предусмотрено", answer.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_missing_fields_When_sent_in_English_Then_the_message_lists_them()
    {
        var request = Raw("/api/v1/cases/claims", _api.CourtSystem(), $$"""{"caseId":"{{Guid.NewGuid()}}","kind":"civil"}""");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var answer = await _api.SendAsync(request);
        Assert.Equal(400, answer.Status);
        Assert.Contains("courtId", answer.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("Required fields are missing", answer.Str("detail"), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Raw(string path, string token, string body, string mediaType = "application/json")
    {
        var request = CaseApiHost.Request(HttpMethod.Post, path, token);
        request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        return request;
    }

    private static HttpRequestMessage WithHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }
}
