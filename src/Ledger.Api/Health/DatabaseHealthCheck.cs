using Ledger.Api.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Ledger.Api.Health;

/// <summary>PostgreSQL answers <c>SELECT 1</c> on <c>ConnectionStrings:Ledger</c>.</summary>
internal sealed class DatabaseHealthCheck(IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = configuration.GetConnectionString("Ledger");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return HealthCheckResult.Unhealthy("No database is configured: the setting ConnectionStrings:Ledger is empty.");
        }

        var where = StartupSummary.DescribeDatabase(connectionString);
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"PostgreSQL at {where} answers.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL at {where} did not answer in time.");
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or ArgumentException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL at {where} cannot be reached: {exception.Message}");
        }
    }
}
