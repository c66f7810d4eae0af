using System.Security.Cryptography;
using Ledger.Domain.Integrity;

namespace Ledger.Domain.Tests.Integrity;

public class TlogProofTests
{
    private static readonly NoteSigner Key = NoteSigner.FromSeed("ledger.court.example/2026", SHA256.HashData("k"u8));

    private static string CheckpointNote => SignedCheckpoint.Sign(new Checkpoint("ledger.court.example/2026", 109482, SHA256.HashData("r"u8)), Key);

    private static List<byte[]> Hashes(int n) => [.. Enumerable.Range(0, n).Select(i => SHA256.HashData(BitConverter.GetBytes(i)))];

    [Fact]
    public void Given_a_proof_When_formatted_Then_it_follows_the_C2SP_layout_and_parses_back()
    {
        var proof = new TlogProof(73894, Hashes(3), CheckpointNote);
        string text = proof.Format();
        string[] lines = text.Split('\n');
        Assert.Equal("c2sp.org/tlog-proof@v1", lines[0]);
        Assert.Equal("index 73894", lines[1]);
        Assert.Equal(Convert.ToBase64String(proof.Hashes[0]), lines[2]);
        Assert.Equal("", lines[5]);
        Assert.EndsWith("\n\n" + CheckpointNote, text, StringComparison.Ordinal);

        var parsed = TlogProof.Parse(text);
        Assert.Equal(73894, parsed.Index);
        Assert.Equal(proof.Hashes, parsed.Hashes);
        Assert.Equal(CheckpointNote, parsed.Checkpoint);
        Assert.Null(parsed.Extra);
    }

    [Fact]
    public void Given_extra_data_and_no_hashes_When_formatted_Then_both_survive_a_round_trip()
    {
        var proof = new TlogProof(0, [], CheckpointNote) { Extra = "age-v1.2.1"u8.ToArray() };
        string text = proof.Format();
        Assert.StartsWith("c2sp.org/tlog-proof@v1\nextra YWdlLXYxLjIuMQ==\nindex 0\n\n", text, StringComparison.Ordinal);
        var parsed = TlogProof.Parse(text);
        Assert.Equal(proof.Extra, parsed.Extra);
        Assert.Empty(parsed.Hashes);
        Assert.Equal(CheckpointNote, parsed.Checkpoint);
    }

    public static TheoryData<string> Malformed()
    {
        string good = new TlogProof(5, Hashes(2), CheckpointNote).Format();
        string h = Convert.ToBase64String(Hashes(1)[0]);
        return new TheoryData<string>
        {
            good.Replace("tlog-proof@v1", "tlog-proof@v2", StringComparison.Ordinal),
            good.Replace("index 5", "index 05", StringComparison.Ordinal),
            good.Replace("index 5", "index +5", StringComparison.Ordinal),
            good.Replace("index 5", "index  5", StringComparison.Ordinal),
            good.Replace("index 5", "Index 5", StringComparison.Ordinal),
            good.Replace(h, h[..^4], StringComparison.Ordinal),
            good.Replace(h, h[..10] + "*" + h[11..], StringComparison.Ordinal),
            good.Replace("\n\n", "\n", StringComparison.Ordinal),
            "c2sp.org/tlog-proof@v1\nindex 5\n" + h + "\n\n",
            "c2sp.org/tlog-proof@v1\nextra !!\nindex 5\n\n" + CheckpointNote,
            "",
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Given_a_malformed_proof_text_When_parsed_Then_it_is_refused(string text)
    {
        Assert.Throws<FormatException>(() => TlogProof.Parse(text));
    }
}
