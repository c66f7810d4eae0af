using System.Numerics;
using System.Security.Cryptography;
using Ledger.Anchoring.Contracts;
using Ledger.Anchoring.Tests.Infrastructure;
using Ledger.LocalStack;
using Nethereum.Signer;
using Xunit.Abstractions;

namespace Ledger.Anchoring.Tests.Contracts;

/// <summary>LedgerAnchor on a real anvil chain, through <see cref="LedgerAnchorClient"/>.</summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class LedgerAnchorContractTests(StackFixture fixture, ITestOutputHelper output)
{
    private LocalStackHost Stack => fixture.Stack;

    private string ContractAddress => Stack.ContractAddress!;

    private LedgerAnchorClient Anchorer() =>
        LedgerAnchorClient.Connect(Stack.RpcUrl, ContractAddress, Stack.AnchorerPrivateKey, Stack.ChainId);

    private LedgerAnchorClient Admin() =>
        LedgerAnchorClient.Connect(Stack.RpcUrl, ContractAddress, ContractDeployer.DevAccountPrivateKey, Stack.ChainId);

    private static byte[] NewLogId() => LedgerAnchorClient.LogIdFor($"test.court.example/{Guid.NewGuid():N}");

    private static byte[] RandomRoot() => RandomNumberGenerator.GetBytes(32);

    private async Task<LedgerAnchorClient> NewFundedAccountAsync(bool grantRole)
    {
        var key = EthECKey.GenerateKey().GetPrivateKey();
        var address = new EthECKey(key).GetPublicAddress();
        var admin = Admin();
        await admin.Web3.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(address, 1m);
        if (grantRole)
        {
            await admin.GrantAnchorerAsync(address);
        }

        return LedgerAnchorClient.Connect(Stack.RpcUrl, ContractAddress, key, Stack.ChainId);
    }

    [Fact]
    public async Task Given_the_anchorer_When_it_anchors_twice_Then_rootAt_latest_and_events_return_what_was_anchored()
    {
        var client = Anchorer();
        var logId = NewLogId();
        var (root5, root9) = (RandomRoot(), RandomRoot());

        var first = await client.AnchorAsync(logId, 5, root5);
        var second = await client.AnchorAsync(logId, 9, root9);

        Assert.Equal(BigInteger.One, first.Status.Value);
        Assert.Equal(root5, await client.RootAtAsync(logId, 5));
        Assert.Equal(root9, await client.RootAtAsync(logId, 9));
        Assert.Equal(new byte[32], await client.RootAtAsync(logId, 7));
        var (size, root) = await client.LatestAsync(logId);
        Assert.Equal(9ul, size);
        Assert.Equal(root9, root);

        var events = await client.GetAnchoredEventsAsync(logId);
        Assert.Collection(
            events,
            e =>
            {
                Assert.Equal(5ul, e.TreeSize);
                Assert.Equal(root5, e.RootHash);
                Assert.Equal(logId, e.LogId);
                Assert.Equal(first.TransactionHash, e.TransactionHash);
                Assert.Equal((ulong)first.BlockNumber.Value, e.BlockNumber);
            },
            e =>
            {
                Assert.Equal(9ul, e.TreeSize);
                Assert.Equal(root9, e.RootHash);
                Assert.Equal(second.TransactionHash, e.TransactionHash);
            });
    }

    [Fact]
    public async Task Given_a_log_never_anchored_When_latest_is_read_Then_it_is_size_zero_with_a_zero_root()
    {
        var (size, root) = await Anchorer().LatestAsync(NewLogId());

        Assert.Equal(0ul, size);
        Assert.Equal(new byte[32], root);
    }

    [Fact]
    public async Task Given_an_account_without_the_role_When_it_anchors_Then_it_is_refused_with_a_clear_message()
    {
        var stranger = await NewFundedAccountAsync(grantRole: false);
        var logId = NewLogId();

        var refused = await Assert.ThrowsAsync<LedgerAnchorException>(() => stranger.AnchorAsync(logId, 1, RandomRoot()));

        Assert.Equal(LedgerAnchorFailure.NotAnchorer, refused.Failure);
        Assert.Contains("does not hold the anchorer role on contract", refused.Message, StringComparison.Ordinal);
        Assert.Contains(stranger.SenderAddress!, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0ul, (await stranger.LatestAsync(logId)).Size);
    }

    [Fact]
    public async Task Given_a_revoked_anchorer_When_it_anchors_again_Then_it_is_refused()
    {
        var anchorer = await NewFundedAccountAsync(grantRole: true);
        var logId = NewLogId();
        await anchorer.AnchorAsync(logId, 1, RandomRoot());

        await Admin().RevokeAnchorerAsync(anchorer.SenderAddress!);

        Assert.False(await anchorer.IsAnchorerAsync(anchorer.SenderAddress!));
        var refused = await Assert.ThrowsAsync<LedgerAnchorException>(() => anchorer.AnchorAsync(logId, 2, RandomRoot()));
        Assert.Equal(LedgerAnchorFailure.NotAnchorer, refused.Failure);
        var sent = await Assert.ThrowsAsync<LedgerAnchorException>(() => anchorer.SendAnchorAsync(logId, 2, RandomRoot()));
        Assert.Equal(LedgerAnchorFailure.NotAnchorer, sent.Failure);
        Assert.Equal(1ul, (await anchorer.LatestAsync(logId)).Size);
    }

    [Theory]
    [InlineData(10ul)]
    [InlineData(9ul)]
    [InlineData(1ul)]
    public async Task Given_size_ten_is_anchored_When_a_size_not_larger_is_anchored_Then_it_is_refused(ulong given)
    {
        var client = Anchorer();
        var logId = NewLogId();
        var root10 = RandomRoot();
        await client.AnchorAsync(logId, 10, root10);

        var refused = await Assert.ThrowsAsync<LedgerAnchorException>(() => client.AnchorAsync(logId, given, RandomRoot()));

        Assert.Equal(LedgerAnchorFailure.TreeSizeNotIncreasing, refused.Failure);
        Assert.Equal(10ul, refused.LatestTreeSize);
        Assert.Contains("already holds tree size 10", refused.Message, StringComparison.Ordinal);
        var latest = await client.LatestAsync(logId);
        Assert.Equal(10ul, latest.Size);
        Assert.Equal(root10, latest.Root);
    }

    [Fact]
    public async Task Given_a_new_log_When_size_zero_or_a_zero_root_is_anchored_Then_both_are_refused()
    {
        var client = Anchorer();
        var logId = NewLogId();

        var zeroSize = await Assert.ThrowsAsync<LedgerAnchorException>(() => client.AnchorAsync(logId, 0, RandomRoot()));
        var zeroRoot = await Assert.ThrowsAsync<LedgerAnchorException>(() => client.AnchorAsync(logId, 1, new byte[32]));

        Assert.Equal(LedgerAnchorFailure.TreeSizeNotIncreasing, zeroSize.Failure);
        Assert.Equal(LedgerAnchorFailure.ZeroRootHash, zeroRoot.Failure);
    }

    [Fact]
    public async Task Given_two_logs_When_each_is_anchored_Then_sizes_are_tracked_per_log()
    {
        var client = Anchorer();
        var (a, b) = (NewLogId(), NewLogId());

        await client.AnchorAsync(a, 100, RandomRoot());
        await client.AnchorAsync(b, 3, RandomRoot());

        Assert.Equal(100ul, (await client.LatestAsync(a)).Size);
        Assert.Equal(3ul, (await client.LatestAsync(b)).Size);
        Assert.Single(await client.GetAnchoredEventsAsync(b));
    }

    [Fact]
    public async Task Given_an_account_that_is_not_admin_When_it_grants_the_role_Then_it_is_refused()
    {
        var anchorer = Anchorer();

        var refused = await Assert.ThrowsAsync<LedgerAnchorException>(() => anchorer.GrantAnchorerAsync(anchorer.SenderAddress!));

        Assert.Equal(LedgerAnchorFailure.NotAdmin, refused.Failure);
        Assert.Contains("is not the admin of contract", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_the_stack_When_started_Then_its_anchorer_holds_the_role_and_the_dev_account_is_admin()
    {
        var client = Anchorer();

        Assert.True(await client.IsAnchorerAsync(Stack.AnchorerAddress));
        Assert.False(await client.IsAnchorerAsync(ContractDeployer.DevAccountAddress));
        Assert.Equal(ContractDeployer.DevAccountAddress, await client.GetAdminAsync(), ignoreCase: true);
    }

    [Fact]
    public async Task Given_an_anchor_sent_without_waiting_When_its_receipt_is_polled_Then_it_is_mined_and_anchored()
    {
        var client = Anchorer();
        var logId = NewLogId();
        var root = RandomRoot();

        var hash = await client.SendAnchorAsync(logId, 42, root);

        Assert.Matches("^0x[0-9a-f]{64}$", hash);
        Nethereum.RPC.Eth.DTOs.TransactionReceipt? receipt = null;
        for (var attempt = 0; attempt < 100 && receipt is null; attempt++)
        {
            receipt = await client.GetReceiptAsync(hash);
            if (receipt is null)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(receipt);
        Assert.Equal(BigInteger.One, receipt.Status.Value);
        Assert.Equal(root, await client.RootAtAsync(logId, 42));
    }

    [Fact]
    public async Task Given_anchors_When_gas_is_measured_Then_first_and_later_anchors_of_a_log_stay_within_budget()
    {
        var client = Anchorer();
        var logId = NewLogId();

        var first = (ulong)(await client.AnchorAsync(logId, 1000, RandomRoot())).GasUsed.Value;
        var later = new List<ulong>();
        for (ulong size = 2000; size <= 5000; size += 1000)
        {
            later.Add((ulong)(await client.AnchorAsync(logId, size, RandomRoot())).GasUsed.Value);
        }

        output.WriteLine($"anchor gas: first anchor of a log {first}; later anchors {string.Join(", ", later)}");
        // Budgets: the first anchor writes two fresh storage slots (size, root), later ones one fresh slot and one update.
        Assert.InRange(first, 21_000ul, 80_000ul);
        Assert.All(later, gas => Assert.InRange(gas, 21_000ul, first));
    }
}
