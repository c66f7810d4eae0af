using System.Globalization;
using System.Text;
using Ledger.Anchoring.Contracts;
using Ledger.Cli.Commands;
using Ledger.Domain.Cases;
using Ledger.Domain.Integrity;
using Ledger.Projections.Cases;
using Ledger.Projections.Sequencing;
using Ledger.Projections.Storage;

namespace Ledger.Cli.Tests.Verification;

[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class VerifyAndAuditCommandTests(StackFixture stack)
{
    /// <summary>A log of a few leaves built in memory, its signed checkpoint, and the receipt of one leaf.</summary>
    private static (Receipt Receipt, NoteSigner Signer, byte[] Root, long Size) BuildReceipt(string origin, int leafIndex = 3, int size = 7)
    {
        var signer = NoteSigner.Generate(origin);
        var log = new MerkleLog(new InMemoryNodeStore());
        var inputs = new List<byte[]>();
        byte[]? previous = null;
        var caseId = Guid.NewGuid();
        for (var i = 0; i < size; i++)
        {
            var envelope = new LeafEnvelope(1, origin, caseId, i + 1, "material-attached", new DateTimeOffset(2026, 3, 1, 9, i, 0, TimeSpan.Zero),
                previous, System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)), []);
            var input = envelope.ToLeafInput();
            inputs.Add(input);
            log.Append(input);
            previous = MerkleHash.LeafHash(input);
        }

        var root = log.Root(size);
        var note = SignedCheckpoint.Sign(new Checkpoint(origin, size, root), signer);
        var proof = new TlogProof(leafIndex, log.InclusionProof(leafIndex, size), note).Format();
        var receipt = new Receipt(Guid.NewGuid(), leafIndex, inputs[leafIndex], LeafEnvelope.Parse(inputs[leafIndex]).ToView(), proof, null);
        return (receipt, signer, root, size);
    }

    private static async Task<(int Exit, string Output)> VerifyAsync(Receipt receipt, string key, string? rpc)
    {
        var file = Path.Combine(Path.GetTempPath(), $"receipt-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, receipt.ToJson());
        try
        {
            var output = new StringWriter(CultureInfo.InvariantCulture);
            var args = rpc is null ? new[] { "verify", file, "--key", key } : ["verify", file, "--key", key, "--rpc", rpc];
            var exit = await CaseLedgerCommand.Create().Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = output });
            return (exit, output.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Given_a_receipt_anchored_on_the_chain_When_verified_Then_every_step_holds_and_any_forgery_names_the_failed_step()
    {
        var origin = $"cli-verify-{Guid.NewGuid():N}.court.example/2026";
        var (receipt, signer, root, size) = BuildReceipt(origin);
        var host = stack.Stack;

        // Not anchored yet: valid, exit 3.
        var pending = await VerifyAsync(receipt, signer.VerifierKey, host.RpcUrl);
        Assert.Equal(VerifyCommand.NotAnchored, pending.Exit);
        Assert.Contains("NOT ANCHORED YET", pending.Output, StringComparison.Ordinal);

        var client = LedgerAnchorClient.Connect(host.RpcUrl, host.ContractAddress!, host.AnchorerPrivateKey, host.ChainId);
        var transaction = await client.AnchorAsync(LogId.FromOrigin(origin), (ulong)size, root);
        var anchored = receipt with
        {
            Anchor = new ReceiptAnchor(host.ChainId, host.ContractAddress!, transaction.TransactionHash, (long)transaction.BlockNumber.Value, size, root),
        };
        var good = await VerifyAsync(anchored, signer.VerifierKey, host.RpcUrl);
        Assert.True(good.Exit == VerifyCommand.Verified, good.Output);
        Assert.Contains("VERIFIED", good.Output, StringComparison.Ordinal);
        Assert.Contains("rootAt on the chain", good.Output, StringComparison.Ordinal);

        // A changed leaf input (other payload commitment) fails at the first step.
        var envelope = LeafEnvelope.Parse(anchored.LeafInput) with { PayloadCommitment = new byte[32] };
        var forgedLeaf = anchored with { LeafInput = envelope.ToLeafInput(), Envelope = envelope.ToView() };
        var leafFailure = await VerifyAsync(forgedLeaf, signer.VerifierKey, host.RpcUrl);
        Assert.Equal(VerifyCommand.CheckFailed, leafFailure.Exit);
        Assert.Contains("\"inclusion proof → checkpoint root\" failed", leafFailure.Output, StringComparison.Ordinal);

        // Another key: the signature step fails.
        var otherKey = NoteSigner.Generate(origin).VerifierKey;
        var keyFailure = await VerifyAsync(anchored, otherKey, host.RpcUrl);
        Assert.Equal(VerifyCommand.CheckFailed, keyFailure.Exit);
        Assert.Contains("\"checkpoint signature (log key)\" failed", keyFailure.Output, StringComparison.Ordinal);

        // A log re-signed by its own key but never anchored at this size: the chain step fails.
        var (unanchored, unanchoredSigner, unanchoredRoot, unanchoredSize) = BuildReceipt(origin + "x");
        var claimed = unanchored with
        {
            Anchor = new ReceiptAnchor(host.ChainId, host.ContractAddress!, transaction.TransactionHash, (long)transaction.BlockNumber.Value, unanchoredSize, unanchoredRoot),
        };
        var chainFailure = await VerifyAsync(claimed, unanchoredSigner.VerifierKey, host.RpcUrl);
        Assert.Equal(VerifyCommand.CheckFailed, chainFailure.Exit);
        Assert.Contains("\"rootAt on the chain\" failed", chainFailure.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_ledger_When_audited_from_the_command_line_Then_it_passes_and_after_a_node_is_altered_it_fails_naming_the_node()
    {
        var connectionString = await stack.CreateDatabaseAsync("cli_audit_tests");
        const string origin = "cli-audit.court.example/2026";
        await using var dataSource = LedgerDataSource.Create(connectionString);
        await LedgerSchema.EnsureAsync(dataSource);
        using var store = MartenConfiguration.CreateStore(dataSource);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var signer = NoteSigner.Generate(origin);
        var cases = new CaseLedger(store, origin);
        foreach (var command in Domain.Cases.Scenarios.CaseScenarioGenerator.Interleave(new Domain.Cases.Scenarios.CaseScenarioGenerator(3).Generate(10)))
        {
            try
            {
                await cases.HandleAsync(command);
            }
            catch (CaseRuleViolation)
            {
            }
        }

        await using (var sequencer = new Sequencer(dataSource, signer, new SequencerOptions { Origin = origin, BatchSize = 20 }))
        {
            Assert.True(await sequencer.TryBecomeLeaderAsync());
            while (await sequencer.SequenceBatchAsync() > 0)
            {
            }
        }

        var output = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await AuditCommand.RunAsync(connectionString, null, null, signer.VerifierKey, null, output, output, CancellationToken.None);
        Assert.True(exit == 0, output.ToString());
        Assert.Contains("AUDIT PASSED", output.ToString(), StringComparison.Ordinal);

        await using (var command = dataSource.CreateCommand("update ledger.nodes set hash = sha256(hash) where level = 1 and idx = 2"))
        {
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var failed = new StringWriter(CultureInfo.InvariantCulture);
        exit = await AuditCommand.RunAsync(connectionString, null, null, signer.VerifierKey, null, failed, failed, CancellationToken.None);
        Assert.Equal(1, exit);
        Assert.Contains("AUDIT FAILED", failed.ToString(), StringComparison.Ordinal);
        Assert.Contains("node (1, 2)", failed.ToString(), StringComparison.Ordinal);
    }
}
