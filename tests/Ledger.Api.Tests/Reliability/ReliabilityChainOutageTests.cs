using System.Globalization;
using Ledger.Api.Tests.Infrastructure;
using Ledger.LocalStack;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Ledger.Api.Tests.Reliability;

/// <summary>
/// Issue #11, crash test 3: the chain node stops while court systems append over HTTP to the API with its anchorer
/// on (short anchoring intervals). Appends go on while it is down; when it returns the anchorer catches up to the
/// end of the log; the audit, checking anchors on the chain, is clean. The outage lasts
/// <c>CASELEDGER_CHAIN_OUTAGE_SECONDS</c> (default 6 s, so that the suite stays short; the minute is
/// <c>CASELEDGER_CHAIN_OUTAGE_SECONDS=60 dotnet test tests/Ledger.Api.Tests --filter FullyQualifiedName~ReliabilityChainOutage</c>).
/// Uses an anvil of its own with its state in a file, so the contract survives the stop.
/// </summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class ReliabilityChainOutageTests(StackFixture fixture, ITestOutputHelper output)
{
    private static int OutageSeconds =>
        int.TryParse(Environment.GetEnvironmentVariable("CASELEDGER_CHAIN_OUTAGE_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 6;

    [Fact]
    public async Task Given_appends_from_4_clients_When_the_chain_is_down_for_a_while_Then_appends_continue_and_anchoring_catches_up_when_it_returns()
    {
        var chainDirectory = Path.Combine(fixture.Stack.DataDirectory, "reliability-chain-" + Guid.NewGuid().ToString("N")[..8]);
        var stateFile = Path.Combine(chainDirectory, "state.json");
        var chainPort = Ports.FindFree();
        var chain = await AnvilChain.StartAsync(fixture.Stack.RepositoryRoot, chainDirectory, chainPort, stateFile: stateFile);
        try
        {
            var deployment = await ContractDeployer.DeployAsync(chain.RpcUrl, chain.ChainId, fixture.Stack.AnchorerPrivateKey);
            var connectionString = await fixture.CreateDatabaseAsync("reliability_chain_outage");
            var settings = ReliabilitySettings.ForLoad(fixture.Stack.ToApiSettings(connectionString), new Dictionary<string, string?>
            {
                ["Chain:RpcUrl"] = chain.RpcUrl,
                ["Chain:ChainId"] = chain.ChainId.ToString(CultureInfo.InvariantCulture),
                ["Chain:ContractAddress"] = deployment.ContractAddress,
                ["Anchoring:Enabled"] = "true",
                ["Anchoring:EveryLeaves"] = "20",
                ["Anchoring:EverySeconds"] = "1",
                ["Anchoring:PollMilliseconds"] = "200",
            });
            var token = ReliabilitySettings.CourtSystemToken(settings);
            await using var host = await ApiTestHost.StartAsync(settings);
            await host.Services.GetRequiredService<Hosting.LedgerDatabase>().EnsureReadyAsync();

            var load = new AppendLoad();
            using var stop = new CancellationTokenSource();
            var running = load.RunAsync(() => host.BaseAddress, token, clients: 4, stop.Token);
            long acknowledgedWhileDown;
            try
            {
                await ReliabilitySettings.WaitUntilAsync(() => load.AcknowledgedRequests >= 40, TimeSpan.FromSeconds(30), () => "load: " + load.Outcomes);
                await WaitUntilAsync(async () => await LatestConfirmedAsync(connectionString) > 0, "a first anchor");

                await chain.StopAsync();
                var atStop = load.AcknowledgedRequests;
                await Task.Delay(TimeSpan.FromSeconds(OutageSeconds));
                acknowledgedWhileDown = load.AcknowledgedRequests - atStop;
                output.WriteLine($"chain down {OutageSeconds} s: {acknowledgedWhileDown} requests acknowledged meanwhile; anchors confirmed up to {await LatestConfirmedAsync(connectionString)}");
                Assert.True(acknowledgedWhileDown > 0, "no appends while the chain was down: " + load.Outcomes);

                chain = await AnvilChain.StartAsync(fixture.Stack.RepositoryRoot, chainDirectory, chainPort, stateFile: stateFile);
                var atReturn = load.AcknowledgedRequests;
                await ReliabilitySettings.WaitUntilAsync(() => load.AcknowledgedRequests >= atReturn + 20, TimeSpan.FromSeconds(30), () => "load after return: " + load.Outcomes);
            }
            finally
            {
                await stop.CancelAsync();
                await running;
            }

            var counts = await LedgerChecks.WaitSequencedAsync(connectionString, TimeSpan.FromSeconds(30));
            await WaitUntilAsync(async () => await LatestConfirmedAsync(connectionString) == counts.Leaves, $"anchoring up to {counts.Leaves} leaves");

            await LedgerChecks.AssertNothingLostAndGaplessAsync(connectionString, load.Acknowledged);
            var report = await LedgerChecks.AuditAsync(
                connectionString, fixture.Stack.LogKeyFile!, fixture.Stack.LogOrigin, chain.RpcUrl, deployment.ContractAddress);
            output.WriteLine($"outcomes: {load.Outcomes}; audit: {LedgerChecks.Describe(report)}; anchors checked on chain: {report.AnchorsCheckedOnChain}");
            Assert.True(report.Passed, LedgerChecks.Describe(report));
            Assert.True(report.AnchorsCheckedOnChain > 0);
            Assert.Empty(load.UnexpectedServerErrors);
            Assert.Equal(0, load.Count("503"));
        }
        finally
        {
            await chain.DisposeAsync();
            try
            {
                Directory.Delete(chainDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the next clean-up of .data; nothing depends on it.
            }
        }
    }

    private static async Task<long> LatestConfirmedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select coalesce(max(tree_size), 0) from ledger.anchors where status = 'confirmed'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(200);
        }
    }
}
