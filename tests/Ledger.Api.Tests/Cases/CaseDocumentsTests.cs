using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Api.Security;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Tests.Signatures;
using Npgsql;

namespace Ledger.Api.Tests.Cases;

/// <summary>
/// Documents in case commands over HTTP on real PostgreSQL, with uploads required and signed acts required: the event
/// carries the document as stored, with the verified signature (signer's name, IIN, verdict); a judgment that is
/// unsigned, signed by someone else or names an unknown signature is refused and nothing is stored. Downloads are
/// scoped to the cases the caller may see.
/// </summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class CaseDocumentsTests(StackFixture fixture) : IAsyncLifetime
{
    private const string JudgeName = "Сериков Арман Болатович";
    private const string JudgeIin = "750315300128";
    private const string LawyerIin = "820514400271";

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly Guid Judge = Guid.NewGuid();
    private static readonly Guid Lawyer = Guid.NewGuid();
    private static readonly Guid Plaintiff = Guid.NewGuid();

    private readonly string _caFolder = Directory.CreateTempSubdirectory("caseledger-case-ca-").FullName;
    private CaseApiHost _api = null!;
    private TestSigner _judgeKey = null!;
    private TestSigner _lawyerKey = null!;

    public async Task InitializeAsync()
    {
        var ca = TestPki.CreateCa("ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST", TestKeyKind.Gost2012_256, Now.AddYears(-3), Now.AddYears(3));
        await File.WriteAllBytesAsync(Path.Combine(_caFolder, "nca_gost_test.cer"), ca.Certificate.GetEncoded());
        _judgeKey = ca.Issue(TestKeyKind.Gost2012_256, "СЕРИКОВ АРМАН", JudgeIin, notBefore: Now.AddDays(-30), notAfter: Now.AddDays(300));
        _lawyerKey = ca.Issue(TestKeyKind.Gost2012_256, "КАСЫМОВА РОЗА", LawyerIin, notBefore: Now.AddDays(-30), notAfter: Now.AddDays(300));
        _api = await CaseApiHost.StartAsync(fixture, nameof(CaseDocumentsTests), settings =>
        {
            settings["Cases:RequireUploadedDocuments"] = "true";
            settings["Cases:RequireSignedActs"] = "true";
            settings["Signatures:TrustedCaFolder"] = _caFolder;
        });
        _api.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_caFolder, recursive: true);
    }

    private string CourtSystem => _api.CourtSystem();

    private string JudgeToken => _api.Token(Roles.Judge, Judge.ToString(), CaseApiHost.Court, JudgeName);

    private string LawyerToken => _api.Token(Roles.Lawyer, Lawyer.ToString());

    [Fact]
    public async Task Given_signed_uploads_When_a_motion_is_filed_and_a_judgment_issued_Then_the_stored_events_carry_the_signers_name_IIN_and_verdict()
    {
        var (caseId, path) = await AcceptedCaseAsync();

        // The lawyer's motion, signed by the lawyer; the reference names the signature and gives no media type or size.
        var motion = Pdf("Ходатайство о назначении экспертизы");
        var motionSignature = _lawyerKey.Sign(motion, Now.AddMinutes(-3));
        Assert.Equal(201, await UploadAsync(LawyerToken, motion, "motion", motionSignature));
        var motionId = Guid.NewGuid();
        var filed = await _api.PostAsync(path + "/motions", LawyerToken, new
        {
            motionId, kind = "expert-examination",
            document = new { sha256 = Sha(motion), kind = "motion", fileName = "ходатайство.pdf", signatureSha256 = Sha(motionSignature) },
        });
        Assert.Equal(201, filed.Status);
        using (var stored = await StoredEventAsync(caseId, "motion-filed"))
        {
            var document = stored.RootElement.GetProperty("document");
            Assert.Equal("application/pdf", document.GetProperty("mediaType").GetString());
            Assert.Equal(motion.Length, document.GetProperty("sizeBytes").GetInt64());
            var signature = document.GetProperty("signature");
            Assert.Equal("КАСЫМОВА РОЗА", signature.GetProperty("signerName").GetString());
            Assert.Equal(LawyerIin, signature.GetProperty("iin").GetString());
            Assert.Equal("Valid", signature.GetProperty("status").GetString());
            Assert.Equal(Sha(motionSignature), signature.GetProperty("signatureSha256Hex").GetString());
        }

        // The judge's judgment, signed by the judge: the latest signature is taken when none is named.
        var judgment = Pdf("РЕШЕНИЕ по делу о взыскании долга");
        var judgmentSignature = _judgeKey.Sign(judgment, Now.AddMinutes(-1));
        Assert.Equal(201, await UploadAsync(JudgeToken, judgment, "judgment", judgmentSignature));
        var actId = Guid.NewGuid();
        var issued = await _api.PostAsync(path + "/judgments", JudgeToken, new
        {
            actId, kind = "decision", document = new { sha256 = Sha(judgment), kind = "judgment", fileName = "решение.pdf" }, outcome = "Иск удовлетворить",
        });
        Assert.Equal(201, issued.Status);
        using (var stored = await StoredEventAsync(caseId, "judgment-issued"))
        {
            var signature = stored.RootElement.GetProperty("document").GetProperty("signature");
            Assert.Equal("СЕРИКОВ АРМАН", signature.GetProperty("signerName").GetString());
            Assert.Equal(JudgeIin, signature.GetProperty("iin").GetString());
            Assert.Equal("Valid", signature.GetProperty("status").GetString());
            Assert.Equal(Sha(judgmentSignature), signature.GetProperty("signatureSha256Hex").GetString());
            Assert.StartsWith("GOST", signature.GetProperty("algorithm").GetString(), StringComparison.Ordinal);
        }

        // The courtroom shows the signature: the court with the IIN, the lawyer without.
        var byClerk = await _api.GetAsync(path + "/courtroom", _api.Token(Roles.Clerk, "clerk-1", CaseApiHost.Court));
        var judgmentRow = byClerk.Json.GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("sha256").GetString() == Sha(judgment));
        Assert.Equal(JudgeIin, judgmentRow.GetProperty("signature").GetProperty("iin").GetString());
        var byLawyer = await _api.GetAsync(path + "/courtroom", LawyerToken);
        var lawyerRow = byLawyer.Json.GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("sha256").GetString() == Sha(judgment));
        Assert.Equal("СЕРИКОВ АРМАН", lawyerRow.GetProperty("signature").GetProperty("signerName").GetString());
        Assert.Equal(JsonValueKind.Null, lawyerRow.GetProperty("signature").GetProperty("iin").ValueKind);
    }

    [Fact]
    public async Task Given_a_judgment_unsigned_signed_by_another_or_naming_an_unknown_signature_When_issued_Then_it_is_refused_and_nothing_is_stored()
    {
        var (caseId, path) = await AcceptedCaseAsync();
        var unsigned = Pdf("РЕШЕНИЕ без подписи");
        Assert.Equal(201, await UploadAsync(JudgeToken, unsigned, "judgment"));
        var byLawyer = Pdf("РЕШЕНИЕ, подписанное не судьёй");
        var lawyerSignature = _lawyerKey.Sign(byLawyer, Now.AddMinutes(-1));
        Assert.Equal(201, await UploadAsync(JudgeToken, byLawyer, "judgment", lawyerSignature));
        var signed = Pdf("РЕШЕНИЕ, подписанное судьёй");
        Assert.Equal(201, await UploadAsync(JudgeToken, signed, "judgment", _judgeKey.Sign(signed, Now.AddMinutes(-1))));
        var before = await _api.CountRowsAsync();
        var events = await CountEventsAsync(caseId);

        async Task RefusedAsync(object document, string code, string words)
        {
            var answer = await _api.PostAsync(path + "/judgments", JudgeToken, new { actId = Guid.NewGuid(), kind = "decision", document }, key: "judgment-" + Guid.NewGuid());
            Assert.Equal(422, answer.Status);
            Assert.Equal("application/problem+json", answer.MediaType);
            Assert.Equal(code, answer.Str("code"));
            Assert.Contains(words, answer.Str("detail"), StringComparison.Ordinal);
        }

        await RefusedAsync(new { sha256 = Sha(unsigned), kind = "judgment", fileName = "решение.pdf" }, "signature.required", "must carry an electronic signature");
        await RefusedAsync(new { sha256 = Sha(byLawyer), kind = "judgment", fileName = "решение.pdf" }, "signature.not-by-judge", "КАСЫМОВА РОЗА");
        await RefusedAsync(new { sha256 = Sha(signed), kind = "judgment", fileName = "решение.pdf", signatureSha256 = new string('a', 64) },
            "document.signature-unknown", "not stored for this document");
        await RefusedAsync(new { sha256 = Sha(signed), kind = "judgment", fileName = "решение.pdf", signatureSha256 = Sha(lawyerSignature) },
            "document.signature-unknown", "not stored for this document");
        await RefusedAsync(new { sha256 = Sha(signed), kind = "judgment", fileName = "решение.pdf", mediaType = "image/png" }, "document.metadata-mismatch", "differs");
        await RefusedAsync(new { sha256 = Sha(Pdf("never uploaded")), kind = "judgment", fileName = "решение.pdf" }, "document.not-uploaded", "not uploaded");

        // Nothing reached the event store, the ledger or the idempotency keys; the signed one then goes through.
        Assert.Equal(before, await _api.CountRowsAsync());
        Assert.Equal(events, await CountEventsAsync(caseId));
        Assert.Equal(201, (await _api.PostAsync(path + "/judgments", JudgeToken, new
        {
            actId = Guid.NewGuid(), kind = "decision", document = new { sha256 = Sha(signed), kind = "judgment", fileName = "решение.pdf" },
        })).Status);
    }

    [Fact]
    public async Task Given_a_ruling_of_a_motion_decision_When_unsigned_Then_it_is_refused_but_a_decision_without_a_ruling_is_not()
    {
        var (_, path) = await AcceptedCaseAsync();
        var motion = Pdf("Ходатайство");
        Assert.Equal(201, await UploadAsync(LawyerToken, motion, "motion"));
        var motionId = Guid.NewGuid();
        // Filings need no signature.
        Assert.Equal(201, (await _api.PostAsync(path + "/motions", LawyerToken, new
        {
            motionId, kind = "summon-witness", document = new { sha256 = Sha(motion), kind = "motion", fileName = "m.pdf" },
        })).Status);
        var ruling = Pdf("Определение");
        Assert.Equal(201, await UploadAsync(JudgeToken, ruling, "ruling"));

        var refused = await _api.PostAsync(path + $"/motions/{motionId}/decision", JudgeToken, new
        {
            outcome = "granted", ruling = new { sha256 = Sha(ruling), kind = "ruling", fileName = "r.pdf" },
        });

        Assert.Equal(422, refused.Status);
        Assert.Equal("signature.required", refused.Str("code"));
        Assert.Equal(201, (await _api.PostAsync(path + $"/motions/{motionId}/decision", JudgeToken, new { outcome = "granted" })).Status);
    }

    [Fact]
    public async Task Given_documents_of_a_case_When_downloaded_Then_only_those_who_see_the_case_in_full_or_uploaded_them_get_them()
    {
        var (_, path) = await AcceptedCaseAsync();
        var judgment = Pdf("РЕШЕНИЕ для проверки доступа");
        var signature = _judgeKey.Sign(judgment, Now.AddMinutes(-1));
        Assert.Equal(201, await UploadAsync(JudgeToken, judgment, "judgment", signature));
        Assert.Equal(201, (await _api.PostAsync(path + "/judgments", JudgeToken, new
        {
            actId = Guid.NewGuid(), kind = "decision", document = new { sha256 = Sha(judgment), kind = "judgment", fileName = "решение.pdf" },
        })).Status);
        var sha = Sha(judgment);
        string[] reads = [$"/api/v1/documents/{sha}", $"/api/v1/documents/{sha}/signatures", $"/api/v1/documents/{sha}/signatures/{Sha(signature)}"];

        // Allowed: the case's court, its judge, the lawyer and the plaintiff admitted to it.
        foreach (var token in new[]
        {
            CourtSystem, _api.Token(Roles.Clerk, "clerk-7", CaseApiHost.Court), _api.Token(Roles.CourtChair, "chair-1", CaseApiHost.Court),
            JudgeToken, LawyerToken, _api.Token(Roles.Party, Plaintiff.ToString()),
        })
        {
            foreach (var read in reads)
            {
                Assert.Equal(200, (await _api.SendAsync(CaseApiHost.Request(HttpMethod.Get, read, token))).Status);
            }
        }

        using (var content = await _api.Client.SendAsync(CaseApiHost.Request(HttpMethod.Get, reads[0], LawyerToken)))
        {
            Assert.Equal(judgment, await content.Content.ReadAsByteArrayAsync());
        }

        // Denied: redacted roles 403; everyone without a relation to the case 404, as for a document never stored.
        foreach (var read in reads)
        {
            var auditor = await _api.GetAsync(read, _api.Token(Roles.Auditor, "auditor-1"));
            Assert.Equal(403, auditor.Status);
            Assert.Equal("document.forbidden", auditor.Str("code"));
            Assert.Equal("application/problem+json", auditor.MediaType);
            foreach (var stranger in new[]
            {
                _api.Token(Roles.Lawyer, Guid.NewGuid().ToString()), _api.Token(Roles.Party, Guid.NewGuid().ToString()),
                _api.Token(Roles.Prosecutor, Guid.NewGuid().ToString()), _api.Token(Roles.Judge, Guid.NewGuid().ToString(), CaseApiHost.Court),
                _api.Token(Roles.Clerk, "clerk-9", "astana-esil"), _api.CourtSystem("astana-esil"),
                _api.Token(Roles.LawEnforcementSystem, "prosecutor-office-x"),
                // The plaintiff's id with another role than the one admitted.
                _api.Token(Roles.Lawyer, Plaintiff.ToString()),
            })
            {
                var answer = await _api.GetAsync(read, stranger);
                Assert.Equal(404, answer.Status);
                Assert.Equal("document.unknown", answer.Str("code"));
                Assert.Equal("application/problem+json", answer.MediaType);
            }
        }

        Assert.Equal(403, (await _api.GetAsync(reads[0], _api.Token(Roles.Analyst, "analyst-1"))).Status);
        Assert.Equal(404, (await _api.GetAsync($"/api/v1/documents/{new string('0', 64)}", CourtSystem)).Status);

        // A document not yet named by any case: its uploader reads it, nobody else.
        var draft = Pdf("Черновик отзыва");
        Assert.Equal(201, await UploadAsync(LawyerToken, draft, "response"));
        Assert.Equal(200, (await _api.GetAsync($"/api/v1/documents/{Sha(draft)}/signatures", LawyerToken)).Status);
        Assert.Equal(404, (await _api.GetAsync($"/api/v1/documents/{Sha(draft)}", CourtSystem)).Status);
        Assert.Equal(404, (await _api.GetAsync($"/api/v1/documents/{Sha(draft)}", JudgeToken)).Status);
    }

    /// <summary>A simplified civil claim (uploaded claim), accepted by the judge with their IIN, with a lawyer admitted.</summary>
    private async Task<(Guid CaseId, string Path)> AcceptedCaseAsync()
    {
        var caseId = Guid.NewGuid();
        var path = $"/api/v1/cases/{caseId}";
        var claim = Pdf("Исковое заявление");
        Assert.Equal(201, await UploadAsync(CourtSystem, claim, "claim"));
        var filed = await _api.PostAsync("/api/v1/cases/claims", CourtSystem, new
        {
            caseId, kind = "civil", category = "simplified", courtId = CaseApiHost.Court,
            caseNumber = string.Create(CultureInfo.InvariantCulture, $"2-{Random.Shared.Next(1, 99999)}-{Now.ToOffset(TimeSpan.FromHours(5)):yy}"),
            subject = "О взыскании долга",
            claimant = new { participantId = Plaintiff, role = "plaintiff", displayName = "Нурланова Айгерим" },
            materials = new[] { new { sha256 = Sha(claim), kind = "claim", fileName = "иск.pdf", mediaType = "application/pdf", sizeBytes = (long)claim.Length } },
        });
        Assert.Equal(201, filed.Status);
        Assert.Equal(201, (await _api.PostAsync(path + "/acceptance", CourtSystem, new { judgeId = Judge, judgeName = JudgeName, judgeIin = JudgeIin })).Status);
        Assert.Equal(201, (await _api.PostAsync(path + "/participants", CourtSystem, new
        {
            participants = new[] { new { participantId = Lawyer, role = "lawyer", displayName = "Касымова Роза" } },
        })).Status);
        return (caseId, path);
    }

    private async Task<int> UploadAsync(string token, byte[] content, string kind, byte[]? signature = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", kind + ".pdf");
        form.Add(new StringContent(kind), "kind");
        if (signature is not null)
        {
            form.Add(new ByteArrayContent(signature), "signature", kind + ".p7s");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/documents") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _api.Client.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>The payload of the case's (single) event of this type, as the event store holds it.</summary>
    private async Task<JsonDocument> StoredEventAsync(Guid caseId, string type)
    {
        await using var connection = new NpgsqlConnection(_api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select data::text from caseledger.mt_events where stream_id = @case and type = @type", connection);
        command.Parameters.AddWithValue("case", caseId);
        command.Parameters.AddWithValue("type", type);
        return JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
    }

    private async Task<long> CountEventsAsync(Guid caseId)
    {
        await using var connection = new NpgsqlConnection(_api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from caseledger.mt_events where stream_id = @case", connection);
        command.Parameters.AddWithValue("case", caseId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static byte[] Pdf(string text) => Encoding.UTF8.GetBytes($"%PDF-1.7\n% {text} {Guid.NewGuid()}\n%%EOF\n");

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
