using Ledger.Api.Security;
using Ledger.LocalStack;
using Xunit.Abstractions;

namespace Ledger.Api.Tests.Reliability;

/// <summary>
/// Issue #11, crash test 1: the API process is killed with SIGKILL while court systems append over HTTP; a new
/// process on the same database must hold every acknowledged event, resume the sequencer without a gap or a
/// duplicate leaf index, and pass the full audit.
/// </summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class ReliabilityApiKillTests(StackFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Given_appends_from_8_clients_When_the_API_process_is_killed_with_SIGKILL_and_restarted_Then_nothing_acknowledged_is_lost_the_log_is_gapless_and_the_audit_is_clean()
    {
        var connectionString = await fixture.CreateDatabaseAsync("reliability_api_kill");
        var settings = ProcessSettings(connectionString);
        var token = ReliabilitySettings.CourtSystemToken(settings);
        var port = Ports.FindFree();
        var load = new AppendLoad();
        var api = await ApiProcess.StartAsync(settings, port);
        var address = api.BaseAddress;
        using var stop = new CancellationTokenSource();
        Task? running = null;
        try
        {
            running = load.RunAsync(() => address, token, clients: 8, stop.Token);

            // Kill twice: once early (sequencer mid-stream), once after the restarted process took load again.
            for (var round = 1; round <= 2; round++)
            {
                var before = load.AcknowledgedRequests;
                await ReliabilitySettings.WaitUntilAsync(() => load.AcknowledgedRequests >= before + 60, TimeSpan.FromSeconds(30), () => $"load before kill {round}: {load.Outcomes}\n{api.Tail}");
                await api.KillAsync();
                output.WriteLine($"kill {round}: process {api.ProcessId} killed after {load.AcknowledgedRequests} acknowledged requests");
                await api.DisposeAsync();
                await Task.Delay(500);
                api = await ApiProcess.StartAsync(settings, port);
            }

            var atRestart = load.AcknowledgedRequests;
            await ReliabilitySettings.WaitUntilAsync(() => load.AcknowledgedRequests >= atRestart + 40, TimeSpan.FromSeconds(30), () => $"load after restart: {load.Outcomes}\n{api.Tail}");
            await stop.CancelAsync();
            await running;

            await LedgerChecks.AssertNothingLostAndGaplessAsync(connectionString, load.Acknowledged);
            var report = await LedgerChecks.AuditAsync(connectionString, fixture.Stack.LogKeyFile!, fixture.Stack.LogOrigin);
            output.WriteLine($"outcomes: {load.Outcomes}; acknowledged events: {load.Acknowledged.Count}; audit: {LedgerChecks.Describe(report)}");
            Assert.True(report.Passed, LedgerChecks.Describe(report));
            Assert.Empty(load.UnexpectedServerErrors);
        }
        finally
        {
            await stop.CancelAsync();
            if (running is not null)
            {
                await running;
            }

            await api.DisposeAsync();
        }
    }

    private Dictionary<string, string?> ProcessSettings(string connectionString) =>
        ReliabilitySettings.ForLoad(fixture.Stack.ToApiSettings(connectionString), new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
        });
}
