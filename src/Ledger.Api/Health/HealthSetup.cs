using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledger.Api.Health;

internal static class HealthSetup
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Components shown on <c>/health</c>. Add one with
    /// <c>.AddCheck&lt;YourCheck&gt;("name", timeout: ...)</c> here, or report through <see cref="ComponentHealthRegistry"/>.
    /// </summary>
    public static IServiceCollection AddCaseLedgerHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ComponentHealthRegistry>();
        services.AddHttpClient(ChainHealthCheck.HttpClientName, client => client.Timeout = CheckTimeout);
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", timeout: CheckTimeout)
            .AddCheck<ChainHealthCheck>("chain", timeout: CheckTimeout)
            .AddTypeActivatedCheck<ComponentHealthCheck>(
                ComponentHealthRegistry.Sequencer, failureStatus: null, tags: [], args: [ComponentHealthRegistry.Sequencer, "Sequencer:Enabled"])
            .AddTypeActivatedCheck<ComponentHealthCheck>(
                ComponentHealthRegistry.Anchorer, failureStatus: null, tags: [], args: [ComponentHealthRegistry.Anchorer, "Anchoring:Enabled"]);
        return services;
    }

    /// <summary><c>/health</c>: every component (503 when one is unhealthy); <c>/health/live</c>: the process answers.</summary>
    public static WebApplication MapCaseLedgerHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        return app;
    }

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    /// <summary>
    /// <c>{"status":"Degraded","durationMs":12.3,"components":{"database":{"status":"Healthy","description":"...",
    /// "durationMs":4.1,"data":{...}}, ...}}</c>
    /// </summary>
    internal static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        // Written to memory first: the serializer flushes synchronously, which the response stream refuses.
        var buffer = new ArrayBufferWriter<byte>();
        await using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("status", report.Status.ToString());
        writer.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        writer.WriteStartObject("components");
        foreach (var (name, entry) in report.Entries)
        {
            writer.WriteStartObject(name);
            writer.WriteString("status", entry.Status.ToString());
            writer.WriteString("description", entry.Description ?? entry.Exception?.Message ?? entry.Status.ToString());
            writer.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            if (entry.Data.Count > 0)
            {
                writer.WritePropertyName("data");
                JsonSerializer.Serialize(writer, entry.Data);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
