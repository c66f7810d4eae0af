namespace Ledger.Domain.Integrity;

/// <summary>
/// Node store in memory: per level, hashes are packed 32 bytes apiece into 128 KiB chunks, so a log of
/// n leaves holds about 2n nodes in about 64·n bytes. Thread-safe.
/// </summary>
public sealed class InMemoryNodeStore : INodeStore
{
    private const int ChunkShift = 12;
    private const int ChunkNodes = 1 << ChunkShift;
    private const int MaxLevels = 64;

    private readonly Level?[] _levels = new Level?[MaxLevels];
    private readonly Lock _lock = new();
    private long _count;

    /// <summary>Number of distinct nodes stored.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Bytes held by the hash chunks and their presence bitmaps (excluding small bookkeeping).</summary>
    public long AllocatedBytes
    {
        get
        {
            lock (_lock)
            {
                long total = 0;
                foreach (var level in _levels)
                {
                    if (level is null)
                    {
                        continue;
                    }

                    foreach (var chunk in level.Chunks)
                    {
                        if (chunk is not null)
                        {
                            total += chunk.Hashes.Length + (chunk.Present.Length * sizeof(ulong));
                        }
                    }
                }

                return total;
            }
        }
    }

    /// <inheritdoc />
    public byte[]? Read(NodeId id)
    {
        var hash = new byte[MerkleHash.Size];
        return TryRead(id, hash) ? hash : null;
    }

    /// <summary>Copies the node's hash into <paramref name="destination"/>; false when the node is absent.</summary>
    public bool TryRead(NodeId id, Span<byte> destination)
    {
        if (id.Level is < 0 or >= MaxLevels || id.Index < 0)
        {
            return false;
        }

        lock (_lock)
        {
            var level = _levels[id.Level];
            long chunkIndex = id.Index >> ChunkShift;
            if (level is null || chunkIndex >= level.Chunks.Count)
            {
                return false;
            }

            var chunk = level.Chunks[(int)chunkIndex];
            int slot = (int)(id.Index & (ChunkNodes - 1));
            if (chunk is null || (chunk.Present[slot >> 6] & (1UL << (slot & 63))) == 0)
            {
                return false;
            }

            chunk.Hashes.AsSpan(slot * MerkleHash.Size, MerkleHash.Size).CopyTo(destination);
            return true;
        }
    }

    /// <inheritdoc />
    public void Write(IReadOnlyList<KeyValuePair<NodeId, byte[]>> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        lock (_lock)
        {
            for (int i = 0; i < nodes.Count; i++)
            {
                WriteLocked(nodes[i].Key, nodes[i].Value);
            }
        }
    }

    /// <summary>Writes one node.</summary>
    public void Write(NodeId id, ReadOnlySpan<byte> hash)
    {
        lock (_lock)
        {
            WriteLocked(id, hash);
        }
    }

    private void WriteLocked(NodeId id, ReadOnlySpan<byte> hash)
    {
        if (id.Level is < 0 or >= MaxLevels || id.Index < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "The node id is outside the tree.");
        }

        if (hash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("A node hash must be 32 bytes.", nameof(hash));
        }

        var level = _levels[id.Level] ??= new Level();
        long chunkIndex = id.Index >> ChunkShift;
        if (chunkIndex > int.MaxValue - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "The node index is too large for the in-memory store.");
        }

        while (level.Chunks.Count <= chunkIndex)
        {
            level.Chunks.Add(null);
        }

        var chunk = level.Chunks[(int)chunkIndex] ??= new Chunk();
        int slot = (int)(id.Index & (ChunkNodes - 1));
        ref ulong word = ref chunk.Present[slot >> 6];
        ulong bit = 1UL << (slot & 63);
        if ((word & bit) == 0)
        {
            word |= bit;
            _count++;
        }

        hash.CopyTo(chunk.Hashes.AsSpan(slot * MerkleHash.Size, MerkleHash.Size));
    }

    private sealed class Level
    {
        public List<Chunk?> Chunks { get; } = [];
    }

    private sealed class Chunk
    {
        public byte[] Hashes { get; } = new byte[ChunkNodes * MerkleHash.Size];

        public ulong[] Present { get; } = new ulong[ChunkNodes / 64];
    }
}
