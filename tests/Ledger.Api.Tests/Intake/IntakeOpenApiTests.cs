using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Intake;

/// <summary>The intake endpoints in the served OpenAPI document: ids, the Intake tag, bearer security, headers and examples.</summary>
public sealed class IntakeOpenApiTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync(TestSettings.Unreachable());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Given_the_OpenAPI_document_When_the_intake_endpoints_are_read_Then_each_is_described_with_examples()
    {
        using var document = JsonDocument.Parse(await _host.Client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        var queue = paths.GetProperty("/api/v1/intake/queue").GetProperty("get");
        var submit = paths.GetProperty("/api/v1/intake/cases/{caseId}/filings").GetProperty("post");
        var decide = paths.GetProperty("/api/v1/intake/cases/{caseId}/filings/{assessmentId}/decision").GetProperty("post");

        Assert.Equal(["getIntakeQueue", "submitIntakeFiling", "decideIntakeFiling"], new[] { queue, submit, decide }.Select(o => o.GetProperty("operationId").GetString()));
        foreach (var operation in new[] { queue, submit, decide })
        {
            Assert.Equal("Intake", operation.GetProperty("tags")[0].GetString());
            Assert.Equal("bearer", operation.GetProperty("security")[0].EnumerateObject().Single().Name);
            Assert.True(operation.GetProperty("responses").TryGetProperty("403", out _));
        }

        Assert.True(queue.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").TryGetProperty("example", out var example));
        Assert.Equal("debt-loan", example.GetProperty("items")[0].GetProperty("suggestion").GetProperty("subcategory").GetString());
        var body = submit.GetProperty("requestBody").GetProperty("content");
        Assert.True(body.TryGetProperty("multipart/form-data", out _));
        Assert.True(body.GetProperty("application/json").TryGetProperty("example", out _));
        Assert.True(submit.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _));
        Assert.Equal("override", decide.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("decision").GetString());
        Assert.Equal("intake-reviewed", decide.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("events")[0].GetProperty("eventType").GetString());
        foreach (var operation in new[] { submit, decide })
        {
            var headers = operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToArray();
            Assert.Contains("If-Match", headers);
            Assert.Contains("Idempotency-Key", headers);
        }
    }
}
