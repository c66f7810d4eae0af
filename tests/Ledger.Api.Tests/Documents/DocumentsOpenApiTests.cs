using System.Net;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Documents;

public sealed class DocumentsOpenApiTests
{
    [Fact]
    public async Task Given_the_API_When_the_OpenAPI_document_is_read_Then_it_describes_upload_and_download_of_documents()
    {
        await using var host = await ApiTestHost.StartAsync(TestSettings.Unreachable());

        using var response = await host.Client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        var upload = paths.GetProperty("/api/v1/documents").GetProperty("post");
        Assert.True(upload.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        var responses = upload.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        Assert.Superset(new HashSet<string> { "201", "413", "415", "422" }, responses.ToHashSet());
        Assert.True(paths.GetProperty("/api/v1/documents/{sha256}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/documents/{sha256}/signatures").TryGetProperty("get", out _));
    }
}
