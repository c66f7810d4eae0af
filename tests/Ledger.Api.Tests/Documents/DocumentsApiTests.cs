using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;
using Ledger.Projections.Documents;
using Ledger.Tests.Signatures;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Api.Tests.Documents;

/// <summary>
/// Uploads and downloads over HTTP against the real API and PostgreSQL: accepted documents and signatures, and every
/// refusal (413, 415, 422) answered with problem details and leaving nothing in <c>ledger.documents</c>.
/// </summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class DocumentsApiTests(StackFixture fixture) : IAsyncLifetime
{
    private const long MaxFilingBytes = 256 * 1024;
    private const long MaxRecordingBytes = 1024 * 1024;

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private readonly string _caFolder = Directory.CreateTempSubdirectory("caseledger-ca-").FullName;
    private ApiTestHost _host = null!;
    private NpgsqlDataSource _database = null!;
    private TestCa _gostCa = null!;
    private TestCa _rsaCa = null!;

    public async Task InitializeAsync()
    {
        _gostCa = TestPki.CreateCa("ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST", TestKeyKind.Gost2012_256, Now.AddYears(-3), Now.AddYears(3));
        _rsaCa = TestPki.CreateCa("ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) TEST", TestKeyKind.Rsa, Now.AddYears(-3), Now.AddYears(3));
        await File.WriteAllTextAsync(Path.Combine(_caFolder, "nca_gost_test.pem"), Pem(_gostCa.Certificate.GetEncoded()));
        await File.WriteAllBytesAsync(Path.Combine(_caFolder, "nca_rsa_test.cer"), _rsaCa.Certificate.GetEncoded());

        var connectionString = await fixture.CreateDatabaseAsync("documents_api");
        var settings = new Dictionary<string, string?>(fixture.Stack.ToApiSettings(connectionString))
        {
            ["Documents:MaxFilingBytes"] = MaxFilingBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Documents:MaxRecordingBytes"] = MaxRecordingBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Signatures:TrustedCaFolder"] = _caFolder,
            ["Anchoring:Enabled"] = "false",
        };
        _host = await ApiTestHost.StartAsync(settings);
        _host.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        await _host.Services.GetRequiredService<DocumentStorage>().EnsureSchemaAsync();
        _database = _host.Services.GetRequiredService<NpgsqlDataSource>();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_caFolder, recursive: true);
    }

    [Fact]
    public async Task Given_a_PDF_signed_with_a_GOST_key_When_uploaded_Then_it_is_stored_with_the_signer_and_served_back_unchanged()
    {
        var pdf = Pdf("Исковое заявление");
        var signer = _gostCa.Issue(TestKeyKind.Gost2012_256, "АХМЕТОВ БЕРИК", iin: "870412300123", bin: "123456789021", notBefore: Now.AddDays(-30), notAfter: Now.AddDays(300));
        var cms = signer.Sign(pdf, Now.AddMinutes(-2));

        using var response = await UploadAsync(pdf, "Иск Ахметова.pdf", "application/pdf", kind: "claim", signature: cms);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sha = Sha(pdf);
        Assert.Equal($"/api/v1/documents/{sha}", response.Headers.Location?.OriginalString);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(sha, root.GetProperty("sha256Hex").GetString());
        Assert.Equal("claim", root.GetProperty("kind").GetString());
        Assert.Equal("Иск Ахметова.pdf", root.GetProperty("fileName").GetString());
        Assert.Equal("application/pdf", root.GetProperty("mediaType").GetString());
        Assert.Equal(pdf.Length, root.GetProperty("sizeBytes").GetInt64());
        Assert.True(root.GetProperty("created").GetBoolean());
        var signature = root.GetProperty("signature");
        Assert.Equal("АХМЕТОВ БЕРИК", signature.GetProperty("signerName").GetString());
        Assert.Equal("870412300123", signature.GetProperty("iin").GetString());
        Assert.Equal("123456789021", signature.GetProperty("bin").GetString());
        Assert.Equal("Valid", signature.GetProperty("status").GetString());
        Assert.Equal(Sha(cms), signature.GetProperty("signatureSha256Hex").GetString());
        Assert.Equal(1, await CountAsync("ledger.documents", sha));
        Assert.Equal(1, await CountAsync("ledger.document_signatures", sha, "document_sha256"));

        using var download = await _host.Client.GetAsync($"/api/v1/documents/{sha}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{sha}\"", download.Headers.ETag?.Tag);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());

        using var signatures = JsonDocument.Parse(await _host.Client.GetStringAsync($"/api/v1/documents/{sha}/signatures"));
        Assert.Equal("870412300123", signatures.RootElement[0].GetProperty("iin").GetString());
        Assert.Equal(cms, await _host.Client.GetByteArrayAsync($"/api/v1/documents/{sha}/signatures/{Sha(cms)}"));
    }

    [Fact]
    public async Task Given_the_same_bytes_uploaded_twice_When_stored_Then_the_second_upload_is_idempotent()
    {
        var png = Png(17);

        using var first = await UploadAsync(png, "exhibit.png", "image/png", kind: "evidence");
        using var second = await UploadAsync(png, "копия.png", null, kind: "evidence");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var json = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.False(json.RootElement.GetProperty("created").GetBoolean());
        Assert.Equal("image/png", json.RootElement.GetProperty("mediaType").GetString());
        Assert.Equal(1, await CountAsync("ledger.documents", Sha(png)));
    }

    [Fact]
    public async Task Given_a_filing_over_the_filing_limit_When_uploaded_Then_413_and_nothing_is_stored()
    {
        var pdf = Pdf(new string('x', (int)MaxFilingBytes));

        using var response = await UploadAsync(pdf, "big.pdf", "application/pdf", kind: "claim");

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "document.too-large", "too large");
        Assert.Equal(0, await CountAsync("ledger.documents", Sha(pdf)));
    }

    [Fact]
    public async Task Given_a_hearing_recording_over_the_filing_limit_When_uploaded_Then_the_recording_limit_applies()
    {
        var video = Mp4((int)MaxFilingBytes * 2);

        using var recording = await UploadAsync(video, "hearing.mp4", "video/mp4", kind: "hearing-video");
        using var exhibit = await UploadAsync(Mp4(((int)MaxFilingBytes * 2) + 1), "exhibit.mp4", "video/mp4", kind: "evidence");

        Assert.Equal(HttpStatusCode.Created, recording.StatusCode);
        await AssertProblemAsync(exhibit, HttpStatusCode.RequestEntityTooLarge, "document.too-large", "filing");
    }

    [Fact]
    public async Task Given_a_recording_over_the_recording_limit_When_uploaded_Then_413_and_nothing_is_stored()
    {
        var video = Mp4((int)MaxRecordingBytes + 1);

        using var response = await UploadAsync(video, "hearing.mp4", "video/mp4", kind: "hearing-video");

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "document.too-large", "hearing recording");
        Assert.Equal(0, await CountAsync("ledger.documents", Sha(video)));
    }

    [Fact]
    public async Task Given_a_request_larger_than_any_upload_may_be_When_posted_Then_413_before_the_body_is_read()
    {
        var video = Mp4((int)(MaxRecordingBytes * 3));

        using var response = await UploadAsync(video, "hearing.mp4", "video/mp4", kind: "hearing-video");

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "document.too-large", "upload limit");
        Assert.Equal(0, await CountAsync("ledger.documents", Sha(video)));
    }

    [Theory]
    [InlineData("MZ\u0090\u0000 executable", "application/pdf", "document.type-unsupported", "not accepted")]
    [InlineData("<html><script>alert(1)</script></html>", "application/pdf", "document.type-unsupported", "not accepted")]
    [InlineData("plain text", null, "document.type-unsupported", "not accepted")]
    [InlineData("%PDF-1.7 a real PDF declared as a picture", "image/png", "document.type-mismatch", "declared as \"image/png\" but its content is PDF")]
    public async Task Given_content_that_is_not_an_accepted_type_or_not_what_was_declared_When_uploaded_Then_415_and_nothing_is_stored(
        string text, string? declared, string code, string words)
    {
        var bytes = Encoding.Latin1.GetBytes(text);

        using var response = await UploadAsync(bytes, "file.pdf", declared, kind: "claim");

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, code, words);
        Assert.Equal(0, await CountAsync("ledger.documents", Sha(bytes)));
    }

    [Fact]
    public async Task Given_a_body_that_is_not_a_form_When_posted_Then_415_explains_the_form()
    {
        using var response = await _host.Client.PostAsync("/api/v1/documents", new StringContent("{}", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "document.not-multipart", "multipart/form-data");
    }

    public static TheoryData<string> BadSignatures() => ["forged", "wrong-document", "untrusted", "expired", "auth-key", "garbage"];

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task Given_a_signature_that_does_not_hold_When_uploaded_Then_422_with_the_reason_and_nothing_is_stored(string defect)
    {
        var pdf = Pdf("Ходатайство " + defect);
        var (cms, code, words) = defect switch
        {
            "forged" => (Forge(Signer(_rsaCa, TestKeyKind.Rsa).Sign(pdf, Now.AddMinutes(-1))), "signature.bad-signature", "does not verify"),
            "wrong-document" => (Signer(_gostCa, TestKeyKind.Gost2012_256).Sign(Pdf("другой документ"), Now.AddMinutes(-1)), "signature.wrong-document", "another document"),
            "untrusted" => (Signer(TestPki.CreateCa("ROGUE CA", TestKeyKind.EcdsaP256, Now.AddYears(-1), Now.AddYears(1)), TestKeyKind.EcdsaP256).Sign(pdf, Now.AddMinutes(-1)), "signature.untrusted", "untrusted"),
            "expired" => (_rsaCa.Issue(TestKeyKind.Rsa, notBefore: Now.AddYears(-2), notAfter: Now.AddDays(-1)).Sign(pdf, Now.AddDays(-2)), "signature.expired", "expired"),
            "auth-key" => (_gostCa.Issue(TestKeyKind.Gost2012_256, purpose: TestKeyPurpose.Authentication, notBefore: Now.AddDays(-1), notAfter: Now.AddDays(100)).Sign(pdf, Now.AddMinutes(-1)), "signature.not-for-signing", "AUTH"),
            _ => (Encoding.ASCII.GetBytes("not a signature at all"), "signature.malformed", "could not be read"),
        };

        using var response = await UploadAsync(pdf, "motion.pdf", "application/pdf", kind: "motion", signature: cms);

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, code, words);
        Assert.Equal(0, await CountAsync("ledger.documents", Sha(pdf)));
        Assert.Equal(0, await CountAsync("ledger.document_signatures", Sha(pdf), "document_sha256"));
    }

    [Fact]
    public async Task Given_a_base64_signature_field_When_uploaded_Then_it_is_verified_like_a_p7s_file()
    {
        var pdf = Pdf("Решение суда");
        var cms = Signer(_rsaCa, TestKeyKind.Rsa, "СЕРИКОВА АЙГУЛЬ", "790101400456").Sign(pdf, Now.AddMinutes(-1));
        using var form = Form(pdf, "judgment.pdf", "application/pdf", "judgment");
        form.Add(new StringContent(Convert.ToBase64String(cms)), "signatureBase64");

        using var response = await _host.Client.PostAsync("/api/v1/documents", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("790101400456", json.RootElement.GetProperty("signature").GetProperty("iin").GetString());
        Assert.Equal("RSA / SHA-256", json.RootElement.GetProperty("signature").GetProperty("algorithm").GetString());
    }

    [Fact]
    public async Task Given_a_refused_signature_When_the_reader_asks_in_Kazakh_or_Russian_Then_the_reason_is_in_that_language()
    {
        var pdf = Pdf("Апелляционная жалоба");
        var cms = Signer(_gostCa, TestKeyKind.Gost2012_256).Sign(Pdf("иной текст"), Now.AddMinutes(-1));

        foreach (var (language, words) in new[] { ("kk", "Қолтаңба қабылданбады"), ("ru", "Подпись отклонена") })
        {
            using var form = Form(pdf, "appeal.pdf", "application/pdf", "appeal");
            form.Add(new ByteArrayContent(cms), "signature", "appeal.pdf.p7s");
            using var response = await _host.Client.PostAsync($"/api/v1/documents?lang={language}", form);

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.StartsWith(words, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Given_a_stored_document_changed_in_the_database_When_downloaded_Then_it_is_not_served_and_the_failure_is_logged()
    {
        var pdf = Pdf("Протокол судебного заседания");
        using (var upload = await UploadAsync(pdf, "protocol.pdf", "application/pdf", kind: "protocol"))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var sha = Sha(pdf);
        await using (var tamper = _database.CreateCommand("update ledger.documents set content = overlay(content placing '\\x21'::bytea from 20) where sha256 = @sha"))
        {
            tamper.Parameters.AddWithValue("sha", sha);
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        using var response = await _host.Client.GetAsync($"/api/v1/documents/{sha}");

        await AssertProblemAsync(response, HttpStatusCode.InternalServerError, "document.integrity", "no longer matches its SHA-256");
        Assert.Contains(_host.Logs.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal) && line.Contains(sha, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_an_unknown_or_malformed_hash_When_downloaded_Then_404_or_400()
    {
        using var unknown = await _host.Client.GetAsync($"/api/v1/documents/{new string('0', 64)}");
        using var malformed = await _host.Client.GetAsync("/api/v1/documents/not-a-hash");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Given_a_DOCX_and_an_audio_recording_When_uploaded_Then_their_types_are_recognised_from_the_bytes()
    {
        using var docx = await UploadAsync(Docx(), "отзыв.docx", null, kind: "response");
        using var wav = await UploadAsync(Wav(), "hearing.wav", "audio/x-wav", kind: "hearing-audio");

        Assert.Equal(HttpStatusCode.Created, docx.StatusCode);
        Assert.Equal(HttpStatusCode.Created, wav.StatusCode);
        using var docxJson = JsonDocument.Parse(await docx.Content.ReadAsStringAsync());
        using var wavJson = JsonDocument.Parse(await wav.Content.ReadAsStringAsync());
        Assert.Equal(MediaTypeDetector.Docx, docxJson.RootElement.GetProperty("mediaType").GetString());
        Assert.Equal("audio/wav", wavJson.RootElement.GetProperty("mediaType").GetString());
    }

    private static TestSigner Signer(TestCa ca, TestKeyKind kind, string name = "НУРЛАНОВА ДАНА", string iin = "900101400123") =>
        ca.Issue(kind, name, iin, notBefore: Now.AddDays(-10), notAfter: Now.AddDays(300));

    private async Task<HttpResponseMessage> UploadAsync(byte[] content, string fileName, string? mediaType, string kind, byte[]? signature = null)
    {
        using var form = Form(content, fileName, mediaType, kind);
        if (signature is not null)
        {
            var part = new ByteArrayContent(signature);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/pkcs7-signature");
            form.Add(part, "signature", fileName + ".p7s");
        }

        return await _host.Client.PostAsync("/api/v1/documents", form);
    }

    private static MultipartFormDataContent Form(byte[] content, string fileName, string? mediaType, string kind)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        if (mediaType is not null)
        {
            file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        form.Add(file, "file", fileName);
        form.Add(new StringContent(kind), "kind");
        return form;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code, string words)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
        Assert.Contains(words, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<long> CountAsync(string table, string sha, string column = "sha256")
    {
        await using var command = _database.CreateCommand($"select count(*) from {table} where {column} = @sha");
        command.Parameters.AddWithValue("sha", sha);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Flips a bit in the middle of the signature value.</summary>
    private static byte[] Forge(byte[] cms)
    {
        var info = Org.BouncyCastle.Asn1.Cms.SignerInfo.GetInstance(
            Org.BouncyCastle.Asn1.Cms.SignedData.GetInstance(
                Org.BouncyCastle.Asn1.Cms.ContentInfo.GetInstance(Org.BouncyCastle.Asn1.Asn1Object.FromByteArray(cms)).Content).SignerInfos[0]);
        var value = info.Signature.GetOctets();
        var forged = (byte[])cms.Clone();
        forged[cms.AsSpan().IndexOf(value) + (value.Length / 2)] ^= 0x01;
        return forged;
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Pdf(string text) => Encoding.UTF8.GetBytes($"%PDF-1.7\n% {text} {Guid.NewGuid()}\n%%EOF\n");

    private static byte[] Png(int seed)
    {
        var bytes = new byte[512];
        new Random(seed).NextBytes(bytes);
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }

    private static byte[] Mp4(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        new byte[] { 0, 0, 0, 0x20 }.CopyTo(bytes, 0);
        "ftypisom"u8.CopyTo(bytes.AsSpan(4));
        return bytes;
    }

    private static byte[] Wav()
    {
        var bytes = new byte[4096];
        Random.Shared.NextBytes(bytes);
        "RIFF"u8.CopyTo(bytes);
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        return bytes;
    }

    private static byte[] Docx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[] { ("[Content_Types].xml", "<Types/>"), ("word/document.xml", $"<w:document>{Guid.NewGuid()}</w:document>") })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }

    private static string Pem(byte[] der) =>
        "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----\n";
}
