using Ledger.Domain.Integrity;

namespace Ledger.Domain.Tests.Integrity;

public sealed class NoteKeyWithPlusTests
{
    [Fact]
    public void Given_keys_whose_base64_contains_plus_signs_When_read_back_Then_they_round_trip()
    {
        // Standard base64 uses '+', so the key part of a key string may contain the separator itself
        // (C2SP signed-note splits off only the name and key id).
        var seen = 0;
        for (byte b = 0; b < 255 && seen < 5; b++)
        {
            var seed = Enumerable.Repeat(b, 32).ToArray();
            var signer = NoteSigner.FromSeed("ledger.court.example/2026", seed);
            var keyPart = signer.VerifierKey.Split('+', 3)[2];
            if (!keyPart.Contains('+', StringComparison.Ordinal))
            {
                continue;
            }

            seen++;
            var verifier = NoteVerifier.FromVerifierKey(signer.VerifierKey);
            Assert.Equal(signer.VerifierKey, verifier.VerifierKey);
            Assert.Equal(signer.SignerKey, NoteSigner.FromSignerKey(signer.SignerKey).SignerKey);
            Assert.True(verifier.Verify(signer.Sign("ledger.court.example/2026\n1\nAAAA\n")).IsValid);
        }

        Assert.True(seen > 0, "no seed produced a key with '+' in its base64");
    }
}
