using System.Security.Cryptography;
using System.Text.Json;
using Ledger.Domain.Integrity;

namespace Ledger.Domain.Tests.Integrity;

public class ReceiptVerifierTests
{
    private const string Origin = "ledger.court.example/2026";

    private static readonly NoteSigner LogKey = NoteSigner.FromSeed(Origin, SHA256.HashData("receipt log key"u8));

    /// <summary>A log of 11 envelopes; the receipt is for leaf 6, proven to the checkpoint at size 11.</summary>
    private static (Receipt Receipt, Checkpoint Checkpoint) MakeReceipt(bool anchored = true, NoteSigner? signer = null, string origin = Origin)
    {
        var log = new MerkleLog(new InMemoryNodeStore());
        var caseId = Guid.Parse("6d1f0c52-8a8e-4c1b-9f3e-2b7a4c5d6e7f");
        byte[]? previous = null;
        var inputs = new List<byte[]>();
        for (int i = 0; i < 11; i++)
        {
            var envelope = new LeafEnvelope(
                1, origin, caseId, i + 1, i == 0 ? "CaseRegistered" : "HearingScheduled",
                new DateTimeOffset(2026, 4, 1, 10, i, 0, TimeSpan.Zero), previous,
                PayloadCommitment.Compute(SHA256.HashData(BitConverter.GetBytes(i)), "{}"u8), [SHA256.HashData(BitConverter.GetBytes(i * 7))]);
            byte[] input = envelope.ToLeafInput();
            inputs.Add(input);
            previous = MerkleHash.LeafHash(input);
            log.Append(input);
        }

        var checkpoint = new Checkpoint(origin, log.Size, log.Root());
        string note = SignedCheckpoint.Sign(checkpoint, signer ?? LogKey);
        var proof = new TlogProof(6, log.InclusionProof(6, log.Size), note);
        var anchor = anchored
            ? new ReceiptAnchor(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3", "0x" + new string('a', 64), 42, checkpoint.TreeSize, checkpoint.RootHash)
            : null;
        var receipt = new Receipt(Guid.Parse("0a0b0c0d-0000-4000-8000-000000000006"), 6, inputs[6], LeafEnvelope.Parse(inputs[6]).ToView(), proof.Format(), anchor);
        return (receipt, checkpoint);
    }

    private static Func<AnchorLookup, byte[]?> Chain(Checkpoint checkpoint) =>
        lookup => lookup.LogId.AsSpan().SequenceEqual(LogId.FromOrigin(checkpoint.Origin)) && lookup.TreeSize == checkpoint.TreeSize ? checkpoint.RootHash : null;

    [Fact]
    public void Given_an_anchored_receipt_and_the_chain_When_verified_Then_every_step_passes()
    {
        var (receipt, checkpoint) = MakeReceipt();
        var result = ReceiptVerifier.Verify(receipt, LogKey.Verifier(), Chain(checkpoint));
        Assert.True(result.IsValid, result.Error);
        Assert.Null(result.FailedStep);
        Assert.Equal(AnchorStatus.ConfirmedOnChain, result.AnchorStatus);
        Assert.Equal(Enum.GetValues<ReceiptCheckStep>(), result.Checks.Select(c => c.Step));
        Assert.All(result.Checks, c => Assert.Equal(ReceiptCheckOutcome.Passed, c.Outcome));
        Assert.Equal(checkpoint, result.Checkpoint);
        Assert.Equal(7, result.Envelope!.EventVersion);
    }

    [Fact]
    public void Given_an_anchored_receipt_without_chain_access_When_verified_Then_it_is_valid_but_not_checked_on_chain()
    {
        var (receipt, _) = MakeReceipt();
        var result = ReceiptVerifier.Verify(receipt, LogKey.Verifier());
        Assert.True(result.IsValid);
        Assert.Equal(AnchorStatus.NotCheckedOnChain, result.AnchorStatus);
        Assert.Equal(ReceiptCheckOutcome.Skipped, result.Checks[^1].Outcome);
    }

    [Fact]
    public void Given_a_pending_receipt_When_verified_Then_it_is_valid_and_pending()
    {
        var (receipt, checkpoint) = MakeReceipt(anchored: false);
        var result = ReceiptVerifier.Verify(receipt, LogKey.Verifier(), Chain(checkpoint));
        Assert.True(result.IsValid);
        Assert.Equal(AnchorStatus.Pending, result.AnchorStatus);
    }

    [Fact]
    public async Task Given_an_asynchronous_chain_read_When_verified_Then_the_anchor_is_confirmed()
    {
        var (receipt, checkpoint) = MakeReceipt();
        var chain = Chain(checkpoint);
        var result = await ReceiptVerifier.VerifyAsync(receipt, LogKey.Verifier(), (lookup, _) => Task.FromResult(chain(lookup)));
        Assert.Equal(AnchorStatus.ConfirmedOnChain, result.AnchorStatus);
    }

    public static TheoryData<string, ReceiptCheckStep> Tamperings => new()
    {
        { "leaf input byte flipped", ReceiptCheckStep.LeafInput },
        { "shown fields differ", ReceiptCheckStep.LeafInput },
        { "proof text garbled", ReceiptCheckStep.ProofFormat },
        { "proof for another leaf", ReceiptCheckStep.ProofFormat },
        { "checkpoint signed by another key", ReceiptCheckStep.CheckpointSignature },
        { "checkpoint of another log", ReceiptCheckStep.Origin },
        { "proof hash altered", ReceiptCheckStep.Inclusion },
        { "leaf swapped for another valid leaf", ReceiptCheckStep.Inclusion },
        { "anchor of another size", ReceiptCheckStep.Anchor },
        { "chain holds another root", ReceiptCheckStep.AnchorOnChain },
        { "chain holds nothing", ReceiptCheckStep.AnchorOnChain },
        { "chain unreachable", ReceiptCheckStep.AnchorOnChain },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void Given_a_tampered_receipt_When_verified_Then_the_failing_step_is_named(string tampering, ReceiptCheckStep expected)
    {
        var (receipt, checkpoint) = MakeReceipt();
        Func<AnchorLookup, byte[]?> chain = Chain(checkpoint);
        var proof = TlogProof.Parse(receipt.Proof);
        switch (tampering)
        {
            case "leaf input byte flipped":
                var input = (byte[])receipt.LeafInput.Clone();
                input[^3] ^= 0x01;
                receipt = receipt with { LeafInput = input };
                break;
            case "shown fields differ":
                receipt = receipt with { Envelope = receipt.Envelope with { EventType = "JudgmentIssued" } };
                break;
            case "proof text garbled":
                receipt = receipt with { Proof = receipt.Proof.Replace("index 6", "index 06", StringComparison.Ordinal) };
                break;
            case "proof for another leaf":
                receipt = receipt with { Proof = (proof with { Index = 7 }).Format() };
                break;
            case "checkpoint signed by another key":
                receipt = MakeReceipt(signer: NoteSigner.FromSeed(Origin, SHA256.HashData("rogue"u8))).Receipt;
                break;
            case "checkpoint of another log":
                var other = SignedCheckpoint.Sign(checkpoint with { Origin = "ledger.court.example/2025" }, LogKey);
                receipt = receipt with { Proof = (proof with { Checkpoint = other }).Format() };
                break;
            case "proof hash altered":
                var hashes = proof.Hashes.Select(h => (byte[])h.Clone()).ToList();
                hashes[1][0] ^= 0x80;
                receipt = receipt with { Proof = (proof with { Hashes = hashes }).Format() };
                break;
            case "leaf swapped for another valid leaf":
                var (otherReceipt, _) = MakeReceipt(origin: Origin);
                var swapped = LeafEnvelope.Parse(otherReceipt.LeafInput) with { EventVersion = 99 };
                receipt = receipt with { LeafInput = swapped.ToLeafInput(), Envelope = swapped.ToView() };
                break;
            case "anchor of another size":
                receipt = receipt with { Anchor = receipt.Anchor! with { TreeSize = 10 } };
                break;
            case "chain holds another root":
                chain = _ => SHA256.HashData("other root"u8);
                break;
            case "chain holds nothing":
                chain = _ => null;
                break;
            default:
                chain = _ => throw new HttpRequestException("connection refused");
                break;
        }

        var result = ReceiptVerifier.Verify(receipt, LogKey.Verifier(), chain);
        Assert.False(result.IsValid);
        Assert.Equal(expected, result.FailedStep);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.Equal(expected, result.Checks[^1].Step);
    }

    [Fact]
    public void Given_a_receipt_When_serialized_Then_the_JSON_has_the_design_names_and_reads_back()
    {
        var (receipt, _) = MakeReceipt();
        string json = receipt.ToJson();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(["eventId", "leafIndex", "leafInput", "envelope", "proof", "anchor"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["chainId", "contract", "txHash", "blockNumber", "treeSize", "rootHash"], root.GetProperty("anchor").EnumerateObject().Select(p => p.Name));
        Assert.Equal(Convert.ToBase64String(receipt.LeafInput), root.GetProperty("leafInput").GetString());
        Assert.Equal(receipt.Envelope.PayloadCommitment, root.GetProperty("envelope").GetProperty("payloadCommitment").GetString());

        var back = Receipt.FromJson(json);
        Assert.True(ReceiptVerifier.Verify(back, LogKey.Verifier()).IsValid);

        var pending = MakeReceipt(anchored: false).Receipt;
        using var pendingDoc = JsonDocument.Parse(pending.ToJson());
        Assert.Equal(JsonValueKind.Null, pendingDoc.RootElement.GetProperty("anchor").ValueKind);
    }

    [Fact]
    public void Given_an_origin_When_its_log_id_is_computed_Then_it_is_the_SHA256_of_its_UTF8_bytes()
    {
        // SHA-256("ledger.court.example/2026"), computed independently with Python's hashlib.
        Assert.Equal("0c5a146272d7f385b21ad0cf3da240136e8cb08bdef506a7e80945d714d9229f", TestHex.Of(LogId.FromOrigin(Origin)));
    }
}
