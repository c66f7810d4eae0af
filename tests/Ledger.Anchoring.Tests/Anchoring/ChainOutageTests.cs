using Ledger.Anchoring.Contracts;
using Ledger.Anchoring.Tests.Infrastructure;
using Ledger.LocalStack;

namespace Ledger.Anchoring.Tests.Anchoring;

/// <summary>
/// The chain stops while events keep coming: appends and sequencing go on, the anchorer retries, and when the chain
/// returns the log is anchored up to its end with no size anchored twice. Uses a chain of its own (anvil with its
/// state saved to a file, so that the contract survives the stop).
/// </summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class ChainOutageTests(StackFixture fixture)
{
    [Fact]
    public async Task Given_load_When_the_chain_stops_and_returns_Then_appends_continue_and_anchoring_resumes_without_anchoring_a_size_twice()
    {
        var chainDirectory = Path.Combine(fixture.Stack.DataDirectory, "outage-chain-" + Guid.NewGuid().ToString("N")[..8]);
        var stateFile = Path.Combine(chainDirectory, "state.json");
        var port = Ports.FindFree();
        var chain = await AnvilChain.StartAsync(fixture.Stack.RepositoryRoot, chainDirectory, port, stateFile: stateFile);
        try
        {
            var connectionString = await fixture.CreateDatabaseAsync("anchorer_outage");
            await using var context = await AnchoringTestContext.CreateAsync(connectionString, chain.RpcUrl, chain.ChainId);
            await using var sequencer = context.NewSequencer();
            await using var anchorer = context.NewAnchorer(context.Options(everyLeaves: 4, everySeconds: 1));
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var sequencing = sequencer.RunAsync(stop.Token);
            var anchoring = anchorer.RunAsync(stop.Token);

            await context.AppendCasesAsync(5);
            await WaitUntilAsync(async () => (await context.Anchors.GetLatestConfirmedAsync(context.ChainId, context.ContractAddress))?.TreeSize >= 10, "first anchors");

            await chain.StopAsync();
            var appendedWhileDown = await context.AppendCasesAsync(5);
            Assert.Equal(10, appendedWhileDown.Count);
            await WaitUntilAsync(async () => await context.Log.GetTreeSizeAsync() == 20, "sequencing while the chain is down");
            await WaitUntilAsync(() => Task.FromResult(anchorer.Status.LastError?.Contains("cannot be reached", StringComparison.Ordinal) == true), "the anchorer reports the chain down");

            chain = await AnvilChain.StartAsync(fixture.Stack.RepositoryRoot, chainDirectory, port, stateFile: stateFile);
            await context.AppendCasesAsync(2);
            await WaitUntilAsync(
                async () => (await context.Anchors.GetLatestConfirmedAsync(context.ChainId, context.ContractAddress))?.TreeSize == 24,
                "anchoring after the chain returns");

            await stop.CancelAsync();
            await Task.WhenAll(sequencing, anchoring);

            var events = await context.NewAnchorerClient().GetAnchoredEventsAsync(AnchoringTestContext.LogIdBytes);
            var sizes = events.Select(e => (long)e.TreeSize).ToList();
            Assert.Equal(sizes.Order(), sizes);
            Assert.Equal(sizes.Distinct().Count(), sizes.Count);
            Assert.Equal(24, sizes[^1]);
            var confirmed = (await context.AnchorRowsAsync()).Where(a => a.Status == AnchorState.Confirmed).ToList();
            Assert.Equal(sizes, confirmed.Select(a => a.TreeSize));
            Assert.Equal(events.Select(e => e.TransactionHash.ToLowerInvariant()), confirmed.Select(a => a.TxHash));
            Assert.DoesNotContain(await context.AnchorRowsAsync(), a => a.Status == AnchorState.Pending);
            Assert.Null(anchorer.Status.LastError);
        }
        finally
        {
            await chain.DisposeAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
