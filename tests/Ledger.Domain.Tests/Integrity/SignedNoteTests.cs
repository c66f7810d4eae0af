using System.Security.Cryptography;
using Ledger.Domain.Integrity;

namespace Ledger.Domain.Tests.Integrity;

public class SignedNoteTests
{
    // Source: golang.org/x/mod/sumdb/note package documentation and note_test.go (the PeterNeumann example).
    private const string GoSignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string GoVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string GoSignature = "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";

    private const string Origin = "ledger.court.example/2026";

    private static readonly NoteSigner LogKey = NoteSigner.FromSeed(Origin, SHA256.HashData("log key seed"u8));
    private static readonly NoteSigner OtherKey = NoteSigner.FromSeed(Origin, SHA256.HashData("another key"u8));

    private static readonly Checkpoint Sample = new(Origin, 1234, SHA256.HashData("root"u8));

    [Fact]
    public void Given_the_Go_note_example_key_When_it_signs_the_example_text_Then_the_published_note_is_produced()
    {
        var signer = NoteSigner.FromSignerKey(GoSignerKey);
        Assert.Equal(GoVerifierKey, signer.VerifierKey);
        Assert.Equal(GoSignerKey, signer.SignerKey);
        Assert.Equal(0xc74f20a3u, signer.KeyId);
        Assert.Equal(GoText + "\n\u2014 PeterNeumann " + GoSignature + "\n", signer.Sign(GoText));
    }

    [Fact]
    public void Given_the_Go_note_example_When_verified_with_the_published_verifier_key_Then_the_text_is_returned()
    {
        var result = NoteVerifier.FromVerifierKey(GoVerifierKey).Verify(GoText + "\n\u2014 PeterNeumann " + GoSignature + "\n");
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(GoText, result.Body);
    }

    [Fact]
    public void Given_a_verifier_key_whose_base64_contains_a_plus_When_read_Then_it_is_accepted()
    {
        // Source: transparency-dev/formats note tests ("plusKey": the base64 of the key contains '+').
        const string plusKey = "TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6";
        var verifier = NoteVerifier.FromVerifierKey(plusKey);
        Assert.Equal("TEST", verifier.Name);
        Assert.Equal(plusKey, verifier.VerifierKey);
    }

