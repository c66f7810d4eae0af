using System.Security.Cryptography;

namespace Ledger.Domain.Tests.Integrity;

/// <summary>
/// Naive recursive reference of RFC 6962 §2.1 (MTH, PATH, PROOF/SUBPROOF), written straight from the RFC
/// definitions over a list of leaf hashes. O(n) per call: for tests only.
/// </summary>
internal static class MerkleReference
{
    public static byte[] LeafHash(byte[] input) => SHA256.HashData([0x00, .. input]);

    public static byte[] NodeHash(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    /// <summary>k: the largest power of two smaller than n (n &gt; 1).</summary>
    public static int Split(int n)
    {
        int k = 1;
        while (k < n - k)
        {
            k *= 2;
        }

        return k;
    }

    /// <summary>MTH(D[n]) over leaf hashes.</summary>
    public static byte[] Mth(IReadOnlyList<byte[]> leafHashes, int begin, int end)
    {
        int n = end - begin;
        if (n == 0)
        {
            return SHA256.HashData([]);
        }

        if (n == 1)
        {
            return leafHashes[begin];
        }

        int k = Split(n);
        return NodeHash(Mth(leafHashes, begin, begin + k), Mth(leafHashes, begin + k, end));
    }

    /// <summary>PATH(m, D[n]).</summary>
    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> leafHashes, int begin, int end)
    {
        int n = end - begin;
        if (n == 1)
        {
            return [];
        }

        int k = Split(n);
        if (m < k)
        {
            var path = Path(m, leafHashes, begin, begin + k);
            path.Add(Mth(leafHashes, begin + k, end));
            return path;
        }

        var right = Path(m - k, leafHashes, begin + k, end);
        right.Add(Mth(leafHashes, begin, begin + k));
        return right;
    }

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true).</summary>
    public static List<byte[]> Proof(int m, IReadOnlyList<byte[]> leafHashes, int n) => SubProof(m, leafHashes, 0, n, true);

    private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> leafHashes, int begin, int end, bool b)
    {
        int n = end - begin;
        if (m == n)
        {
            return b ? [] : [Mth(leafHashes, begin, end)];
        }

        int k = Split(n);
        if (m <= k)
        {
            var proof = SubProof(m, leafHashes, begin, begin + k, b);
            proof.Add(Mth(leafHashes, begin + k, end));
            return proof;
        }

        var rest = SubProof(m - k, leafHashes, begin + k, end, false);
        rest.Add(Mth(leafHashes, begin, begin + k));
        return rest;
    }

    /// <summary>
    /// The root an inclusion proof is checked against, as a symbolic expression of the leaf (L) and the proof
    /// elements (P0 = the leaf's sibling, upwards), derived from the PATH definition. Two (index, size) pairs with
    /// the same expression accept exactly the same proofs.
    /// </summary>
    public static string SymbolicInclusion(long index, long size)
    {
        if (index < 0 || index >= size)
        {
            return "invalid";
        }

        int next = 0;
        return Walk(index, size);

        string Walk(long m, long n)
        {
            if (n == 1)
            {
                return "L";
            }

            long k = 1;
            while (k < n - k)
            {
                k *= 2;
            }

            if (m < k)
            {
                string inner = Walk(m, k);
                return $"H({inner},P{next++})";
            }

            string right = Walk(m - k, n - k);
            return $"H(P{next++},{right})";
        }
    }

    /// <summary>
    /// The two roots a consistency proof is checked against, as symbolic expressions of root1 (R1) and the proof
    /// elements (P0 upwards), derived from the SUBPROOF definition.
    /// </summary>
    public static (string Root1, string Root2) SymbolicConsistency(long size1, long size2)
    {
        if (size1 <= 0 || size2 < size1)
        {
            return ("invalid", "invalid");
        }

        if (size1 == size2)
        {
            return ("R1", "R1");
        }

        int next = 0;
        return Walk(size1, size2, true);

        (string, string) Walk(long m, long n, bool b)
        {
            if (m == n)
            {
                string known = b ? "R1" : $"P{next++}";
                return (known, known);
            }

            long k = 1;
            while (k < n - k)
            {
                k *= 2;
            }

            if (m <= k)
            {
                var (e1, e2) = Walk(m, k, b);
                return (e1, $"H({e2},P{next++})");
            }

            var (r1, r2) = Walk(m - k, n - k, false);
            string p = $"P{next++}";
            return ($"H({p},{r1})", $"H({p},{r2})");
        }
    }
}
