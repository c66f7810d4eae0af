using System.Security.Cryptography;
using Ledger.Anchoring.Contracts;
using Ledger.Anchoring.Tests.Infrastructure;

namespace Ledger.Anchoring.Tests.Anchoring;

/// <summary>The anchorer on real PostgreSQL and the shared anvil chain (a block per transaction).</summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class AnchorerTests(StackFixture fixture)
{
    private async Task<AnchoringTestContext> NewContextAsync(string name)
    {
        var connectionString = await fixture.CreateDatabaseAsync("anchorer_" + name);
        return await AnchoringTestContext.CreateAsync(connectionString, fixture.Stack.RpcUrl, fixture.Stack.ChainId);
    }

    private static async Task<Anchorer> LeaderAsync(AnchoringTestContext context, AnchorerOptions options)
    {
        var anchorer = context.NewAnchorer(options);
        Assert.True(await anchorer.TryBecomeLeaderAsync(), "the test anchorer must become leader");
        return anchorer;
    }

    private static async Task AssertOneChainEventPerConfirmedRowAsync(AnchoringTestContext context)
    {
        var events = await context.NewAnchorerClient().GetAnchoredEventsAsync(AnchoringTestContext.LogIdBytes);
        var confirmed = (await context.AnchorRowsAsync()).Where(a => a.Status == AnchorState.Confirmed).ToList();
        Assert.Equal(events.Count, confirmed.Count);
        Assert.Equal(events.Select(e => (long)e.TreeSize).Distinct().Count(), events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal((long)events[i].TreeSize, confirmed[i].TreeSize);
            Assert.Equal(events[i].TransactionHash, confirmed[i].TxHash, ignoreCase: true);
            Assert.Equal(events[i].RootHash, confirmed[i].RootHash);
            Assert.Equal((long)events[i].BlockNumber, confirmed[i].BlockNumber);
        }
    }

    [Fact]
    public async Task Given_enough_leaves_When_the_anchorer_steps_Then_the_latest_checkpoint_is_anchored_once_and_confirmed()
    {
        await using var context = await NewContextAsync("enough");
        await context.AppendCasesAsync(3);
        var size = await context.SequenceAllAsync();
        await using var anchorer = await LeaderAsync(context, context.Options(everyLeaves: 4));

        Assert.Equal(size, await anchorer.StepAsync());
        Assert.Null(await anchorer.StepAsync());
        Assert.Null(await anchorer.StepAsync());

        var row = Assert.Single(await context.AnchorRowsAsync());
        Assert.Equal(AnchorState.Confirmed, row.Status);
        Assert.Equal(size, row.TreeSize);
        Assert.Equal((await context.Log.GetLatestCheckpointAsync())!.RootHash, row.RootHash);
        Assert.NotNull(row.BlockNumber);
        Assert.NotNull(row.ConfirmedAt);
        Assert.InRange(row.GasUsed ?? 0, 21_000, 100_000);
        var (latest, root) = await context.NewAnchorerClient().LatestAsync(AnchoringTestContext.LogIdBytes);
        Assert.Equal((ulong)size, latest);
        Assert.Equal(row.RootHash, root);
        await AssertOneChainEventPerConfirmedRowAsync(context);
        Assert.Equal(size, anchorer.Status.AnchoredTreeSize);
        Assert.Null(anchorer.Status.LastError);
    }

    [Fact]
    public async Task Given_fewer_new_leaves_than_EveryLeaves_When_the_interval_passes_Then_they_are_anchored_and_not_before()
    {
        await using var context = await NewContextAsync("interval");
        await context.AppendCasesAsync(1);
        var first = await context.SequenceAllAsync();
        await using var anchorer = await LeaderAsync(context, context.Options(everyLeaves: 1000, everySeconds: 2));
        Assert.Equal(first, await anchorer.StepAsync()); // the first anchor of a log is not held back
        Assert.Null(await anchorer.StepAsync());

        await context.AppendCasesAsync(1);
        var second = await context.SequenceAllAsync();
        Assert.Null(await anchorer.StepAsync());
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        Assert.Equal(second, await anchorer.StepAsync());
        Assert.Null(await anchorer.StepAsync());

        Assert.Equal([first, second], (await context.AnchorRowsAsync()).Select(a => a.TreeSize));
        await AssertOneChainEventPerConfirmedRowAsync(context);
    }

    [Fact]
    public async Task Given_K_confirmations_When_fewer_blocks_follow_the_transaction_Then_the_anchor_stays_pending_until_they_do()
    {
        await using var context = await NewContextAsync("confirmations");
        await context.AppendCasesAsync(1);
        var size = await context.SequenceAllAsync();
        await using var anchorer = await LeaderAsync(context, context.Options(confirmations: 3));

        await anchorer.StepAsync();
        await anchorer.StepAsync();
        var pending = Assert.Single(await context.AnchorRowsAsync());
        Assert.Equal(AnchorState.Pending, pending.Status);
        Assert.NotNull(pending.BlockNumber);
        Assert.Equal(size, anchorer.Status.PendingTreeSize);
        var eventId = (await context.Log.GetLeafAsync(0))!.EventId;
        Assert.Null((await context.NewReceiptService().GetAsync(eventId)).Receipt!.Anchor);

        await context.RpcAsync<object>("anvil_mine", "0x2");
        await anchorer.StepAsync();

        var confirmed = Assert.Single(await context.AnchorRowsAsync());
        Assert.Equal(AnchorState.Confirmed, confirmed.Status);
        Assert.Equal(pending.TxHash, confirmed.TxHash);
        Assert.Equal(confirmed.TxHash, (await context.NewReceiptService().GetAsync(eventId)).Receipt!.Anchor!.TxHash);
    }

    [Fact]
    public async Task Given_the_contract_holds_a_larger_size_When_the_log_is_smaller_Then_nothing_smaller_is_anchored_until_the_log_passes_it()
    {
        await using var context = await NewContextAsync("larger");
        await context.AppendCasesAsync(2);
        var size = await context.SequenceAllAsync();
        await context.NewAnchorerClient().AnchorAsync(AnchoringTestContext.LogIdBytes, (ulong)size + 1, RandomNumberGenerator.GetBytes(32));
        await using var anchorer = await LeaderAsync(context, context.Options());

        Assert.Null(await anchorer.StepAsync());
        Assert.Empty(await context.AnchorRowsAsync());
        Assert.Equal(size + 1, anchorer.Status.AnchoredTreeSize);

        await context.AppendCasesAsync(1);
        var grown = await context.SequenceAllAsync();
        Assert.Equal(grown, await anchorer.StepAsync());
        await anchorer.StepAsync();
        Assert.Equal(AnchorState.Confirmed, Assert.Single(await context.AnchorRowsAsync()).Status);
    }

    [Fact]
    public async Task Given_the_process_dies_after_broadcasting_When_a_new_anchorer_starts_Then_it_records_that_transaction_and_sends_no_other()
    {
        await using var context = await NewContextAsync("after_broadcast");
        await context.AppendCasesAsync(1);
        var size = await context.SequenceAllAsync();
        var client = context.NewAnchorerClient();
        var nonceBefore = await client.GetMinedNonceAsync(context.AnchorerAddress);

        string? sentHash = null;
        await using (var dying = await LeaderAsync(context, context.Options()))
        {
            dying.FaultHook = (step, transaction) =>
            {
                sentHash = transaction.TransactionHash;
                return step == AnchorerStep.Broadcast ? throw new AnchorerFaultException("killed after the broadcast") : default;
            };
            await Assert.ThrowsAsync<AnchorerFaultException>(() => dying.StepAsync());
        }

        var recorded = Assert.Single(await context.AnchorRowsAsync());
        Assert.Equal(AnchorState.Pending, recorded.Status);
        Assert.Null(recorded.SentAt);
        Assert.Equal(sentHash, recorded.TxHash);

        await using var restarted = await LeaderAsync(context, context.Options());
        Assert.Null(await restarted.StepAsync());
        Assert.Null(await restarted.StepAsync());

        var row = Assert.Single(await context.AnchorRowsAsync());
        Assert.Equal(AnchorState.Confirmed, row.Status);
        Assert.Equal(sentHash, row.TxHash);
        Assert.Equal(size, row.TreeSize);
        Assert.Equal(nonceBefore + 1, await client.GetMinedNonceAsync(context.AnchorerAddress));
        await AssertOneChainEventPerConfirmedRowAsync(context);
    }

    [Fact]
    public async Task Given_the_process_dies_after_recording_before_broadcasting_When_a_new_anchorer_starts_Then_it_sends_the_recorded_transaction()
    {
        await using var context = await NewContextAsync("before_broadcast");
        await context.AppendCasesAsync(1);
        await context.SequenceAllAsync();

        await using (var dying = await LeaderAsync(context, context.Options()))
        {
            dying.FaultHook = (step, _) => step == AnchorerStep.Recorded ? throw new AnchorerFaultException("killed before the broadcast") : default;
            await Assert.ThrowsAsync<AnchorerFaultException>(() => dying.StepAsync());
        }

        var recorded = Assert.Single(await context.AnchorRowsAsync());
        Assert.False(await context.NewAnchorerClient().IsTransactionKnownAsync(recorded.TxHash));

        await using var restarted = await LeaderAsync(context, context.Options());
        await restarted.StepAsync();
        await restarted.StepAsync();

        var row = Assert.Single(await context.AnchorRowsAsync());
        Assert.Equal(AnchorState.Confirmed, row.Status);
        Assert.Equal(recorded.TxHash, row.TxHash);
        await AssertOneChainEventPerConfirmedRowAsync(context);
    }

    [Fact]
    public async Task Given_the_process_dies_after_signing_before_recording_When_a_new_anchorer_starts_Then_it_anchors_once()
    {
        await using var context = await NewContextAsync("after_signing");
        await context.AppendCasesAsync(1);
        await context.SequenceAllAsync();

        await using (var dying = await LeaderAsync(context, context.Options()))
        {
            dying.FaultHook = (step, _) => step == AnchorerStep.Signed ? throw new AnchorerFaultException("killed after signing") : default;
            await Assert.ThrowsAsync<AnchorerFaultException>(() => dying.StepAsync());
        }

        Assert.Empty(await context.AnchorRowsAsync());
        await using var restarted = await LeaderAsync(context, context.Options());
        await restarted.StepAsync();
        await restarted.StepAsync();

        Assert.Equal(AnchorState.Confirmed, Assert.Single(await context.AnchorRowsAsync()).Status);
        await AssertOneChainEventPerConfirmedRowAsync(context);
    }

    [Fact]
    public async Task Given_a_mined_anchor_When_it_drops_out_before_K_confirmations_Then_it_is_anchored_again_and_confirmed_once()
    {
        await using var context = await NewContextAsync("dropped");
        await context.AppendCasesAsync(1);
        var size = await context.SequenceAllAsync();
        await using var anchorer = await LeaderAsync(context, context.Options(confirmations: 3));
        var snapshot = await context.RpcAsync<string>("evm_snapshot");

        await anchorer.StepAsync();
        await anchorer.StepAsync();
        var mined = Assert.Single(await context.AnchorRowsAsync());
        Assert.NotNull(mined.BlockNumber);

        // A reorganisation: the block holding the anchor is gone.
        Assert.True(await context.RpcAsync<bool>("evm_revert", snapshot));
        var client = context.NewAnchorerClient();
        Assert.Null(await client.GetReceiptAsync(mined.TxHash));
        Assert.Equal(0ul, (await client.LatestAsync(AnchoringTestContext.LogIdBytes)).Size);

        await anchorer.StepAsync();
        await context.RpcAsync<object>("anvil_mine", "0x3");
        await anchorer.StepAsync();

        var row = Assert.Single(await context.AnchorRowsAsync(), a => a.Status == AnchorState.Confirmed);
        Assert.Equal(size, row.TreeSize);
        Assert.Equal((ulong)size, (await client.LatestAsync(AnchoringTestContext.LogIdBytes)).Size);
        await AssertOneChainEventPerConfirmedRowAsync(context);
    }

    [Fact]
    public async Task Given_an_active_anchorer_When_a_second_one_starts_Then_it_stands_by()
    {
        await using var context = await NewContextAsync("leader");
        await using var first = await LeaderAsync(context, context.Options());
        await using var second = context.NewAnchorer(context.Options());

        Assert.False(await second.TryBecomeLeaderAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => second.StepAsync());
        Assert.False(second.Status.IsLeader);
        Assert.True(first.Status.IsLeader);
    }

    [Fact]
    public async Task Given_a_revoked_anchorer_role_When_the_anchorer_steps_Then_it_fails_with_a_clear_sentence_and_sends_nothing()
    {
        await using var context = await NewContextAsync("revoked");
        await context.AppendCasesAsync(1);
        await context.SequenceAllAsync();
        await context.AdminClient().RevokeAnchorerAsync(context.AnchorerAddress);
        await using var anchorer = await LeaderAsync(context, context.Options());

        var error = await Assert.ThrowsAsync<LedgerAnchorException>(() => anchorer.StepAsync());

        Assert.Equal(LedgerAnchorFailure.NotAnchorer, error.Failure);
        Assert.Equal(
            $"The anchorer account {context.AnchorerAddress} does not hold the anchorer role on contract {context.ContractAddress}.",
            error.Message, ignoreCase: true);
        Assert.Empty(await context.AnchorRowsAsync());
    }
}
