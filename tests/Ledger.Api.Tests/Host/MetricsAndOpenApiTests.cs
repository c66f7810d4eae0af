using System.Net;
using System.Text.Json;
using Ledger.Api.Observability;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Host;

public sealed class MetricsAndOpenApiTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync(TestSettings.Unreachable());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Given_requests_were_served_When_metrics_are_scraped_Then_Prometheus_text_shows_them()
    {
        (await _host.Client.GetAsync("/api/v1/info")).Dispose();

        using var response = await _host.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/api/v1/info\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_instrument_on_the_CaseLedger_meter_When_metrics_are_scraped_Then_it_is_exported()
    {
        var name = $"caseledger_test_{Guid.NewGuid():N}"[..30];
        var counter = CaseLedgerTelemetry.Meter.CreateCounter<long>(name, unit: "{leaf}", description: "test counter");
        counter.Add(7);

        var text = await _host.Client.GetStringAsync("/metrics");

        Assert.Contains($"{name}_total", text, StringComparison.Ordinal);
        Assert.Matches($@"{name}_total(\{{[^}}]*\}})? 7\b", text);
    }

    [Fact]
    public async Task Given_the_API_When_the_OpenAPI_document_is_requested_Then_it_describes_the_endpoints()
    {
        using var response = await _host.Client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("CaseLedger API", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(paths, path => path.StartsWith("/api/v1/info", StringComparison.Ordinal));
        Assert.DoesNotContain(paths, path => path.StartsWith("/language", StringComparison.Ordinal));
    }
}
