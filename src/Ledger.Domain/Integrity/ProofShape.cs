using System.Numerics;

namespace Ledger.Domain.Integrity;

/// <summary>
/// Which stored nodes a proof needs, without hashing and without storage (RFC 9162 §2.1.3.1 PATH and
/// §2.1.4.1 SUBPROOF, followed top-down). A store fetches <see cref="MerkleProofShape.NodeIds"/> in one
/// query and hands the hashes to <see cref="MerkleProofShape.Assemble"/>.
/// </summary>
public static class ProofShape
{
    /// <summary>The shape of the inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public static InclusionShape Inclusion(long index, long size)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Leaf index {index} is not in a tree of {size} leaves.");
        }

        // Top-down walk of PATH(m, D[n]): at each split, k is the largest power of two smaller than n.
        var topDown = new List<LeafRange>(64);
        long begin = 0;
        long count = size;
        while (count > 1)
        {
            long k = LargestPowerOfTwoBelow(count);
            if (index < begin + k)
            {
                topDown.Add(new LeafRange(begin + k, begin + count)); // MTH(D[k:n]), possibly ephemeral
                count = k;
            }
            else
            {
                topDown.Add(new LeafRange(begin, begin + k)); // MTH(D[0:k]), always perfect
                begin += k;
                count -= k;
            }
        }

        topDown.Reverse();
        return new InclusionShape(index, size, topDown);
    }

    /// <summary>The shape of the consistency proof between tree sizes <paramref name="size1"/> and <paramref name="size2"/>.</summary>
    public static ConsistencyShape Consistency(long size1, long size2)
    {
        if (size1 < 0 || size2 < size1)
        {
            throw new ArgumentOutOfRangeException(nameof(size1), size1, $"No consistency proof exists from size {size1} to size {size2}.");
        }

        var topDown = new List<LeafRange>(64);
        if (size1 == 0 || size1 == size2)
        {
            return new ConsistencyShape(size1, size2, topDown);
        }

        // Top-down walk of SUBPROOF(m, D[n], b).
        long begin = 0;
        long m = size1;
        long n = size2;
        bool complete = true;
        while (m != n)
        {
            long k = LargestPowerOfTwoBelow(n);
            if (m <= k)
            {
                topDown.Add(new LeafRange(begin + k, begin + n));
                n = k;
            }
            else
            {
                topDown.Add(new LeafRange(begin, begin + k));
                begin += k;
                m -= k;
                n -= k;
                complete = false;
            }
        }

        if (!complete)
        {
            topDown.Add(new LeafRange(begin, begin + n)); // MTH(D[m]) of the subtree reached; perfect
        }

        topDown.Reverse();
        return new ConsistencyShape(size1, size2, topDown);
    }

    internal static long LargestPowerOfTwoBelow(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));
}

/// <summary>A range of leaves [Begin, End) whose Merkle tree hash is one element of a proof.</summary>
internal readonly record struct LeafRange(long Begin, long End);

/// <summary>Common part of inclusion and consistency shapes.</summary>
public abstract class MerkleProofShape
{
    private readonly List<NodeId> _nodeIds;
    private readonly (int First, int Count)[] _elements;

    private protected MerkleProofShape(List<LeafRange> bottomUp)
    {
        _nodeIds = new List<NodeId>(bottomUp.Count + 8);
        _elements = new (int, int)[bottomUp.Count];
        for (int i = 0; i < bottomUp.Count; i++)
        {
            int first = _nodeIds.Count;
            Decompose(bottomUp[i], _nodeIds);
            _elements[i] = (first, _nodeIds.Count - first);
        }
    }

    /// <summary>The perfect stored nodes to fetch, O(log n) of them.</summary>
    public IReadOnlyList<NodeId> NodeIds => _nodeIds;

    /// <summary>Number of hashes in the assembled proof.</summary>
    public int ProofLength => _elements.Length;

    /// <summary>
    /// Builds the RFC 9162 proof from the fetched hashes (in <see cref="NodeIds"/> order), recomputing the
    /// ephemeral right-edge node where one is needed.
    /// </summary>
    public List<byte[]> Assemble(IReadOnlyList<byte[]> fetchedHashesInNodeIdsOrder)
    {
        ArgumentNullException.ThrowIfNull(fetchedHashesInNodeIdsOrder);
        if (fetchedHashesInNodeIdsOrder.Count != _nodeIds.Count)
        {
            throw new ArgumentException(
                $"The proof needs {_nodeIds.Count} node hashes but {fetchedHashesInNodeIdsOrder.Count} were given.",
                nameof(fetchedHashesInNodeIdsOrder));
        }

        for (int i = 0; i < fetchedHashesInNodeIdsOrder.Count; i++)
        {
            if (fetchedHashesInNodeIdsOrder[i] is not { Length: MerkleHash.Size })
            {
                throw new ArgumentException($"The hash of node {_nodeIds[i]} is missing or not 32 bytes.", nameof(fetchedHashesInNodeIdsOrder));
            }
        }

        var proof = new List<byte[]>(_elements.Length);
        foreach (var (first, count) in _elements)
        {
            var hash = (byte[])fetchedHashesInNodeIdsOrder[first + count - 1].Clone();
            for (int j = first + count - 2; j >= first; j--)
            {
                MerkleHash.NodeHash(fetchedHashesInNodeIdsOrder[j], hash, hash);
            }

            proof.Add(hash);
        }

        return proof;
    }

    /// <summary>Splits an aligned range into its perfect subtrees, largest (leftmost) first.</summary>
    private static void Decompose(LeafRange range, List<NodeId> into)
    {
        long begin = range.Begin;
        long size = range.End - range.Begin;
        for (int level = 62; level >= 0; level--)
        {
            if (((size >> level) & 1) != 0)
            {
                into.Add(new NodeId(level, begin >> level));
                begin += 1L << level;
            }
        }
    }
}

/// <summary>The nodes of an inclusion proof.</summary>
public sealed class InclusionShape : MerkleProofShape
{
    internal InclusionShape(long index, long size, List<LeafRange> bottomUp)
        : base(bottomUp)
    {
        Index = index;
        Size = size;
    }

    /// <summary>The leaf index proven.</summary>
    public long Index { get; }

    /// <summary>The tree size the proof is for.</summary>
    public long Size { get; }
}

/// <summary>The nodes of a consistency proof.</summary>
public sealed class ConsistencyShape : MerkleProofShape
{
    internal ConsistencyShape(long size1, long size2, List<LeafRange> bottomUp)
        : base(bottomUp)
    {
        Size1 = size1;
        Size2 = size2;
    }

    /// <summary>The older tree size.</summary>
    public long Size1 { get; }

    /// <summary>The newer tree size.</summary>
    public long Size2 { get; }
}
