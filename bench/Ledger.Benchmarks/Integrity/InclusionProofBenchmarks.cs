using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Ledger.Domain.Integrity;

namespace Ledger.Benchmarks.Integrity;

/// <summary>
/// Inclusion proofs at 1M leaves (a real tree in <see cref="InMemoryNodeStore"/>) and 100M leaves (a
/// <see cref="SyntheticNodeStore"/>), against one node hash (SHA-256 of 65 bytes) as the baseline.
/// 256 random leaf indices are cycled through.
/// </summary>
[Config(typeof(IntegrityBenchConfig))]
public class InclusionProofBenchmarks
{
    private const int Samples = 256;

    private readonly byte[] _left = SHA256.HashData("left"u8);
    private readonly byte[] _right = SHA256.HashData("right"u8);
    private readonly byte[] _node = new byte[32];
    private INodeStore _store = new InMemoryNodeStore();
    private long[] _indices = [];
    private byte[][] _leafHashes = [];
    private List<byte[]>[] _proofs = [];
    private byte[][] _roots = [];
    private int _next;

    [Params(1_000_000L, 100_000_000L)]
    public long LeafCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (LeafCount <= 10_000_000)
        {
            // Memory per million leaves: managed memory retained by the store, measured with full collections.
            long before = GC.GetTotalMemory(forceFullCollection: true);
            var (store, root) = BuildRealTree(LeafCount);
            long retained = GC.GetTotalMemory(forceFullCollection: true) - before;
            Console.WriteLine($"// MEMORY node store for {LeafCount} leaves: {store.Count} nodes, {store.AllocatedBytes} bytes in chunks, {retained} bytes retained");
            _store = store;
            _roots = Enumerable.Repeat(root, Samples).ToArray();
        }
        else
        {
            _store = new SyntheticNodeStore(LeafCount);
        }

        var random = new Random(17);
        _indices = Enumerable.Range(0, Samples).Select(_ => random.NextInt64(LeafCount)).ToArray();
        _leafHashes = _indices.Select(i => _store.Read(new NodeId(0, i))!).ToArray();
        _proofs = _indices.Select(Generate).ToArray();
        if (_store is SyntheticNodeStore)
        {
            _roots = Enumerable.Range(0, Samples)
                .Select(k => ProofVerifier.RootFromInclusionProof(_indices[k], LeafCount, _leafHashes[k], _proofs[k]))
                .ToArray();
        }

        for (int k = 0; k < Samples; k++)
        {
            if (!ProofVerifier.VerifyInclusion(_indices[k], LeafCount, _leafHashes[k], _proofs[k], _roots[k]))
            {
                throw new InvalidOperationException($"Proof {k} does not verify.");
            }
        }
    }

    /// <summary>One RFC 6962 node hash: the unit a proof costs.</summary>
    [Benchmark(Baseline = true)]
    public byte[] OneNodeHash()
    {
        MerkleHash.NodeHash(_left, _right, _node);
        return _node;
    }

    /// <summary>Shape, fetch O(log n) nodes from the store, assemble (incl. the ephemeral node).</summary>
    [Benchmark]
    public List<byte[]> GenerateInclusionProof() => Generate(_indices[_next++ & (Samples - 1)]);

    /// <summary>RFC 9162 §2.1.3.2 verification against the root.</summary>
    [Benchmark]
    public bool VerifyInclusionProof()
    {
        int k = _next++ & (Samples - 1);
        return ProofVerifier.VerifyInclusion(_indices[k], LeafCount, _leafHashes[k], _proofs[k], _roots[k]);
    }

    private List<byte[]> Generate(long index)
    {
        var shape = ProofShape.Inclusion(index, LeafCount);
        var ids = shape.NodeIds;
        var hashes = new byte[ids.Count][];
        for (int i = 0; i < hashes.Length; i++)
        {
            hashes[i] = _store.Read(ids[i]) ?? throw new InvalidOperationException($"Node {ids[i]} is missing.");
        }

        return shape.Assemble(hashes);
    }

    private static (InMemoryNodeStore Store, byte[] Root) BuildRealTree(long leaves)
    {
        var store = new InMemoryNodeStore();
        var range = new CompactRange();
        var batch = new List<KeyValuePair<NodeId, byte[]>>(1 << 17);
        Action<NodeId, byte[]> collect = (id, hash) => batch.Add(new(id, hash));
        Span<byte> leafInput = stackalloc byte[8];
        Span<byte> leafHash = stackalloc byte[32];
        for (long i = 0; i < leaves; i++)
        {
            BitConverter.TryWriteBytes(leafInput, i);
            MerkleHash.LeafHash(leafInput, leafHash);
            range.Append(leafHash, collect);
            if (batch.Count >= 1 << 16)
            {
                store.Write(batch);
                batch.Clear();
            }
        }

        store.Write(batch);
        return (store, range.RootHash());
    }
}
