using System.Buffers;
using System.Security.Cryptography;

namespace Ledger.Domain.Integrity;

/// <summary>
/// RFC 6962 §2.1 / RFC 9162 §2.1 hashing with SHA-256: leaf hash = H(0x00 ‖ leaf input),
/// node hash = H(0x01 ‖ left ‖ right), the empty tree hashes to H("").
/// </summary>
public static class MerkleHash
{
    /// <summary>Length of every hash in the tree, in bytes.</summary>
    public const int Size = 32;

    /// <summary>Domain-separation prefix of leaf hashes.</summary>
    public const byte LeafPrefix = 0x00;

    /// <summary>Domain-separation prefix of interior node hashes.</summary>
    public const byte NodePrefix = 0x01;

    private const int StackLimit = 1024;

    // One reusable hasher per thread: on Linux each one-shot SHA256.HashData call sets up an OpenSSL digest
    // context, which costs more than hashing 65 bytes; reusing the context is markedly cheaper.
    [ThreadStatic]
    private static IncrementalHash? _hasher;

    private static IncrementalHash Hasher => _hasher ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>SHA-256 of the empty string, the root of the empty tree.</summary>
    public static ReadOnlySpan<byte> EmptyRoot =>
    [
        0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
        0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
    ];

    /// <summary>A fresh copy of <see cref="EmptyRoot"/>.</summary>
    public static byte[] EmptyRootHash() => EmptyRoot.ToArray();

    /// <summary>Leaf hash of <paramref name="leafInput"/>.</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> leafInput)
    {
        var hash = new byte[Size];
        LeafHash(leafInput, hash);
        return hash;
    }

    /// <summary>Writes the leaf hash of <paramref name="leafInput"/> into <paramref name="destination"/> (32 bytes); allocation-free for inputs up to 1 KiB.</summary>
    public static void LeafHash(ReadOnlySpan<byte> leafInput, Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException("The destination must hold 32 bytes.", nameof(destination));
        }

        int length = leafInput.Length + 1;
        if (length <= StackLimit)
        {
            Span<byte> buffer = stackalloc byte[StackLimit];
            buffer[0] = LeafPrefix;
            leafInput.CopyTo(buffer[1..]);
            var hasher = Hasher;
            hasher.AppendData(buffer[..length]);
            hasher.GetHashAndReset(destination);
            return;
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            rented[0] = LeafPrefix;
            leafInput.CopyTo(rented.AsSpan(1));
            SHA256.HashData(rented.AsSpan(0, length), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Interior node hash of two 32-byte children.</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        NodeHash(left, right, hash);
        return hash;
    }

    /// <summary>
    /// Writes H(0x01 ‖ left ‖ right) into <paramref name="destination"/>. The destination may overlap either child.
    /// Children are normally 32-byte hashes; other lengths are hashed as given (RFC 6962 does not fix them).
    /// </summary>
    public static void NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException("The destination must hold 32 bytes.", nameof(destination));
        }

        if (left.Length == Size && right.Length == Size)
        {
            Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
            buffer[0] = NodePrefix;
            left.CopyTo(buffer[1..]);
            right.CopyTo(buffer[(1 + Size)..]);
            var hasher = Hasher;
            hasher.AppendData(buffer);
            hasher.GetHashAndReset(destination);
            return;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([NodePrefix]);
        hash.AppendData(left);
        hash.AppendData(right);
        hash.GetHashAndReset(destination);
    }
}
