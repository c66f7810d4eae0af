using System.Globalization;
using System.Text.Json;
using Ledger.Api.Security;
using Ledger.Api.Tests.Infrastructure;
using Npgsql;

namespace Ledger.Api.Tests.Cases;

/// <summary>Closed categories over HTTP: named when a case is received, marked later by the court, refused once the case is closed.</summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class ClosedCategoryApiTests(StackFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(5));

    private CaseApiHost _api = null!;

    public async Task InitializeAsync() => _api = await CaseApiHost.StartAsync(fixture, nameof(ClosedCategoryApiTests));

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static string Number(int kind, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}-{Random.Shared.Next(1, 99999)}-{at:yy}");

    [Fact]
    public async Task Given_cases_received_with_closed_categories_When_stored_Then_the_events_and_the_case_carry_them()
    {
        var cs = _api.CourtSystem();
        var claimId = Guid.NewGuid();
        var filed = await _api.PostAsync("/api/v1/cases/claims", cs, new
        {
            caseId = claimId, kind = "civil", category = "specialProceedings", courtId = CaseApiHost.Court, caseNumber = Number(2, Now),
            subject = "Об усыновлении", claimant = new { participantId = Guid.NewGuid(), role = "plaintiff", displayName = "Заявитель" },
            materials = new[] { CaseApiHost.Doc("adoption-" + claimId, "claim") }, closedCategories = new[] { "adoption", "minors" },
        });
        Assert.Equal(201, filed.Status);
        var criminalId = Guid.NewGuid();
        Assert.Equal(201, (await _api.PostAsync("/api/v1/cases/criminal", _api.Token(Roles.LawEnforcementSystem, "office-1"), new
        {
            caseId = criminalId, courtId = CaseApiHost.Court, caseNumber = Number(1, Now), erdrNumber = "261500031000777",
            materials = new[] { CaseApiHost.Doc("indictment-" + criminalId, "indictment") }, closedCategories = new[] { "sexualOffence" },
        })).Status);

        // The event store writes enum values by name (the committed payload camelCases them): distinct, in order.
        using (var stored = await StoredEventAsync(claimId, "claim-filed"))
        {
            Assert.Equal(["Minors", "Adoption"], stored.RootElement.GetProperty("closedCategories").EnumerateArray().Select(c => c.GetString()));
        }

        using (var stored = await StoredEventAsync(criminalId, "criminal-case-received"))
        {
            Assert.Equal(["SexualOffence"], stored.RootElement.GetProperty("closedCategories").EnumerateArray().Select(c => c.GetString()));
        }

        var read = await _api.GetAsync($"/api/v1/cases/{claimId}", cs);
        Assert.Equal(["minors", "adoption"], read.Json.GetProperty("closedCategories").EnumerateArray().Select(c => c.GetString()));

        // A case received without categories stores no member at all (its committed form is as before).
        var plainId = Guid.NewGuid();
        Assert.Equal(201, (await _api.PostAsync("/api/v1/cases/claims", cs, new
        {
            caseId = plainId, kind = "civil", courtId = CaseApiHost.Court, caseNumber = Number(2, Now), subject = "О взыскании",
            claimant = new { participantId = Guid.NewGuid(), role = "plaintiff", displayName = "Истец" },
            materials = new[] { CaseApiHost.Doc("plain-" + plainId, "claim") },
        })).Status);
        using (var stored = await StoredEventAsync(plainId, "claim-filed"))
        {
            Assert.False(stored.RootElement.TryGetProperty("closedCategories", out _));
        }

        // An unknown category is bad input: 400, nothing stored.
        var before = await _api.CountRowsAsync();
        var unknown = await _api.PostAsync("/api/v1/cases/claims", cs, new
        {
            caseId = Guid.NewGuid(), kind = "civil", courtId = CaseApiHost.Court, caseNumber = Number(2, Now), subject = "X",
            claimant = new { participantId = Guid.NewGuid(), role = "plaintiff", displayName = "Истец" },
            materials = new[] { CaseApiHost.Doc("x-" + plainId, "claim") }, closedCategories = new[] { "secretive" },
        });
        Assert.Equal(400, unknown.Status);
        Assert.Equal(before, await _api.CountRowsAsync());
    }

    [Fact]
    public async Task Given_a_case_in_force_When_the_court_marks_it_closed_Then_the_mark_is_stored_once_and_others_may_not_mark_it()
    {
        var cs = _api.CourtSystem();
        var caseId = Guid.NewGuid();
        var path = $"/api/v1/cases/{caseId}";
        var judgeId = Guid.NewGuid();
        var lawyerId = Guid.NewGuid();
        Assert.Equal(201, (await _api.PostAsync("/api/v1/cases/claims", cs, new
        {
            caseId, kind = "civil", category = "simplified", courtId = CaseApiHost.Court, caseNumber = Number(2, Now.AddDays(-60)),
            subject = "О взыскании", claimant = new { participantId = Guid.NewGuid(), role = "plaintiff", displayName = "Истец" },
            materials = new[] { CaseApiHost.Doc("claim-" + caseId, "claim") },
        }, at: Now.AddDays(-60))).Status);
        Assert.Equal(201, (await _api.PostAsync(path + "/acceptance", cs, new { judgeId, judgeName = "Судья Омарова" }, at: Now.AddDays(-59))).Status);
        Assert.Equal(201, (await _api.PostAsync(path + "/participants", cs, new
        {
            participants = new[] { new { participantId = lawyerId, role = "lawyer", displayName = "Адвокат" } },
        }, at: Now.AddDays(-58))).Status);
        var actId = Guid.NewGuid();
        Assert.Equal(201, (await _api.PostAsync(path + "/judgments", cs, new
        {
            actId, kind = "decision", judgeId, document = CaseApiHost.Doc("judgment-" + caseId, "judgment"),
        }, at: Now.AddDays(-50))).Status);
        Assert.Equal(201, (await _api.PostAsync(path + $"/judgments/{actId}/entry-into-force", cs, null, at: Now.AddDays(-5))).Status);

        // Others may not mark: the admitted lawyer 403, a stranger 404; nothing stored.
        var before = await _api.CountRowsAsync();
        Assert.Equal(403, (await _api.PostAsync(path + "/closed-categories", _api.Token(Roles.Lawyer, lawyerId.ToString()), new { category = "minors" })).Status);
        Assert.Equal(404, (await _api.PostAsync(path + "/closed-categories", _api.Token(Roles.Lawyer, Guid.NewGuid().ToString()), new { category = "minors" })).Status);
        Assert.Equal(400, (await _api.PostAsync(path + "/closed-categories", cs, new { category = "secretive" })).Status);
        Assert.Equal(before, await _api.CountRowsAsync());

        var clerk = _api.Token(Roles.Clerk, "clerk-1", CaseApiHost.Court);
        var marked = await _api.PostAsync(path + "/closed-categories", clerk, new { category = "minors" });
        Assert.Equal(201, marked.Status);
        Assert.Equal("closed-category-marked", marked.Json.GetProperty("events")[0].GetProperty("eventType").GetString());
        var again = await _api.PostAsync(path + "/closed-categories", clerk, new { category = "minors" });
        Assert.Equal(200, again.Status);
        Assert.Empty(again.Json.GetProperty("events").EnumerateArray());
        var byJudge = await _api.PostAsync(path + "/closed-categories", _api.Token(Roles.Judge, judgeId.ToString(), CaseApiHost.Court), new { category = "closedHearing" });
        Assert.Equal(201, byJudge.Status);
        Assert.Equal(["minors", "closedHearing"], (await _api.GetAsync(path, clerk)).Json.GetProperty("closedCategories").EnumerateArray().Select(c => c.GetString()));

        // Once the case is closed, a new mark is refused.
        Assert.Equal(201, (await _api.PostAsync(path + "/closure", clerk, new { reason = "archived" })).Status);
        before = await _api.CountRowsAsync();
        var late = await _api.PostAsync(path + "/closed-categories", clerk, new { category = "stateSecrets" });
        Assert.Equal(409, late.Status);
        Assert.Equal("case.closed", late.Str("code"));
        Assert.Equal(before, await _api.CountRowsAsync());
    }

    private async Task<JsonDocument> StoredEventAsync(Guid caseId, string type)
    {
        await using var connection = new NpgsqlConnection(_api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select data::text from caseledger.mt_events where stream_id = @case and type = @type", connection);
        command.Parameters.AddWithValue("case", caseId);
        command.Parameters.AddWithValue("type", type);
        return JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
    }
}
