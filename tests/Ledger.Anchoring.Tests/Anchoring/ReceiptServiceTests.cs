using Ledger.Anchoring.Tests.Infrastructure;
using Ledger.Domain.Integrity;

namespace Ledger.Anchoring.Tests.Anchoring;

/// <summary>Receipts assembled from the log and the anchors, checked with the independent receipt verifier and the chain.</summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class ReceiptServiceTests(StackFixture fixture)
{
    private async Task<AnchoringTestContext> NewContextAsync(string name)
    {
        var connectionString = await fixture.CreateDatabaseAsync("receipts_" + name);
        return await AnchoringTestContext.CreateAsync(connectionString, fixture.Stack.RpcUrl, fixture.Stack.ChainId);
    }

    private static Func<AnchorLookup, CancellationToken, Task<byte[]?>> ChainLookup(AnchoringTestContext context) =>
        async (lookup, token) =>
        {
            Assert.Equal(context.ChainId, lookup.ChainId);
            var root = await Ledger.Anchoring.Contracts.LedgerAnchorClient.Connect(context.RpcUrl, lookup.Contract).RootAtAsync(lookup.LogId, (ulong)lookup.TreeSize, token);
            return root.Any(b => b != 0) ? root : null;
        };

    [Fact]
    public async Task Given_a_sequenced_event_not_yet_anchored_When_its_receipt_is_asked_Then_it_proves_against_the_latest_checkpoint_with_no_anchor()
    {
        await using var context = await NewContextAsync("pending");
        var ids = await context.AppendCasesAsync(2);
        var size = await context.SequenceAllAsync();

        var lookup = await context.NewReceiptService().GetAsync(ids[1]);

        Assert.Equal(ReceiptLookupStatus.Found, lookup.Status);
        var receipt = lookup.Receipt!;
        Assert.Null(receipt.Anchor);
        Assert.Equal(ids[1], receipt.EventId);
        var logKey = NoteVerifier.FromVerifierKey(context.Signer.VerifierKey);
        Assert.Equal(size, SignedCheckpoint.Verify(TlogProof.Parse(receipt.Proof).Checkpoint, logKey).Checkpoint!.TreeSize);
        var verification = ReceiptVerifier.Verify(Receipt.FromJson(receipt.ToJson()), logKey);
        Assert.True(verification.IsValid, verification.Error);
        Assert.Equal(AnchorStatus.Pending, verification.AnchorStatus);
    }

    [Fact]
    public async Task Given_two_anchors_When_receipts_are_asked_Then_each_cites_the_smallest_confirmed_anchor_covering_its_leaf_and_verifies_on_chain()
    {
        await using var context = await NewContextAsync("anchored");
        var early = await context.AppendCasesAsync(2);
        var firstSize = await context.SequenceAllAsync();
        await using var anchorer = context.NewAnchorer(context.Options());
        Assert.True(await anchorer.TryBecomeLeaderAsync());
        await anchorer.StepAsync();
        await anchorer.StepAsync();
        var late = await context.AppendCasesAsync(1);
        var secondSize = await context.SequenceAllAsync();
        await anchorer.StepAsync();
        await anchorer.StepAsync();
        var unanchored = await context.AppendCasesAsync(1);
        await context.SequenceAllAsync();
        var service = context.NewReceiptService();
        var logKey = NoteVerifier.FromVerifierKey(context.Signer.VerifierKey);

        var earlyReceipt = (await service.GetAsync(early[0])).Receipt!;
        var lateReceipt = (await service.GetAsync(late[^1])).Receipt!;
        var pendingReceipt = (await service.GetAsync(unanchored[0])).Receipt!;

        Assert.Equal(firstSize, earlyReceipt.Anchor!.TreeSize);
        Assert.Equal(secondSize, lateReceipt.Anchor!.TreeSize);
        Assert.Null(pendingReceipt.Anchor);
        var rows = await context.AnchorRowsAsync();
        Assert.Equal(rows[0].TxHash, earlyReceipt.Anchor.TxHash);
        Assert.Equal(rows[0].BlockNumber, earlyReceipt.Anchor.BlockNumber);
        Assert.Equal(context.ContractAddress, earlyReceipt.Anchor.Contract, ignoreCase: true);
        foreach (var receipt in new[] { earlyReceipt, lateReceipt })
        {
            var verification = await ReceiptVerifier.VerifyAsync(Receipt.FromJson(receipt.ToJson()), logKey, ChainLookup(context));
            Assert.True(verification.IsValid, verification.Error);
            Assert.Equal(AnchorStatus.ConfirmedOnChain, verification.AnchorStatus);
        }
    }

    [Fact]
    public async Task Given_an_unknown_or_unsequenced_event_When_its_receipt_is_asked_Then_the_answer_says_which()
    {
        await using var context = await NewContextAsync("missing");
        var ids = await context.AppendCasesAsync(1);
        var service = context.NewReceiptService();

        Assert.Equal(ReceiptLookupStatus.NotSequenced, (await service.GetAsync(ids[0])).Status);
        Assert.Equal(ReceiptLookupStatus.UnknownEvent, (await service.GetAsync(Guid.NewGuid())).Status);
        await context.SequenceAllAsync();
        Assert.Equal(ReceiptLookupStatus.Found, (await service.GetAsync(ids[0])).Status);
    }
}
