using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledger.Api.Health;

/// <summary>
/// Health of a background component as last reported to <see cref="ComponentHealthRegistry"/>.
/// A component that has not reported is "not started" (degraded), unless <c>{enabledKey}</c> turns it off here.
/// </summary>
internal sealed class ComponentHealthCheck(ComponentHealthRegistry registry, IConfiguration configuration, string component, string enabledKey)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!configuration.GetValue(enabledKey, defaultValue: true))
        {
            return Task.FromResult(HealthCheckResult.Healthy($"Disabled in this instance ({enabledKey} is false)."));
        }

        var report = registry.Get(component);
        if (report is null)
        {
            return Task.FromResult(HealthCheckResult.Degraded("not started"));
        }

        var data = new Dictionary<string, object> { ["reportedAt"] = report.ReportedAt };
        return Task.FromResult(report.Healthy
            ? HealthCheckResult.Healthy(report.Description, data)
            : HealthCheckResult.Unhealthy(report.Description, data: data));
    }
}
