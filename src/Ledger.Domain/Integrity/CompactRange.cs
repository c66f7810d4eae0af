using System.Numerics;

namespace Ledger.Domain.Integrity;

/// <summary>
/// The compact range [0, Size): one hash per set bit of Size, the perfect subtrees that make up the log's
/// right border. Appending a leaf costs at most log2(n) node hashes (one on average) and never reads storage.
/// </summary>
public sealed class CompactRange
{
    private const int MaxLevels = 63;

    // Hash of the border node at level L lives at [L·32, L·32+32) when bit L of Size is set.
    private readonly byte[] _border = new byte[MaxLevels * MerkleHash.Size];

    /// <summary>An empty range.</summary>
    public CompactRange()
    {
    }

    /// <summary>A new empty range.</summary>
    public static CompactRange Empty => new();

    /// <summary>Number of leaves covered.</summary>
    public long Size { get; private set; }

    /// <summary>
    /// Appends a leaf hash. <paramref name="onNewNode"/> is told of every perfect node completed by this append,
    /// bottom-up, starting with the leaf itself at level 0; each call receives a fresh array.
    /// </summary>
    public void Append(ReadOnlySpan<byte> leafHash, Action<NodeId, byte[]>? onNewNode)
    {
        if (leafHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("A leaf hash must be 32 bytes.", nameof(leafHash));
        }

        if (Size == long.MaxValue)
        {
            throw new InvalidOperationException("The log is full.");
        }

        long index = Size;
        Span<byte> current = stackalloc byte[MerkleHash.Size];
        leafHash.CopyTo(current);
        onNewNode?.Invoke(new NodeId(0, index), current.ToArray());

        int level = 0;
        while (((Size >> level) & 1) != 0)
        {
            MerkleHash.NodeHash(_border.AsSpan(level * MerkleHash.Size, MerkleHash.Size), current, current);
            level++;
            onNewNode?.Invoke(new NodeId(level, index >> level), current.ToArray());
        }

        current.CopyTo(_border.AsSpan(level * MerkleHash.Size, MerkleHash.Size));
        Size++;
    }

    /// <summary>Appends a leaf hash without reporting new nodes.</summary>
    public void Append(ReadOnlySpan<byte> leafHash) => Append(leafHash, null);

    /// <summary>The RFC 6962 root of the range (the empty-tree hash when empty).</summary>
    public byte[] RootHash()
    {
        var root = new byte[MerkleHash.Size];
        RootHash(root);
        return root;
    }

    /// <summary>Writes the root into <paramref name="destination"/> (32 bytes) without allocating.</summary>
    public void RootHash(Span<byte> destination)
    {
        if (Size == 0)
        {
            MerkleHash.EmptyRoot.CopyTo(destination);
            return;
        }

        int lowest = BitOperations.TrailingZeroCount(Size);
        _border.AsSpan(lowest * MerkleHash.Size, MerkleHash.Size).CopyTo(destination);
        for (int level = lowest + 1; level < MaxLevels; level++)
        {
            if (((Size >> level) & 1) != 0)
            {
                MerkleHash.NodeHash(_border.AsSpan(level * MerkleHash.Size, MerkleHash.Size), destination[..MerkleHash.Size], destination);
            }
        }
    }

    /// <summary>The border hashes in <see cref="BorderIds"/> order (left to right).</summary>
    public IReadOnlyList<byte[]> BorderHashes()
    {
        var hashes = new List<byte[]>(BitOperations.PopCount((ulong)Size));
        for (int level = MaxLevels - 1; level >= 0; level--)
        {
            if (((Size >> level) & 1) != 0)
            {
                hashes.Add(_border.AsSpan(level * MerkleHash.Size, MerkleHash.Size).ToArray());
            }
        }

        return hashes;
    }

    /// <summary>
    /// The perfect subtrees, left to right (largest first), whose hashes determine the range [0, size):
    /// one per set bit of <paramref name="size"/>.
    /// </summary>
    public static IReadOnlyList<NodeId> BorderIds(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var ids = new List<NodeId>(BitOperations.PopCount((ulong)size));
        long begin = 0;
        for (int level = MaxLevels - 1; level >= 0; level--)
        {
            if (((size >> level) & 1) != 0)
            {
                ids.Add(new NodeId(level, begin >> level));
                begin += 1L << level;
            }
        }

        return ids;
    }

    /// <summary>Rebuilds a range from its border hashes (in <see cref="BorderIds"/> order), e.g. after a restart.</summary>
    public static CompactRange FromBorder(long size, IReadOnlyList<byte[]> borderHashes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(borderHashes);
        if (borderHashes.Count != BitOperations.PopCount((ulong)size))
        {
            throw new ArgumentException(
                $"A range of size {size} needs {BitOperations.PopCount((ulong)size)} border hashes, not {borderHashes.Count}.",
                nameof(borderHashes));
        }

        var range = new CompactRange();
        int next = 0;
        for (int level = MaxLevels - 1; level >= 0; level--)
        {
            if (((size >> level) & 1) == 0)
            {
                continue;
            }

            byte[] hash = borderHashes[next++] ?? throw new ArgumentException("A border hash is missing.", nameof(borderHashes));
            if (hash.Length != MerkleHash.Size)
            {
                throw new ArgumentException("Every border hash must be 32 bytes.", nameof(borderHashes));
            }

            hash.CopyTo(range._border, level * MerkleHash.Size);
        }

        range.Size = size;
        return range;
    }
}
