using System.Text.Json;
using Ledger.Api.Security;
using Ledger.Api.Tests.Cases;

namespace Ledger.Api.Tests.Intake;

/// <summary>
/// The clerk's intake queue over HTTP against real PostgreSQL: a filing submitted for triage is recorded in the case's
/// ledger and waits in the queue with its suggestion and reasons; the clerk confirms or overrides it in one call, which is
/// another ledger event, and the filing leaves the queue. Refusals are problem details, and nothing is stored.
/// </summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class IntakeApiTests(StackFixture fixture) : IAsyncLifetime
{
    private static readonly Guid ClerkId = Guid.NewGuid();
    private IntakeHost _intake = null!;

    private CaseApiHost Api => _intake.Api;

    public async Task InitializeAsync() => _intake = await IntakeHost.StartAsync(fixture, nameof(IntakeApiTests));

    public async Task DisposeAsync() => await Api.DisposeAsync();

    private static void AssertProblem(CaseApiHost.Answer answer, int status, string? code, string because)
    {
        Assert.True(answer.Status == status, $"{because}: expected {status}, got {answer}");
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(answer.Str("detail")), $"{because}: the problem has no detail: {answer}");
        if (code is not null)
        {
            Assert.True(answer.Str("code") == code, $"{because}: expected code {code}, got {answer}");
        }
    }

    [Fact]
    public async Task Given_a_pdf_claim_When_the_clerk_submits_it_Then_it_is_recorded_in_the_ledger_and_waits_in_the_queue_with_its_suggestion_and_reasons()
    {
        var caseId = await _intake.FileClaimAsync();
        var clerk = _intake.Clerk(ClerkId);
        var pdf = IntakeHost.DebtClaimPdf();

        var submitted = await _intake.SubmitAsync(caseId, clerk, pdf, "исковое заявление.pdf", "application/pdf", ifMatch: 1, key: "intake-" + caseId,
            fields: [("filedOn", "2026-03-16"), ("attachmentNames", "договор займа.pdf")]);
        Assert.True(submitted.Status == 201, submitted.ToString());
        Assert.Equal("\"2\"", submitted.ETag);
        var append = submitted.Json.GetProperty("append");
        Assert.Equal("intake-assessed", append.GetProperty("events")[0].GetProperty("eventType").GetString());
        var assessment = submitted.Json.GetProperty("assessment");
        var assessmentId = assessment.GetProperty("assessmentId").GetGuid();

        // The event is in the ledger, with the model version and the reasons; the file is in the document store.
        var recorded = Assert.Single(await _intake.EventsAsync(caseId, "intake-assessed"));
        Assert.Equal(assessmentId, recorded.GetProperty("assessmentId").GetGuid());
        Assert.StartsWith("intake-classifier@", recorded.GetProperty("modelVersion").GetString(), StringComparison.Ordinal);
        Assert.Contains(recorded.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("rule").GetString() == "model.category");
        var sha = recorded.GetProperty("filing").GetProperty("sha256Hex").GetString();
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), sha);
        var document = await Api.SendAsync(CaseApiHost.Request(HttpMethod.Get, $"/api/v1/documents/{sha}", clerk));
        Assert.Equal(200, document.Status);

        // The queue shows it with everything the clerk needs to decide.
        var item = Assert.Single(await _intake.QueueAsync(clerk), i => i.GetProperty("assessmentId").GetGuid() == assessmentId);
        Assert.Equal(caseId, item.GetProperty("caseId").GetGuid());
        Assert.Equal(2, item.GetProperty("caseVersion").GetInt64());
        Assert.Equal("pending", item.GetProperty("status").GetString());
        Assert.Equal(recorded.GetProperty("modelVersion").GetString(), item.GetProperty("modelVersion").GetString());
        var s = item.GetProperty("suggestion");
        Assert.Equal("debt-loan", s.GetProperty("subcategory").GetString());
        Assert.Equal("civil", s.GetProperty("kind").GetString());
        Assert.InRange(s.GetProperty("confidence").GetDouble(), 0.2, 1.0);
        Assert.Equal(2, s.GetProperty("alternatives").GetArrayLength());
        // The request's culture (ru) does not leak into the recorded probabilities: runners-up are read back, non-zero.
        Assert.InRange(s.GetProperty("alternatives")[0].GetProperty("probability").GetDouble(), 0.001, 1 - s.GetProperty("confidence").GetDouble());
        Assert.Equal("ru", s.GetProperty("language").GetString());
        Assert.Contains(s.GetProperty("parties").EnumerateArray(), p => p.GetProperty("role").GetString() == "plaintiff" && p.GetProperty("identifier").GetString() == "061211600012");
        Assert.Contains(s.GetProperty("parties").EnumerateArray(), p => p.GetProperty("role").GetString() == "defendant");
        Assert.Equal(350_000m, s.GetProperty("claimAmountTenge").GetDecimal());
        Assert.True(s.GetProperty("simplifiedEligible").GetBoolean());
        Assert.Equal("almaty-bostandyk", s.GetProperty("courtId").GetString());
        Assert.Contains("2024-06-10", s.GetProperty("dates").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains(s.GetProperty("articles").EnumerateArray(), a => a.GetString()!.Contains("148", StringComparison.Ordinal));
        Assert.True(s.GetProperty("topTerms").GetArrayLength() > 0);
        Assert.Contains(item.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("rule").GetString() == "jurisdiction");
        Assert.Equal(IntakeHost.DecisionPath(caseId, assessmentId), item.GetProperty("decisionUrl").GetString());
        Assert.Equal(assessment.GetRawText(), item.GetRawText());

        // Judges and the chair of the court read the queue; a clerk of another court does not see the filing.
        Assert.Contains(await _intake.QueueAsync(Api.Token(Roles.Judge, Guid.NewGuid().ToString(), CaseApiHost.Court)), i => i.GetProperty("assessmentId").GetGuid() == assessmentId);
        Assert.Contains(await _intake.QueueAsync(Api.Token(Roles.CourtChair, "chair", CaseApiHost.Court)), i => i.GetProperty("assessmentId").GetGuid() == assessmentId);
        Assert.DoesNotContain(await _intake.QueueAsync(_intake.Clerk(Guid.NewGuid(), "astana-esil")), i => i.GetProperty("assessmentId").GetGuid() == assessmentId);

        // The same filing again (a retry without a key): the assessment already recorded, nothing new.
        var again = await _intake.SubmitAsync(caseId, clerk, pdf, "исковое заявление.pdf", "application/pdf");
        Assert.True(again.Status == 200, again.ToString());
        Assert.Equal(0, again.Json.GetProperty("append").GetProperty("events").GetArrayLength());
        Assert.Equal(assessmentId, again.Json.GetProperty("assessment").GetProperty("assessmentId").GetGuid());
        // A replay with the first key answers as the first time, marked replayed.
        var replay = await _intake.SubmitAsync(caseId, clerk, pdf, "исковое заявление.pdf", "application/pdf", ifMatch: 1, key: "intake-" + caseId,
            fields: [("filedOn", "2026-03-16"), ("attachmentNames", "договор займа.pdf")]);
        Assert.True(replay.Status == 200, replay.ToString());
        Assert.True(replay.Json.GetProperty("append").GetProperty("replayed").GetBoolean());
        Assert.Single(await _intake.EventsAsync(caseId, "intake-assessed"));
    }

    [Fact]
    public async Task Given_a_docx_already_uploaded_When_submitted_by_its_hash_Then_it_is_assessed_in_kazakh()
    {
        var caseId = await _intake.FileClaimAsync();
        var clerk = _intake.Clerk(ClerkId);
        using var upload = new MultipartFormDataContent();
        var file = new ByteArrayContent(IntakeHost.ConsumerClaimDocx());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(IntakeHost.Docx);
        upload.Add(file, "file", "талап.docx");
        upload.Add(new StringContent("claim"), "kind");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/documents") { Content = upload };
        request.Headers.Authorization = new("Bearer", clerk);
        using var uploaded = await Api.Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Created, uploaded.StatusCode);
        var sha = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("sha256Hex").GetString();

        var submitted = await Api.PostAsync(IntakeHost.FilingsPath(caseId), clerk, new { sha256 = sha, fileName = "талап.docx", filedOn = "2026-03-16" });
        Assert.True(submitted.Status == 201, submitted.ToString());
        var s = submitted.Json.GetProperty("assessment").GetProperty("suggestion");
        Assert.Equal("kk", s.GetProperty("language").GetString());
        Assert.Equal("consumer", s.GetProperty("subcategory").GetString());
        Assert.Equal(480_000m, s.GetProperty("claimAmountTenge").GetDecimal());
        Assert.Equal("талап.docx", submitted.Json.GetProperty("assessment").GetProperty("filing").GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task Given_a_queued_filing_When_the_clerk_confirms_it_Then_the_confirmation_is_a_ledger_event_and_the_filing_leaves_the_queue()
    {
        var caseId = await _intake.FileClaimAsync();
        var clerk = _intake.Clerk(ClerkId);
        var submitted = await _intake.SubmitAsync(caseId, clerk, IntakeHost.DebtClaimPdf(), "claim.pdf", "application/pdf");
        Assert.Equal(201, submitted.Status);
        var assessment = submitted.Json.GetProperty("assessment");
        var assessmentId = assessment.GetProperty("assessmentId").GetGuid();

        var confirmed = await _intake.DecideAsync(caseId, assessmentId, clerk, new { decision = "confirm" }, ifMatch: 2, key: "confirm-" + assessmentId);
        Assert.True(confirmed.Status == 201, confirmed.ToString());
        Assert.Equal("intake-reviewed", confirmed.Json.GetProperty("events")[0].GetProperty("eventType").GetString());
        Assert.Equal("\"3\"", confirmed.ETag);

        var reviewed = Assert.Single(await _intake.EventsAsync(caseId, "intake-reviewed"));
        Assert.Equal("confirmed", reviewed.GetProperty("outcome").GetString(), ignoreCase: true);
        Assert.Equal(ClerkId, reviewed.GetProperty("clerkId").GetGuid());
        Assert.Equal("debt-loan", reviewed.GetProperty("final").GetProperty("subcategory").GetString());
        Assert.DoesNotContain(await _intake.QueueAsync(clerk), i => i.GetProperty("assessmentId").GetGuid() == assessmentId);

        // A retry with the same key answers as the first time; the same confirmation again stores nothing.
        var replay = await _intake.DecideAsync(caseId, assessmentId, clerk, new { decision = "confirm" }, ifMatch: 2, key: "confirm-" + assessmentId);
        Assert.True(replay.Status == 200 && replay.Json.GetProperty("replayed").GetBoolean(), replay.ToString());
        var repeat = await _intake.DecideAsync(caseId, assessmentId, clerk, new { decision = "confirm" });
        Assert.True(repeat.Status == 200 && repeat.Json.GetProperty("events").GetArrayLength() == 0, repeat.ToString());
        Assert.Single(await _intake.EventsAsync(caseId, "intake-reviewed"));

        // Nothing else happened to the case: no acceptance, no change of its kind or court.
        var view = await Api.GetAsync($"/api/v1/cases/{caseId}", clerk);
        Assert.Equal("received", view.Str("status"));
        Assert.Equal(CaseApiHost.Court, view.Str("courtId"));
    }

    [Fact]
    public async Task Given_a_queued_filing_When_the_clerk_overrides_it_Then_the_event_carries_the_clerks_values_and_reason()
    {
        var caseId = await _intake.FileClaimAsync();
        var clerk = _intake.Clerk(ClerkId);
        var submitted = await _intake.SubmitAsync(caseId, clerk, IntakeHost.DebtClaimPdf(), "claim.pdf", "application/pdf");
        Assert.Equal(201, submitted.Status);
        var assessmentId = submitted.Json.GetProperty("assessment").GetProperty("assessmentId").GetGuid();
        const string Reason = "Заём на покупку бытовой техники: спор о защите прав потребителя";

        var overridden = await _intake.DecideAsync(caseId, assessmentId, clerk, new
        {
            decision = "override", subcategory = "consumer", procedure = "general", courtId = "almaty-medeu", reason = Reason,
        }, ifMatch: 2);
        Assert.True(overridden.Status == 201, overridden.ToString());

        var reviewed = Assert.Single(await _intake.EventsAsync(caseId, "intake-reviewed"));
        Assert.Equal("overridden", reviewed.GetProperty("outcome").GetString(), ignoreCase: true);
        Assert.Equal(Reason, reviewed.GetProperty("note").GetString());
        Assert.Equal(ClerkId, reviewed.GetProperty("clerkId").GetGuid());
        var final = reviewed.GetProperty("final");
        Assert.Equal("consumer", final.GetProperty("subcategory").GetString());
        Assert.Equal("almaty-medeu", final.GetProperty("suggestedCourtId").GetString());
        Assert.False(final.GetProperty("simplifiedEligible").GetBoolean());
        // What the clerk did not change stays as suggested.
        Assert.Equal(350_000m, final.GetProperty("claimAmountTenge").GetDecimal());
        Assert.DoesNotContain(await _intake.QueueAsync(clerk), i => i.GetProperty("assessmentId").GetGuid() == assessmentId);
    }

    private static HttpRequestMessage RawPdf(Guid caseId, string token, byte[] pdf)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, IntakeHost.FilingsPath(caseId).TrimStart('/')) { Content = new ByteArrayContent(pdf) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        request.Headers.Authorization = new("Bearer", token);
        return request;
    }

    [Fact]
    public async Task Given_bad_submissions_When_sent_Then_each_is_a_4xx_problem_that_explains_it_and_nothing_is_stored()
    {
        var caseId = await _intake.FileClaimAsync();
        var clerk = _intake.Clerk(ClerkId);
        var accepted = await _intake.FileClaimAsync();
        Assert.Equal(201, (await Api.PostAsync($"/api/v1/cases/{accepted}/acceptance", Api.CourtSystem(), new { judgeId = Guid.NewGuid(), judgeName = "Сериков Арман" })).Status);
        var pdf = IntakeHost.DebtClaimPdf();
        var huge = new byte[IntakeHost.MaxFileBytes + 1];
        pdf.CopyTo(huge, 0);
        var corrupt = pdf[..(pdf.Length / 3)];
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

        var cases = new (string Name, Func<Task<CaseApiHost.Answer>> Send, int Status, string? Code)[]
        {
            ("empty file", () => _intake.SubmitAsync(caseId, clerk, [], "claim.pdf", "application/pdf"), 422, "file.empty"),
            ("damaged pdf", () => _intake.SubmitAsync(caseId, clerk, corrupt, "claim.pdf", "application/pdf"), 422, "file.corrupt"),
            ("damaged docx", () => _intake.SubmitAsync(caseId, clerk, "PK\u0003\u0004 not a zip"u8.ToArray(), "claim.docx", IntakeHost.Docx), 422, "file.corrupt"),
            ("scan without text", () => _intake.SubmitAsync(caseId, clerk, IntakeHost.PdfWithoutText(), "scan.pdf", "application/pdf"), 422, "file.no-text"),
            ("over the limit", () => _intake.SubmitAsync(caseId, clerk, huge, "claim.pdf", "application/pdf"), 413, "file.too-large"),
            ("an image", () => _intake.SubmitAsync(caseId, clerk, png, "claim.png", "image/png"), 415, "file.unsupported-type"),
            ("no file in the form", () => _intake.SubmitAsync(caseId, clerk, [], "x", "x", fields: [("filedOn", "2026-03-16")], withFile: false), 400, "file.missing"),
            ("a bad date", () => _intake.SubmitAsync(caseId, clerk, pdf, "claim.pdf", "application/pdf", fields: [("filedOn", "16.03.2026")]), 400, "body.wrong-type"),
            ("an unknown form field", () => _intake.SubmitAsync(caseId, clerk, pdf, "claim.pdf", "application/pdf", fields: [("category", "consumer")]), 400, "body.unknown-field"),
            ("a bare pdf body", () => Api.SendAsync(RawPdf(caseId, clerk, pdf)), 415, "body.content-type"),
            ("a hash never uploaded", () => Api.PostAsync(IntakeHost.FilingsPath(caseId), clerk, new { sha256 = new string('a', 64) }), 422, "document.not-uploaded"),
            ("not a hash", () => Api.PostAsync(IntakeHost.FilingsPath(caseId), clerk, new { sha256 = "abc" }), 400, "document.not-a-hash"),
            ("an unknown case", () => _intake.SubmitAsync(Guid.NewGuid(), clerk, pdf, "claim.pdf", "application/pdf"), 404, "case.unknown"),
            ("a case already accepted", () => _intake.SubmitAsync(accepted, clerk, pdf, "claim.pdf", "application/pdf"), 409, "case.already-accepted"),
            ("a stale If-Match", () => _intake.SubmitAsync(caseId, clerk, pdf, "claim.pdf", "application/pdf", ifMatch: 7), 412, null),
            ("a clerk of another court", () => _intake.SubmitAsync(caseId, _intake.Clerk(Guid.NewGuid(), "astana-esil"), pdf, "claim.pdf", "application/pdf"), 404, "case.unknown"),
            ("a judge", () => _intake.SubmitAsync(caseId, Api.Token(Roles.Judge, Guid.NewGuid().ToString(), CaseApiHost.Court), pdf, "claim.pdf", "application/pdf"), 403, "access.denied"),
            ("a party", () => _intake.SubmitAsync(caseId, Api.Token(Roles.Party, Guid.NewGuid().ToString()), pdf, "claim.pdf", "application/pdf"), 403, "access.denied"),
        };

        var before = await _intake.CountRowsAsync();
        foreach (var (name, send, status, code) in cases)
        {
            AssertProblem(await send(), status, code, name);
        }

        Assert.Equal(before, await _intake.CountRowsAsync());
        Assert.DoesNotContain(await _intake.QueueAsync(clerk), i => i.GetProperty("caseId").GetGuid() == caseId);
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "api/v1/intake/queue");
        using var unauthorized = await Api.Client.SendAsync(anonymous);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task Given_bad_decisions_When_sent_Then_each_is_a_4xx_problem_that_explains_it_and_nothing_is_stored()
    {
        var caseId = await _intake.FileClaimAsync();
        var clerk = _intake.Clerk(ClerkId);
        var submitted = await _intake.SubmitAsync(caseId, clerk, IntakeHost.DebtClaimPdf(), "claim.pdf", "application/pdf");
        Assert.Equal(201, submitted.Status);
        var pending = submitted.Json.GetProperty("assessment").GetProperty("assessmentId").GetGuid();
        var decidedCase = await _intake.FileClaimAsync();
        var second = await _intake.SubmitAsync(decidedCase, clerk, IntakeHost.DebtClaimPdf("Петрова Анна"), "claim.pdf", "application/pdf");
        var decided = second.Json.GetProperty("assessment").GetProperty("assessmentId").GetGuid();
        Assert.Equal(201, (await _intake.DecideAsync(decidedCase, decided, clerk, new { decision = "confirm" })).Status);

        var cases = new (string Name, Func<Task<CaseApiHost.Answer>> Send, int Status, string? Code)[]
        {
            ("an unknown filing", () => _intake.DecideAsync(caseId, Guid.NewGuid(), clerk, new { decision = "confirm" }), 404, "intake.unknown"),
            ("an override without a reason", () => _intake.DecideAsync(caseId, pending, clerk, new { decision = "override", subcategory = "consumer" }), 400, "intake.reason-required"),
            ("an override with a blank reason", () => _intake.DecideAsync(caseId, pending, clerk, new { decision = "override", courtId = "almaty-medeu", reason = "  " }), 400, "intake.reason-required"),
            ("an override that changes nothing", () => _intake.DecideAsync(caseId, pending, clerk, new { decision = "override", subcategory = "debt-loan", reason = "так" }), 422, "intake.override-unchanged"),
            ("an unknown subcategory", () => _intake.DecideAsync(caseId, pending, clerk, new { decision = "override", subcategory = "tax", reason = "налоги" }), 400, "intake.subcategory-unknown"),
            ("an unknown court", () => _intake.DecideAsync(caseId, pending, clerk, new { decision = "override", courtId = "mars-central", reason = "подсудность" }), 422, "court.unknown"),
            ("a confirmation with values", () => _intake.DecideAsync(caseId, pending, clerk, new { decision = "confirm", courtId = "almaty-medeu" }), 400, "intake.confirm-with-values"),
            ("an unknown decision", () => _intake.DecideAsync(caseId, pending, clerk, new { decision = "approve" }), 400, "body.wrong-type"),
            ("an unknown field", () => _intake.DecideAsync(caseId, pending, clerk, new { decision = "confirm", category = "general" }), 400, "body.unknown-field"),
            ("a second, different decision", () => _intake.DecideAsync(decidedCase, decided, clerk, new { decision = "override", courtId = "almaty-medeu", reason = "передумала" }), 409, "intake.already-reviewed"),
            ("a stale If-Match", () => _intake.DecideAsync(caseId, pending, clerk, new { decision = "confirm" }, ifMatch: 1), 412, null),
            ("another clerk's name", () => _intake.DecideAsync(caseId, pending, clerk, new { decision = "confirm", clerkId = Guid.NewGuid() }), 403, "access.denied"),
            ("a clerk of another court", () => _intake.DecideAsync(caseId, pending, _intake.Clerk(Guid.NewGuid(), "astana-esil"), new { decision = "confirm" }), 404, "case.unknown"),
            ("a judge of the court", () => _intake.DecideAsync(caseId, pending, Api.Token(Roles.Judge, Guid.NewGuid().ToString(), CaseApiHost.Court), new { decision = "confirm" }), 403, "access.denied"),
            ("the court chair", () => _intake.DecideAsync(caseId, pending, Api.Token(Roles.CourtChair, "chair", CaseApiHost.Court), new { decision = "confirm" }), 403, "access.denied"),
            ("a lawyer", () => _intake.DecideAsync(caseId, pending, Api.Token(Roles.Lawyer, Guid.NewGuid().ToString()), new { decision = "confirm" }), 403, "access.denied"),
            ("a lawyer reading the queue", () => Api.GetAsync("/api/v1/intake/queue", Api.Token(Roles.Lawyer, Guid.NewGuid().ToString())), 403, "access.denied"),
            ("an analyst reading the queue", () => Api.GetAsync("/api/v1/intake/queue", Api.Token(Roles.Analyst, "analyst-1", CaseApiHost.Court)), 403, "access.denied"),
            ("an auditor reading the queue", () => Api.GetAsync("/api/v1/intake/queue", Api.Token(Roles.Auditor, "auditor-1")), 403, "access.denied"),
        };

        var before = await _intake.CountRowsAsync();
        foreach (var (name, send, status, code) in cases)
        {
            AssertProblem(await send(), status, code, name);
        }

        Assert.Equal(before, await _intake.CountRowsAsync());
        Assert.Contains(await _intake.QueueAsync(clerk), i => i.GetProperty("assessmentId").GetGuid() == pending);
    }
}
