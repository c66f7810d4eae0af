using Ledger.Api.Tests.Infrastructure;
using Ledger.LocalStack;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ledger.Api.Tests.Reliability;

/// <summary>
/// Issue #11, crash test 2: PostgreSQL is stopped (fast shutdown: open transactions aborted, connections cut) and
/// started again while court systems append. Uses a PostgreSQL cluster of its own, so the shared one of the test
/// stack is never stopped. Clients may get 503 problems or broken connections, never another 5xx; nothing
/// acknowledged is lost; appends succeed again afterwards; the log is gapless and the audit clean.
/// </summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class ReliabilityPostgresRestartTests(StackFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Given_appends_from_8_clients_When_PostgreSQL_restarts_Then_clients_get_retryable_errors_nothing_acknowledged_is_lost_and_the_audit_is_clean()
    {
        var folder = Path.Combine(fixture.Stack.DataDirectory, "reliability-pg");
        var cluster = await PostgresCluster.StartAsync(folder);
        var port = cluster.Port;
        try
        {
            var connectionString = await cluster.CreateDatabaseAsync("reliability_pg_restart");
            var settings = ReliabilitySettings.ForLoad(fixture.Stack.ToApiSettings(connectionString));
            var token = ReliabilitySettings.CourtSystemToken(settings);
            await using var host = await ApiTestHost.StartAsync(settings);
            await host.Services.GetRequiredService<Hosting.LedgerDatabase>().EnsureReadyAsync();

            var load = new AppendLoad();
            using var stop = new CancellationTokenSource();
            var running = load.RunAsync(() => host.BaseAddress, token, clients: 8, stop.Token);
            try
            {
                await ReliabilitySettings.WaitUntilAsync(() => load.AcknowledgedRequests >= 80, TimeSpan.FromSeconds(30), () => "load before restart: " + load.Outcomes);
                await cluster.StopAsync();
                var acknowledgedWhileDown = load.AcknowledgedRequests;
                await Task.Delay(TimeSpan.FromSeconds(2));
                Assert.True(load.Count("503") + load.Count("connection") + load.Count("timeout") > 0, "no retryable errors while down: " + load.Outcomes);
                output.WriteLine($"while down: {load.Outcomes}");
                cluster = await PostgresCluster.StartAsync(folder, port);

                await ReliabilitySettings.WaitUntilAsync(
                    () => load.AcknowledgedRequests >= acknowledgedWhileDown + 80, TimeSpan.FromSeconds(40), () => "appends after restart: " + load.Outcomes);
            }
            finally
            {
                await stop.CancelAsync();
                await running;
            }

            await LedgerChecks.AssertNothingLostAndGaplessAsync(connectionString, load.Acknowledged);
            var report = await LedgerChecks.AuditAsync(connectionString, fixture.Stack.LogKeyFile!, fixture.Stack.LogOrigin);
            output.WriteLine($"outcomes: {load.Outcomes}; acknowledged events: {load.Acknowledged.Count}; Marten tombstones: {await TombstonesAsync(connectionString)}; audit: {LedgerChecks.Describe(report)}");
            Assert.True(report.Passed, LedgerChecks.Describe(report));
            Assert.True(!load.UnexpectedServerErrors.Any(), "non-retryable server errors: " + load.Outcomes + Environment.NewLine + Errors(host));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private static async Task<long> TombstonesAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select count(*) from caseledger.mt_events where type = 'tombstone'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Errors(ApiTestHost host) =>
        string.Join(Environment.NewLine, host.Logs.Lines.Where(l => l.Contains("Unhandled", StringComparison.Ordinal)).Take(3));
}
