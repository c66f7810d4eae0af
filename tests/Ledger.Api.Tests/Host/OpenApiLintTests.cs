using System.Diagnostics;
using System.Text.Json;
using Ledger.Api.Tests.Infrastructure;

namespace Ledger.Api.Tests.Host;

/// <summary>The served OpenAPI document passes Redocly's linter (rules in redocly.yaml) and describes every case endpoint with examples.</summary>
public sealed class OpenApiLintTests : IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync(TestSettings.Unreachable());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Given_the_running_API_When_its_OpenAPI_document_is_linted_Then_redocly_reports_no_problem()
    {
        var cli = RepositoryRoot.Combine("web", "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), "web/node_modules/@redocly/cli is missing: run `npm ci` in web/ (.ci/run does).");
        var document = Path.Combine(Path.GetTempPath(), $"caseledger-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await _host.Client.GetStringAsync("/openapi/v1.json"));
        try
        {
            var start = new ProcessStartInfo("node", [cli, "lint", document, "--config", RepositoryRoot.Combine("redocly.yaml"), "--format", "stylish"])
            {
                WorkingDirectory = RepositoryRoot.Path,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            start.Environment["NO_COLOR"] = "1";
            using var node = Process.Start(start)!;
            var output = node.StandardOutput.ReadToEndAsync();
            var errors = node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            var text = await output + await errors;

            Assert.True(node.ExitCode == 0, text);
            Assert.DoesNotContain("warning", text.Replace("Deprecation warning", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(document);
        }
    }

    [Fact]
    public async Task Given_the_OpenAPI_document_When_the_case_endpoints_are_read_Then_each_has_an_id_a_tag_security_and_examples()
    {
        using var document = JsonDocument.Parse(await _host.Client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        var operations = paths.EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1/cases", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .ToList();

        Assert.Equal(27, operations.Count);
        foreach (var (path, method, operation) in operations)
        {
            var where = $"{method} {path}";
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("operationId").GetString()), where);
            Assert.Contains("Cases", operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal("bearer", operation.GetProperty("security")[0].EnumerateObject().Single().Name);
            var success = operation.GetProperty("responses").GetProperty(method == "post" ? "201" : "200");
            Assert.True(success.GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _), $"{where}: no response example");
            if (method == "post")
            {
                Assert.Contains(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "caseId" || !path.Contains("{caseId}", StringComparison.Ordinal));
                // Entry into force has no fields: its body is empty or {}.
                Assert.True(operation.GetProperty("operationId").GetString() == "enterJudgmentIntoForce" || operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _),
                    $"{where}: no request example");
                Assert.Contains(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
            }
        }
    }
}
