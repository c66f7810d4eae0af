using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Ledger.Domain.Integrity;

namespace Ledger.Benchmarks.Integrity;

/// <summary>
/// Appending leaves, per leaf (OperationsPerInvoke), against the raw SHA-256 of the same leaf inputs in the
/// same run. Leaf inputs are realistic v1 envelopes (about 560 bytes with two document hashes).
/// </summary>
[Config(typeof(IntegrityBenchConfig))]
public class MerkleAppendBenchmarks
{
    private const int Leaves = 8192;

    private readonly byte[] _digest = new byte[32];
    private LeafEnvelope[] _envelopes = [];
    private byte[][] _inputs = [];
    private readonly CompactRange _range = new();
    private MerkleLog _log = new(new InMemoryNodeStore());

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        _envelopes = new LeafEnvelope[Leaves];
        _inputs = new byte[Leaves][];
        byte[]? previous = null;
        for (int i = 0; i < Leaves; i++)
        {
            var seed = new byte[32];
            random.NextBytes(seed);
            _envelopes[i] = new LeafEnvelope(
                1,
                "ledger.court.example/2026",
                new Guid(seed[..16]),
                i + 1,
                "MotionDecided",
                new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(1L << 40)),
                previous,
                SHA256.HashData(seed),
                [SHA256.HashData(seed.AsSpan(0, 8)), SHA256.HashData(seed.AsSpan(8, 8))]);
            _inputs[i] = _envelopes[i].ToLeafInput();
            previous = MerkleHash.LeafHash(_inputs[i]);
        }
    }

    // Start a fresh log now and then so memory stays bounded; the cost is negligible per leaf.
    private void BoundLog()
    {
        if (_log.Size >= 1 << 20)
        {
            _log = new MerkleLog(new InMemoryNodeStore());
        }
    }

    /// <summary>SHA-256 of each leaf input, nothing else: the baseline.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Leaves)]
    public void RawSha256OfLeafInput()
    {
        foreach (var input in _inputs)
        {
            SHA256.HashData(input, _digest);
        }
    }

    /// <summary>Leaf hash and compact-range append (the sequencer's hashing), no storage.</summary>
    [Benchmark(OperationsPerInvoke = Leaves)]
    public void AppendToCompactRange()
    {
        Span<byte> leafHash = stackalloc byte[32];
        foreach (var input in _inputs)
        {
            MerkleHash.LeafHash(input, leafHash);
            _range.Append(leafHash, null);
        }
    }

    /// <summary>Append to a MerkleLog, writing every new perfect node to the in-memory store.</summary>
    [Benchmark(OperationsPerInvoke = Leaves)]
    public void AppendToMerkleLogInMemory()
    {
        BoundLog();
        foreach (var input in _inputs)
        {
            _log.Append(input);
        }
    }

    /// <summary>Build the canonical envelope bytes from its fields, then append to the MerkleLog.</summary>
    [Benchmark(OperationsPerInvoke = Leaves)]
    public void BuildEnvelopeAndAppend()
    {
        BoundLog();
        foreach (var envelope in _envelopes)
        {
            _log.Append(envelope.ToLeafInput());
        }
    }
}
