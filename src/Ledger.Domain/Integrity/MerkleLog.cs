namespace Ledger.Domain.Integrity;

/// <summary>
/// An append-only RFC 6962 log over an <see cref="INodeStore"/>: appends cost O(log n) hashing, proofs read
/// O(log n) stored nodes. Convenience façade for in-memory use and tests; not thread-safe for appends.
/// </summary>
public sealed class MerkleLog
{
    private readonly INodeStore _store;
    private readonly CompactRange _range;
    private readonly List<KeyValuePair<NodeId, byte[]>> _pending = new(64);
    private readonly Action<NodeId, byte[]> _collect;

    /// <summary>An empty log over <paramref name="store"/>.</summary>
    public MerkleLog(INodeStore store)
        : this(store, 0)
    {
    }

    /// <summary>Resumes a log of <paramref name="size"/> leaves whose nodes are already in <paramref name="store"/>.</summary>
    public MerkleLog(INodeStore store, long size)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _collect = (id, hash) => _pending.Add(new(id, hash));
        var ids = CompactRange.BorderIds(size);
        var hashes = new List<byte[]>(ids.Count);
        foreach (var id in ids)
        {
            hashes.Add(store.Read(id) ?? throw new InvalidOperationException($"Node {id} of the log of size {size} is missing from the store."));
        }

        _range = CompactRange.FromBorder(size, hashes);
    }

    /// <summary>Number of leaves.</summary>
    public long Size => _range.Size;

    /// <summary>Appends a leaf input; returns its leaf index.</summary>
    public long Append(ReadOnlySpan<byte> leafInput)
    {
        Span<byte> leafHash = stackalloc byte[MerkleHash.Size];
        MerkleHash.LeafHash(leafInput, leafHash);
        return AppendLeafHash(leafHash);
    }

    /// <summary>Appends an already computed leaf hash; returns its leaf index.</summary>
    public long AppendLeafHash(ReadOnlySpan<byte> leafHash)
    {
        long index = _range.Size;
        _range.Append(leafHash, _collect);
        Flush();
        return index;
    }

    /// <summary>Appends many leaf inputs with one store write; returns the index of the first.</summary>
    public long AppendRange(IEnumerable<byte[]> leafInputs)
    {
        ArgumentNullException.ThrowIfNull(leafInputs);
        long first = _range.Size;
        Span<byte> leafHash = stackalloc byte[MerkleHash.Size];
        foreach (var input in leafInputs)
        {
            MerkleHash.LeafHash(input, leafHash);
            _range.Append(leafHash, _collect);
        }

        Flush();
        return first;
    }

    /// <summary>The current root.</summary>
    public byte[] Root() => _range.RootHash();

    /// <summary>The root of the tree of the first <paramref name="size"/> leaves.</summary>
    public byte[] Root(long size)
    {
        CheckSize(size);
        if (size == _range.Size)
        {
            return _range.RootHash();
        }

        return CompactRange.FromBorder(size, Fetch(CompactRange.BorderIds(size))).RootHash();
    }

    /// <summary>The stored leaf hash at <paramref name="index"/>.</summary>
    public byte[] LeafHash(long index)
    {
        if (index < 0 || index >= _range.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Leaf {index} is not in the log of {_range.Size} leaves.");
        }

        return Fetch([new NodeId(0, index)])[0];
    }

    /// <summary>RFC 9162 inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public List<byte[]> InclusionProof(long index, long size)
    {
        CheckSize(size);
        var shape = ProofShape.Inclusion(index, size);
        return shape.Assemble(Fetch(shape.NodeIds));
    }

    /// <summary>RFC 9162 consistency proof from tree size <paramref name="from"/> to <paramref name="to"/>.</summary>
    public List<byte[]> ConsistencyProof(long from, long to)
    {
        CheckSize(to);
        var shape = ProofShape.Consistency(from, to);
        return shape.Assemble(Fetch(shape.NodeIds));
    }

    private void Flush()
    {
        try
        {
            _store.Write(_pending);
        }
        finally
        {
            _pending.Clear();
        }
    }

    private void CheckSize(long size)
    {
        if (size < 0 || size > _range.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The log has {_range.Size} leaves, not {size}.");
        }
    }

    private List<byte[]> Fetch(IReadOnlyList<NodeId> ids)
    {
        var hashes = new List<byte[]>(ids.Count);
        foreach (var id in ids)
        {
            hashes.Add(_store.Read(id) ?? throw new InvalidOperationException($"Node {id} is missing from the store."));
        }

        return hashes;
    }
}
