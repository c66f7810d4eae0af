using System.Globalization;
using System.Text.Json;
using Ledger.Api.Cases;
using Ledger.Api.Security;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Cases;

/// <summary>A civil and a criminal case driven end to end over HTTP by the roles that act in them, on real PostgreSQL.</summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class CaseWorkflowTests(StackFixture fixture) : IAsyncLifetime
{
    private static readonly Guid Judge = Guid.NewGuid();
    private static readonly Guid Plaintiff = Guid.NewGuid();
    private static readonly Guid Defendant = Guid.NewGuid();
    private static readonly Guid Lawyer = Guid.NewGuid();
    private static readonly Guid OtherLawyer = Guid.NewGuid();

    private CaseApiHost _api = null!;

    public async Task InitializeAsync() => _api = await CaseApiHost.StartAsync(fixture, nameof(CaseWorkflowTests));

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static string Number(int kind, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}-{Random.Shared.Next(1, 99999)}-{at:yy}");

    [Fact]
    public async Task Given_a_civil_claim_When_court_judge_and_lawyer_act_Then_each_step_is_stored_and_each_sees_their_share()
    {
        var now = DateTimeOffset.UtcNow;
        var caseId = Guid.NewGuid();
        var cs = _api.CourtSystem();
        var judge = _api.Token(Roles.Judge, Judge.ToString(), CaseApiHost.Court, "Сериков Арман");
        var lawyer = _api.Token(Roles.Lawyer, Lawyer.ToString());
        var clerk = _api.Token(Roles.Clerk, "clerk-1", CaseApiHost.Court);
        var path = $"/api/v1/cases/{caseId}";

        // The court system records the history of the case at the times it happened.
        var filedAt = now.AddDays(-60);
        var filed = await _api.PostAsync("/api/v1/cases/claims", cs, new
        {
            caseId, kind = "civil", courtId = CaseApiHost.Court, caseNumber = Number(2, filedAt), subject = "О взыскании долга по договору займа",
            claimant = new { participantId = Plaintiff, role = "plaintiff", displayName = "Нурланова Айгерим", iin = "061211600012" },
            materials = new[] { CaseApiHost.Doc("claim-" + caseId, "claim") },
        }, ifMatch: 0, at: filedAt);
        Assert.Equal(201, filed.Status);
        Assert.Equal("\"1\"", filed.ETag);
        Assert.Equal(path, filed.Location);
        var first = filed.Json.GetProperty("events")[0];
        Assert.Equal("claim-filed", first.GetProperty("eventType").GetString());
        Assert.Matches("^[0-9a-f]{64}$", first.GetProperty("leafHash").GetString());
        Assert.Equal($"/api/v1/receipts/{first.GetProperty("eventId").GetGuid()}", first.GetProperty("receiptUrl").GetString());

        Assert.Equal(201, (await _api.PostAsync(path + "/acceptance", cs, new { judgeId = Judge, judgeName = "Сериков Арман" }, 1, at: now.AddDays(-59))).Status);
        Assert.Equal(201, (await _api.PostAsync(path + "/participants", cs, new
        {
            participants = new object[]
            {
                new { participantId = Defendant, role = "defendant", displayName = "Ахметов Ерлан", iin = "791028302728" },
                new { participantId = Lawyer, role = "lawyer", displayName = "Касымова Р." },
            },
        }, 2, at: now.AddDays(-58))).Status);
        Assert.Equal(201, (await _api.PostAsync(path + "/preparation-completed", cs, null, 3, at: now.AddDays(-55))).Status);
        var firstHearing = Guid.NewGuid();
        Assert.Equal(201, (await _api.PostAsync(path + "/hearings", cs, new
        {
            hearingId = firstHearing, startsAt = now.AddDays(-40), format = "inPerson", courtroom = "Зал 3",
        }, 4, at: now.AddDays(-50))).Status);
        var held = await _api.PostAsync(path + $"/hearings/{firstHearing}/held", cs, new { recordings = new[] { CaseApiHost.Recording("h1-" + caseId) } }, 5, at: now.AddDays(-40).AddHours(3));
        Assert.Equal(201, held.Status);
        Assert.Equal("\"6\"", held.ETag);

        // The lawyer files in their own name only.
        Assert.Equal(201, (await _api.PostAsync(path + "/materials", lawyer, new { document = CaseApiHost.Doc("evidence-" + caseId, "evidence") })).Status);
        var onBehalf = await _api.PostAsync(path + "/materials", lawyer, new { document = CaseApiHost.Doc("x-" + caseId), filedBy = Defendant });
        Assert.Equal(403, onBehalf.Status);

        // A retried motion with the same key is answered as before; the key with another body is refused.
        var motionId = Guid.NewGuid();
        var motion = new { motionId, kind = "expert-examination", document = CaseApiHost.Doc("motion-" + caseId, "motion") };
        var key = "motion-" + motionId;
        var filedMotion = await _api.PostAsync(path + "/motions", lawyer, motion, key: key);
        Assert.Equal(201, filedMotion.Status);
        var again = await _api.PostAsync(path + "/motions", lawyer, motion, key: key);
        Assert.Equal(200, again.Status);
        Assert.True(again.Json.GetProperty("replayed").GetBoolean());
        Assert.Equal(filedMotion.Json.GetProperty("events")[0].GetProperty("eventId").GetGuid(), again.Json.GetProperty("events")[0].GetProperty("eventId").GetGuid());
        Assert.Equal(422, (await _api.PostAsync(path + "/motions", lawyer, motion with { kind = "summon-witness" }, key: key)).Status);

        Assert.Equal(201, (await _api.PostAsync(path + $"/motions/{motionId}/decision", judge, new { outcome = "granted" })).Status);
        var videoHearing = Guid.NewGuid();
        var scheduled = await _api.PostAsync(path + "/hearings", judge, new
        {
            hearingId = videoHearing, startsAt = now.AddDays(5), format = "video", courtroom = "Зал 1", participantIds = new[] { Lawyer, Plaintiff },
        });
        Assert.Equal(201, scheduled.Status);

        // The lawyer's courtroom: documents with hashes and receipts, the video hearing with their join link, terms.
        var courtroom = await _api.GetAsync(path + "/courtroom", lawyer);
        Assert.Equal(200, courtroom.Status);
        var documents = courtroom.Json.GetProperty("documents").EnumerateArray().ToList();
        Assert.Contains(documents, d => d.GetProperty("sha256").GetString() == CaseApiHost.Sha("evidence-" + caseId)
            && d.GetProperty("filedBy").GetGuid() == Lawyer && d.GetProperty("receiptUrl").GetString()!.StartsWith("/api/v1/receipts/", StringComparison.Ordinal));
        Assert.Contains(documents, d => d.GetProperty("role").GetString() == "hearing-recording");
        var video = courtroom.Json.GetProperty("hearings").EnumerateArray().Single(h => h.GetProperty("hearingId").GetGuid() == videoHearing);
        Assert.Equal($"https://video.court.example/rooms/{videoHearing:N}", video.GetProperty("videoRoomUrl").GetString());
        var join = video.GetProperty("join");
        Assert.StartsWith($"https://video.court.example/rooms/{videoHearing:N}?token=", join.GetProperty("url").GetString(), StringComparison.Ordinal);
        var claims = VideoConferencing.Verify(join.GetProperty("token").GetString(), CaseApiHost.VideoKey, DateTimeOffset.UtcNow);
        Assert.Equal((videoHearing, Lawyer), (claims!.HearingId, claims.ParticipantId));
        Assert.Equal(JsonValueKind.Null, courtroom.Json.GetProperty("hearings").EnumerateArray().First(h => h.GetProperty("hearingId").GetGuid() == firstHearing).GetProperty("join").ValueKind);
        Assert.Contains(courtroom.Json.GetProperty("motions").EnumerateArray(), m => m.GetProperty("motionId").GetGuid() == motionId && m.GetProperty("outcome").GetString() == "granted");
        Assert.NotEmpty(courtroom.Json.GetProperty("case").GetProperty("deadlines").EnumerateArray());
        Assert.All(courtroom.Json.GetProperty("case").GetProperty("participants").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("iin").ValueKind));

        // The join link alone; a party admitted but not summoned gets none.
        Assert.Equal(200, (await _api.GetAsync(path + $"/hearings/{videoHearing}/join", lawyer)).Status);
        Assert.Equal(403, (await _api.GetAsync(path + $"/hearings/{videoHearing}/join", _api.Token(Roles.Party, Defendant.ToString()))).Status);

        // The court sees IINs; an auditor sees no names; another lawyer does not learn that the case exists.
        var byClerk = await _api.GetAsync(path, clerk);
        Assert.Contains(byClerk.Json.GetProperty("participants").EnumerateArray(), p => p.GetProperty("iin").GetString() == "791028302728");
        var byAuditor = await _api.GetAsync(path, _api.Token(Roles.Auditor, "auditor-1"));
        Assert.Equal("redacted", byAuditor.Str("visibility"));
        Assert.Empty(byAuditor.Json.GetProperty("participants").EnumerateArray());
        var other = _api.Token(Roles.Lawyer, OtherLawyer.ToString());
        Assert.Equal(404, (await _api.GetAsync(path, other)).Status);
        Assert.Equal(404, (await _api.PostAsync(path + "/materials", other, new { document = CaseApiHost.Doc("o-" + caseId) })).Status);

        // Judgment, appeal, appellate decision (entry into force), archive.
        var actId = Guid.NewGuid();
        Assert.Equal(201, (await _api.PostAsync(path + "/judgments", judge, new { actId, kind = "decision", document = CaseApiHost.Doc("judgment-" + caseId, "judgment"), outcome = "Иск удовлетворить" })).Status);
        var appealId = Guid.NewGuid();
        Assert.Equal(201, (await _api.PostAsync(path + "/appeals", lawyer, new { appealId, actId, document = CaseApiHost.Doc("appeal-" + caseId, "appeal") })).Status);
        var decided = await _api.PostAsync(path + $"/appeals/{appealId}/decision", cs, new { outcome = "upheld", appellateCourtId = "almaty-regional", decision = CaseApiHost.Doc("appeal-decision-" + caseId) });
        Assert.Equal(201, decided.Status);
        Assert.Equal(["appeal-decided", "judgment-entered-into-force"], decided.Json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("eventType").GetString()));

        var version = long.Parse(decided.ETag!.Trim('"'), CultureInfo.InvariantCulture);
        Assert.Equal(412, (await _api.PostAsync(path + "/closure", clerk, new { reason = "archived" }, ifMatch: version - 1)).Status);
        var closed = await _api.PostAsync(path + "/closure", clerk, new { reason = "archived" }, ifMatch: version);
        Assert.Equal(201, closed.Status);
        Assert.Equal("closed", (await _api.GetAsync(path, judge)).Str("status"));

        // Lists: the judge's cases include it; another lawyer's do not.
        var judgeList = await _api.GetAsync("/api/v1/cases", judge);
        Assert.Contains(judgeList.Json.GetProperty("cases").EnumerateArray(), c => c.GetProperty("caseId").GetGuid() == caseId);
        var lawyerList = await _api.GetAsync("/api/v1/cases?status=closed", lawyer);
        Assert.Contains(lawyerList.Json.GetProperty("cases").EnumerateArray(), c => c.GetProperty("caseId").GetGuid() == caseId);
        var otherList = await _api.GetAsync("/api/v1/cases", other);
        Assert.DoesNotContain(otherList.Json.GetProperty("cases").EnumerateArray(), c => c.GetProperty("caseId").GetGuid() == caseId);
    }

    [Fact]
    public async Task Given_a_prosecutor_office_When_it_transmits_a_criminal_case_Then_it_follows_that_case_and_no_other()
    {
        var caseId = Guid.NewGuid();
        var office = "prosecutor-office-" + Guid.NewGuid().ToString("N")[..8];
        var sender = _api.Token(Roles.LawEnforcementSystem, office);
        var now = DateTimeOffset.UtcNow;
        var body = new
        {
            caseId, courtId = CaseApiHost.Court, caseNumber = Number(1, now.ToOffset(TimeSpan.FromHours(5))), erdrNumber = "261500031000123",
            materials = new[] { CaseApiHost.Doc("indictment-" + caseId, "indictment"), CaseApiHost.Doc("file-" + caseId, "case-file") },
        };

        var sent = await _api.PostAsync("/api/v1/cases/criminal", sender, body);
        Assert.Equal(201, sent.Status);
        var repeated = await _api.PostAsync("/api/v1/cases/criminal", sender, body);
        Assert.Equal(200, repeated.Status);
        Assert.Empty(repeated.Json.GetProperty("events").EnumerateArray());

        var followed = await _api.GetAsync($"/api/v1/cases/{caseId}", sender);
        Assert.Equal(200, followed.Status);
        Assert.Equal("progress", followed.Str("visibility"));
        Assert.Equal(office, followed.Str("prosecutorOffice"));
        Assert.Contains((await _api.GetAsync("/api/v1/cases", sender)).Json.GetProperty("cases").EnumerateArray(), c => c.GetProperty("caseId").GetGuid() == caseId);

        Assert.Equal(404, (await _api.GetAsync($"/api/v1/cases/{caseId}", _api.Token(Roles.LawEnforcementSystem, "another-office"))).Status);
        Assert.Equal(404, (await _api.GetAsync($"/api/v1/cases/{caseId}", _api.CourtSystem("astana-esil"))).Status);
        Assert.Equal(403, (await _api.PostAsync($"/api/v1/cases/{caseId}/materials", sender, new { document = CaseApiHost.Doc("extra-" + caseId), filedBy = Guid.NewGuid() })).Status);
        // Only a court system may give the time of an act.
        Assert.Equal(403, (await _api.PostAsync("/api/v1/cases/criminal", sender, body with { caseId = Guid.NewGuid() }, at: now.AddDays(-1))).Status);

        // The judge of the court sees the unassigned case and accepts it in their own name.
        var judgeId = Guid.NewGuid();
        var judge = _api.Token(Roles.Judge, judgeId.ToString(), CaseApiHost.Court, "Омарова Динара");
        var accepted = await _api.PostAsync($"/api/v1/cases/{caseId}/acceptance", judge, new { });
        Assert.Equal(201, accepted.Status);
        Assert.Equal(judgeId.ToString(), (await _api.GetAsync($"/api/v1/cases/{caseId}", judge)).Str("judgeId"));
        Assert.Equal(404, (await _api.GetAsync($"/api/v1/cases/{caseId}", _api.Token(Roles.Judge, Guid.NewGuid().ToString(), CaseApiHost.Court))).Status);
    }

    [Fact]
    public async Task Given_no_token_When_a_case_endpoint_is_called_Then_it_answers_401()
    {
        using var response = await _api.Client.GetAsync($"api/v1/cases/{Guid.NewGuid()}");
        Assert.Equal(401, (int)response.StatusCode);
    }
}
