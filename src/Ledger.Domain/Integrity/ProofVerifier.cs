using System.Security.Cryptography;

namespace Ledger.Domain.Integrity;

/// <summary>A Merkle proof that cannot be checked: wrong sizes, wrong length, malformed hashes.</summary>
public sealed class InvalidProofException(string message) : Exception(message);

/// <summary>
/// Verification of inclusion and consistency proofs as RFC 9162 §2.1.3.2 and §2.1.4.2: pure functions of
/// indices and hashes, no allocation on success paths.
/// </summary>
public static class ProofVerifier
{
    /// <summary>True when <paramref name="proof"/> proves leaf <paramref name="index"/> is in the tree of <paramref name="size"/> leaves with <paramref name="rootHash"/>.</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> rootHash)
    {
        if (rootHash.Length != MerkleHash.Size)
        {
            return false;
        }

        Span<byte> computed = stackalloc byte[MerkleHash.Size];
        return TryRootFromInclusionProof(index, size, leafHash, proof, computed, out _)
            && CryptographicOperations.FixedTimeEquals(computed, rootHash);
    }

    /// <summary>The root implied by an inclusion proof; throws <see cref="InvalidProofException"/> when the proof cannot be evaluated.</summary>
    public static byte[] RootFromInclusionProof(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        var root = new byte[MerkleHash.Size];
        if (!TryRootFromInclusionProof(index, size, leafHash, proof, root, out string? error))
        {
            throw new InvalidProofException(error);
        }

        return root;
    }

    /// <summary>
    /// Computes the root implied by an inclusion proof into <paramref name="root"/> (RFC 9162 §2.1.3.2 steps 1–4,
    /// without the final comparison). Returns false with a reason when the proof cannot be evaluated.
    /// </summary>
    public static bool TryRootFromInclusionProof(
        long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, Span<byte> root, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (size <= 0 || index < 0 || index >= size)
        {
            error = $"Leaf index {index} is not in a tree of {size} leaves.";
            return false;
        }

        if (leafHash.Length != MerkleHash.Size)
        {
            error = "The leaf hash is not 32 bytes.";
            return false;
        }

        if (root.Length < MerkleHash.Size)
        {
            throw new ArgumentException("The destination must hold 32 bytes.", nameof(root));
        }

        ulong fn = (ulong)index;
        ulong sn = (ulong)(size - 1);
        Span<byte> r = root[..MerkleHash.Size];
        leafHash.CopyTo(r);
        for (int i = 0; i < proof.Count; i++)
        {
            byte[] p = proof[i];
            if (p is not { Length: MerkleHash.Size })
            {
                error = $"Proof element {i} is not a 32-byte hash.";
                return false;
            }

            if (sn == 0)
            {
                error = "The proof is longer than the tree is deep.";
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.NodeHash(p, r, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                MerkleHash.NodeHash(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            error = "The proof is shorter than the tree is deep.";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// True when <paramref name="proof"/> proves the tree of <paramref name="size1"/> leaves with <paramref name="root1"/>
    /// is a prefix of the tree of <paramref name="size2"/> leaves with <paramref name="root2"/>. A proof from the empty
    /// tree proves nothing and is refused.
    /// </summary>
    public static bool VerifyConsistency(long size1, long size2, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, IReadOnlyList<byte[]> proof)
        => TryVerifyConsistency(size1, size2, root1, root2, proof, out _);

    /// <summary><see cref="VerifyConsistency"/> with the reason for a refusal.</summary>
    public static bool TryVerifyConsistency(
        long size1, long size2, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, IReadOnlyList<byte[]> proof, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (size1 <= 0 || size2 < size1)
        {
            error = $"No consistency proof can show size {size1} is a prefix of size {size2}.";
            return false;
        }

        if (size1 == size2)
        {
            if (proof.Count != 0)
            {
                error = "Equal sizes need an empty proof.";
                return false;
            }

            if (!root1.SequenceEqual(root2))
            {
                error = "Equal sizes but different roots.";
                return false;
            }

            error = null;
            return true;
        }

        if (root1.Length != MerkleHash.Size || root2.Length != MerkleHash.Size)
        {
            error = "A root is not a 32-byte hash.";
            return false;
        }

        if (proof.Count == 0)
        {
            error = "The proof is empty.";
            return false;
        }

        for (int i = 0; i < proof.Count; i++)
        {
            if (proof[i] is not { Length: MerkleHash.Size })
            {
                error = $"Proof element {i} is not a 32-byte hash.";
                return false;
            }
        }

        // Step 2: when size1 is a power of two, the path starts from root1 itself.
        bool startsWithRoot1 = (size1 & (size1 - 1)) == 0;
        int next = startsWithRoot1 ? 0 : 1;
        ReadOnlySpan<byte> seed = startsWithRoot1 ? root1 : proof[0];

        ulong fn = (ulong)(size1 - 1);
        ulong sn = (ulong)(size2 - 1);
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        Span<byte> fr = stackalloc byte[MerkleHash.Size];
        Span<byte> sr = stackalloc byte[MerkleHash.Size];
        seed.CopyTo(fr);
        seed.CopyTo(sr);
        for (int i = next; i < proof.Count; i++)
        {
            byte[] c = proof[i];
            if (sn == 0)
            {
                error = "The proof is longer than the tree is deep.";
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.NodeHash(c, fr, fr);
                MerkleHash.NodeHash(c, sr, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                MerkleHash.NodeHash(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            error = "The proof is shorter than the tree is deep.";
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(fr, root1))
        {
            error = "The proof does not lead to the first root.";
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(sr, root2))
        {
            error = "The proof does not lead to the second root.";
            return false;
        }

        error = null;
        return true;
    }
}