    [Fact]
    public void Given_a_generated_key_When_its_signer_key_is_read_back_Then_it_is_the_same_key()
    {
        var key = NoteSigner.Generate("log.example/test");
        var again = NoteSigner.FromSignerKey(key.SignerKey);
        Assert.Equal(key.VerifierKey, again.VerifierKey);
        Assert.Matches("^log\\.example/test\\+[0-9a-f]{8}\\+[A-Za-z0-9/]{44}$", key.VerifierKey);
        Assert.Equal(3, key.VerifierKey.Split('+').Length); // readable by verifiers that split on every '+'
        Assert.StartsWith("PRIVATE+KEY+log.example/test+", key.SignerKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_checkpoint_When_signed_and_verified_Then_the_same_checkpoint_returns()
    {
        string note = SignedCheckpoint.Sign(Sample, LogKey);
        Assert.StartsWith($"{Origin}\n1234\n{Convert.ToBase64String(Sample.RootHash)}\n\n\u2014 {Origin} ", note, StringComparison.Ordinal);
        var result = SignedCheckpoint.Verify(note, LogKey.Verifier());
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(Sample, result.Checkpoint);
        Assert.Equal(Sample, SignedCheckpoint.ParseUnverified(note));
    }

    [Fact]
    public void Given_a_checkpoint_cosigned_by_a_witness_When_verified_with_the_log_key_Then_the_unknown_signature_is_ignored()
    {
        var witness = NoteSigner.FromSeed("witness.example", SHA256.HashData("witness"u8));
        string body = Sample.ToBody();
        string note = LogKey.Sign(body) + witness.SignatureLine(body);
        Assert.True(SignedCheckpoint.Verify(note, LogKey.Verifier()).IsValid);
        Assert.True(SignedCheckpoint.Verify(note, witness.Verifier()).IsValid);
    }

    public static TheoryData<string, string> MalformedNotes()
    {
        string good = SignedCheckpoint.Sign(Sample, LogKey);
        string body = Sample.ToBody();
        string signature = good[(good.LastIndexOf(' ') + 1)..^1];
        byte[] raw = Convert.FromBase64String(signature);
        byte[] wrongId = (byte[])raw.Clone();
        wrongId[0] ^= 0xff;
        byte[] badSignature = (byte[])raw.Clone();
        badSignature[10] ^= 0x01;

        return new TheoryData<string, string>
        {
            { body + "\u2014 " + Origin + " " + signature + "\n", "missing blank line" },
            { body + "\n\u2014 " + Origin + " " + signature[..^2] + "!=\n", "bad base64 character" },
            { body + "\n\u2014 " + Origin + " " + signature[..20] + " " + signature[20..] + "\n", "base64 with a space" },
            { body + "\n\u2014 " + Origin + " " + signature[..^1] + "\n", "base64 without padding" },
            { body + "\n\u2014 " + Origin + " " + Convert.ToBase64String(wrongId) + "\n", "wrong key id" },
            { body + "\n\u2014 " + Origin + " " + Convert.ToBase64String(badSignature) + "\n", "signature does not verify" },
            { OtherKey.Sign(body), "signature by another key of the same name" },
            { good + "garbage", "trailing garbage without newline" },
            { good + "garbage\n", "trailing garbage line" },
            { good + "\n", "trailing blank line" },
            { good[..^1], "missing final newline" },
            { good.Replace("1234\n", "1235\n", StringComparison.Ordinal), "tampered body" },
            { good.Replace("\n\n", "\r\n\n", StringComparison.Ordinal), "carriage return" },
            { body + "\n", "no signature lines" },
            { "", "empty" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedNotes))]
    public void Given_a_malformed_or_foreign_note_When_verified_Then_it_is_refused(string note, string why)
    {
        var result = LogKey.Verifier().Verify(note);
        Assert.False(result.IsValid, why);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        Assert.False(SignedCheckpoint.Verify(note, LogKey.Verifier()).IsValid, why);
    }

    [Theory]
    [InlineData("0007")]
    [InlineData("+7")]
    [InlineData("-7")]
    [InlineData(" 7")]
    [InlineData("7 ")]
    [InlineData("7.0")]
    [InlineData("0x7")]
    [InlineData("")]
    [InlineData("99999999999999999999")]
    public void Given_a_validly_signed_checkpoint_with_a_non_canonical_size_When_verified_Then_it_is_refused(string size)
    {
        string note = LogKey.Sign($"{Origin}\n{size}\n{Convert.ToBase64String(Sample.RootHash)}\n");
        var result = SignedCheckpoint.Verify(note, LogKey.Verifier());
        Assert.False(result.IsValid);
        Assert.Contains("tree size", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ledger.court.example/2026\n5\nAAAA\n")]
    [InlineData("ledger.court.example/2026\n5\n")]
    [InlineData("\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")]
    [InlineData("ledger.court.example/2026\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\nextension\n")]
    [InlineData("ledger.court.example/2026\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=\n")]
    public void Given_a_malformed_checkpoint_body_When_parsed_Then_it_is_refused(string body)
    {
        Assert.Throws<FormatException>(() => Checkpoint.ParseBody(body));
    }

    [Fact]
    public void Given_the_zero_size_checkpoint_When_parsed_Then_size_0_is_canonical()
    {
        var cp = Checkpoint.ParseBody("log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
        Assert.Equal(0, cp.TreeSize);
        Assert.Equal(MerkleHash.EmptyRootHash(), cp.RootHash);
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // wrong key id
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T")]  // bad base64
    [InlineData("PeterNeumann+c74f20a3+AhpjMmQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")] // not type 0x01
    [InlineData("PeterNeumann+c74f20a3")]
    [InlineData("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    public void Given_a_malformed_verifier_key_When_read_Then_it_is_refused(string key)
    {
        Assert.Throws<FormatException>(() => NoteVerifier.FromVerifierKey(key));
    }

    [Theory]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")]
    [InlineData("PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr")]
    public void Given_a_malformed_signer_key_When_read_Then_it_is_refused(string key)
    {
        Assert.Throws<FormatException>(() => NoteSigner.FromSignerKey(key));
    }

    [Fact]
    public void Given_a_note_text_without_final_newline_When_signed_Then_it_is_refused()
    {
        Assert.Throws<ArgumentException>(() => LogKey.Sign("no newline"));
        Assert.Throws<ArgumentException>(() => LogKey.Sign("tab\there\n"));
    }
}
