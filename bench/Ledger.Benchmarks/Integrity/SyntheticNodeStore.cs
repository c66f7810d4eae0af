using System.Buffers.Binary;
using Ledger.Domain.Integrity;

namespace Ledger.Benchmarks.Integrity;

/// <summary>
/// A node store for a log too large to hold here (100M leaves would be 6.4 GB of hashes): every perfect node
/// of a tree of <see cref="Size"/> leaves "exists" and its hash is derived from (level, index) by a cheap
/// mixing function. The hashes do not chain (a parent is not H(children)), so benchmarks verify each proof
/// against the root that proof implies; the work done per proof is the same as with a real tree.
/// </summary>
public sealed class SyntheticNodeStore(long size) : INodeStore
{
    public long Size { get; } = size;

    public byte[]? Read(NodeId id)
    {
        if (id.Level is < 0 or > 62 || id.Index < 0 || id.End > Size)
        {
            return null;
        }

        var hash = new byte[32];
        ulong state = ((ulong)id.Level << 56) ^ (ulong)id.Index;
        for (int i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(hash.AsSpan(i * 8), SplitMix(ref state));
        }

        return hash;
    }

    public void Write(IReadOnlyList<KeyValuePair<NodeId, byte[]>> nodes) => throw new NotSupportedException("The synthetic store is read-only.");

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
