using System.Security.Cryptography;
using System.Text.Json;

namespace Ledger.Domain.Integrity;

/// <summary>
/// The salted commitment to an event payload: SHA-256(salt ‖ canonical payload), salt 32 random bytes kept
/// beside the payload. Erasing payload and salt leaves the commitment, and every proof, valid but unlinkable.
/// </summary>
public static class PayloadCommitment
{
    /// <summary>Length of a salt, in bytes.</summary>
    public const int SaltSize = 32;

    /// <summary>A new random salt.</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltSize);

    /// <summary>SHA-256(salt ‖ canonicalPayload); the payload must already be RFC 8785 canonical.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> canonicalPayload)
    {
        if (salt.Length != SaltSize)
        {
            throw new ArgumentException("The salt must be 32 bytes.", nameof(salt));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(salt);
        hash.AppendData(canonicalPayload);
        return hash.GetHashAndReset();
    }

    /// <summary>Writes SHA-256(salt ‖ canonicalPayload) into <paramref name="destination"/> (32 bytes), reusing one hasher per thread.</summary>
    public static void Compute(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> canonicalPayload, Span<byte> destination)
    {
        if (salt.Length != SaltSize)
        {
            throw new ArgumentException("The salt must be 32 bytes.", nameof(salt));
        }

        if (destination.Length < 32)
        {
            throw new ArgumentException("The destination must hold 32 bytes.", nameof(destination));
        }

        var hash = _hasher ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(salt);
        hash.AppendData(canonicalPayload);
        hash.GetHashAndReset(destination);
    }

    [ThreadStatic]
    private static IncrementalHash? _hasher;

    /// <summary>Canonicalizes <paramref name="payload"/> (RFC 8785) and commits to it.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> salt, JsonElement payload) => Compute(salt, JsonCanonicalizer.Canonicalize(payload));
}
