using System.Security.Cryptography;
using Ledger.Domain.Integrity;

namespace Ledger.Domain.Tests.Integrity;

/// <summary>Section 6 of docs/integrity.md: the vectors V1–V3 as a three-leaf log, its checkpoint and a proof.</summary>
public class DocumentedExampleTests
{
    private const string Root = "dd3130d2150a665a6b5b54315ce139e304a40bf248dd3dbe06c42084aa66a150";
    private const string VerifierKey = "ledger.court.example/2026+698f612e+AcunP45FESBmXrzyHja2nkEpZOswDffE5pDOyqrjQvMb";
    private const string SignatureLine = "\u2014 ledger.court.example/2026 aY9hLo6U1GboxU7UuDJYqQRafIqutTWps+aVKtYYKrFESS7MYiQkk4sSlhixCOuanazj8sIYcwIv9R1K4EDH1UsO9AA=\n";

    private const string CheckpointNote =
        "ledger.court.example/2026\n3\n3TEw0hUKZlprW1QxXOE54wSkC/JI3T2+BsQghKpmoVA=\n\n" + SignatureLine;

    private const string ProofText =
        "c2sp.org/tlog-proof@v1\nindex 1\nrDLV+YGEYBa3194VP9kbglMVe91T3xAK2vh+MLoVm0g=\n9zywLJ5+3lB/ZyLQeGvlxckEyG9zIBEmGKPEtHDy6PI=\n\n" + CheckpointNote;

    private static readonly NoteSigner Key = NoteSigner.FromSeed("ledger.court.example/2026", SHA256.HashData("CaseLedger example log key 2"u8));

    private static MerkleLog Log()
    {
        var log = new MerkleLog(new InMemoryNodeStore());
        foreach (var v in new[] { LeafEnvelopeTests.V1, LeafEnvelopeTests.V2, LeafEnvelopeTests.V3 })
        {
            log.Append(TestHex.Bytes(v.LeafInputHex));
        }

        return log;
    }

    [Fact]
    public void Given_the_three_vectors_as_a_log_When_checkpointed_and_proven_Then_the_documented_texts_are_produced()
    {
        var log = Log();
        Assert.Equal(Root, TestHex.Of(log.Root()));
        Assert.Equal(VerifierKey, Key.VerifierKey);

        string note = SignedCheckpoint.Sign(new Checkpoint("ledger.court.example/2026", 3, log.Root()), Key);
        Assert.Equal(CheckpointNote, note);
        Assert.Equal(ProofText, new TlogProof(1, log.InclusionProof(1, 3), note).Format());

        // The hand check of the documentation.
        var left = MerkleHash.NodeHash(TestHex.Bytes(LeafEnvelopeTests.V1.LeafHash), TestHex.Bytes(LeafEnvelopeTests.V2.LeafHash));
        Assert.Equal(Root, TestHex.Of(MerkleHash.NodeHash(left, TestHex.Bytes(LeafEnvelopeTests.V3.LeafHash))));
    }

    [Fact]
    public void Given_the_documented_proof_and_key_When_a_receipt_is_verified_Then_it_is_confirmed()
    {
        byte[] leafInput = TestHex.Bytes(LeafEnvelopeTests.V2.LeafInputHex);
        var receipt = new Receipt(
            Guid.Parse("5b0e4a8e-2d71-4c3a-9a57-0f1e2d3c4b5a"), 1, leafInput, LeafEnvelope.Parse(leafInput).ToView(), ProofText,
            new ReceiptAnchor(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3", "0x" + new string('1', 64), 42, 3, TestHex.Bytes(Root)));
        var result = ReceiptVerifier.Verify(Receipt.FromJson(receipt.ToJson()), NoteVerifier.FromVerifierKey(VerifierKey), _ => TestHex.Bytes(Root));
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(AnchorStatus.ConfirmedOnChain, result.AnchorStatus);
        Assert.DoesNotContain("\\u002B", receipt.ToJson(), StringComparison.Ordinal);
    }
}
