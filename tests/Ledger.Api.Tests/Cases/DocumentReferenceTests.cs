using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Cases;

/// <summary>Case commands accept only documents that were uploaded to the document store (<c>Cases:RequireUploadedDocuments</c>).</summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class DocumentReferenceTests(StackFixture fixture) : IAsyncLifetime
{
    private CaseApiHost _api = null!;

    public async Task InitializeAsync() =>
        _api = await CaseApiHost.StartAsync(fixture, nameof(DocumentReferenceTests), settings => settings["Cases:RequireUploadedDocuments"] = "true");

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static object Claim(Guid caseId, byte[] content) => new
    {
        caseId, kind = "civil", courtId = CaseApiHost.Court,
        caseNumber = $"2-{Random.Shared.Next(1, 9999)}-{DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(5)):yy}", subject = "О взыскании долга",
        claimant = new { participantId = Guid.NewGuid(), role = "plaintiff", displayName = "Нурланова Айгерим" },
        materials = new[]
        {
            new { sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), kind = "claim", fileName = "claim.pdf", mediaType = "application/pdf", sizeBytes = (long)content.Length },
        },
    };

    [Fact]
    public async Task Given_a_document_never_uploaded_When_a_claim_names_it_Then_it_is_refused_until_the_document_is_uploaded()
    {
        var content = Encoding.UTF8.GetBytes($"%PDF-1.7\n% claim {Guid.NewGuid()}\n%%EOF\n");
        var caseId = Guid.NewGuid();
        var cs = _api.CourtSystem();
        var before = await _api.CountRowsAsync();

        var refused = await _api.PostAsync("/api/v1/cases/claims", cs, Claim(caseId, content));

        Assert.Equal(422, refused.Status);
        Assert.Equal("document.not-uploaded", refused.Str("code"));
        Assert.Equal(before, await _api.CountRowsAsync());

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "claim.pdf");
        form.Add(new StringContent("claim"), "kind");
        using var upload = new HttpRequestMessage(HttpMethod.Post, "api/v1/documents") { Content = form };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", cs);
        using var uploaded = await _api.Client.SendAsync(upload);
        Assert.Equal(201, (int)uploaded.StatusCode);

        Assert.Equal(201, (await _api.PostAsync("/api/v1/cases/claims", cs, Claim(caseId, content))).Status);
    }

    [Fact]
    public async Task Given_no_token_When_a_document_is_uploaded_Then_it_is_refused()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.7\n%%EOF\n"u8.ToArray()), "file", "x.pdf" } };
        using var response = await _api.Client.PostAsync("api/v1/documents", form);
        Assert.Equal(401, (int)response.StatusCode);
    }
}
