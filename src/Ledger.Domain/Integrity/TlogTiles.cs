using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Ledger.Domain.Integrity;

/// <summary>
/// A tile of the log as C2SP tlog-tiles names it: level <see cref="Level"/> (tile height 8, so its hashes are Merkle
/// nodes of level 8·L), index <see cref="Index"/>, width <see cref="Width"/> (1…256; 256 is a full tile), or an entry
/// bundle (<see cref="IsEntries"/>) of the leaves <c>256·N … 256·N + W − 1</c>.
/// </summary>
public readonly record struct TileId(int Level, long Index, int Width, bool IsEntries)
{
    /// <summary>Tile height: a tile spans 8 Merkle levels and holds up to 256 hashes.</summary>
    public const int Height = 8;

    /// <summary>Hashes (or entries) in a full tile.</summary>
    public const int FullWidth = 1 << Height;

    /// <summary>Whether this is a partial tile (width below 256).</summary>
    public bool IsPartial => Width < FullWidth;

    /// <summary>The Merkle level of the tile's hashes.</summary>
    public int MerkleLevel => Level * Height;

    /// <summary>The path below the log's prefix, e.g. <c>tile/0/x001/x234/067.p/8</c> or <c>tile/entries/000</c>.</summary>
    public string Path()
    {
        var sb = new StringBuilder("tile/");
        sb.Append(IsEntries ? "entries" : Level.ToString(CultureInfo.InvariantCulture)).Append('/');
        sb.Append(TlogTiles.FormatIndex(Index));
        if (IsPartial)
        {
            sb.Append(".p/").Append(Width.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}

/// <summary>C2SP tlog-tiles: tile paths, entry bundles, and the tiles a tree of a given size has.</summary>
public static class TlogTiles
{
    private const int MaxLevel = 63;

    /// <summary>Formats a tile index as 3-digit path elements, all but the last prefixed with <c>x</c> (1234067 → <c>x001/x234/067</c>).</summary>
    public static string FormatIndex(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var groups = new List<string>();
        do
        {
            groups.Add((index % 1000).ToString("D3", CultureInfo.InvariantCulture));
            index /= 1000;
        }
        while (index > 0);

        groups.Reverse();
        var sb = new StringBuilder();
        for (var i = 0; i < groups.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('/');
            }

            if (i < groups.Count - 1)
            {
                sb.Append('x');
            }

            sb.Append(groups[i]);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Parses a path below <c>tile/</c> (e.g. <c>0/x001/234.p/17</c> or <c>entries/000</c>). Strict: three-digit
    /// elements, no leading empty groups, width 1…255 after <c>.p/</c>.
    /// </summary>
    public static bool TryParse(string path, out TileId tile)
    {
        tile = default;
        if (string.IsNullOrEmpty(path))
        {
            return false;
        }

        var parts = path.Split('/');
        if (parts.Length < 2)
        {
            return false;
        }

        bool entries = parts[0] == "entries";
        int level = 0;
        if (!entries && !(TryDigits(parts[0], 1, 2, out level) && level <= MaxLevel && parts[0] == level.ToString(CultureInfo.InvariantCulture)))
        {
            return false;
        }

        int width = TileId.FullWidth;
        int last = parts.Length - 1;
        if (parts[last - 1].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!TryDigits(parts[last], 1, 3, out width) || width is < 1 or >= TileId.FullWidth || parts[last] != width.ToString(CultureInfo.InvariantCulture))
            {
                return false;
            }

            parts[last - 1] = parts[last - 1][..^2];
            last--;
        }

        if (last < 1)
        {
            return false;
        }

        long index = 0;
        for (int i = 1; i <= last; i++)
        {
            var element = parts[i];
            if (i < last)
            {
                if (element.Length != 4 || element[0] != 'x')
                {
                    return false;
                }

                element = element[1..];
            }

            if (!TryDigits(element, 3, 3, out int group))
            {
                return false;
            }

            if (index > (long.MaxValue - group) / 1000)
            {
                return false;
            }

            index = (index * 1000) + group;
        }

        // No redundant leading groups ("x000/001" is not a valid spelling of 1).
        if (last > 1 && parts[1] == "x000")
        {
            return false;
        }

        tile = new TileId(level, index, width, entries);
        return true;
    }

    /// <summary>
    /// Width of tile <paramref name="index"/> at <paramref name="level"/> in a tree of <paramref name="treeSize"/> leaves
    /// (0 when the tree has no hash of it yet).
    /// </summary>
    public static int WidthAt(int level, long index, long treeSize)
    {
        var nodesAtLevel = treeSize >> (level * TileId.Height);
        var available = nodesAtLevel - (index * TileId.FullWidth);
        return (int)Math.Clamp(available, 0, TileId.FullWidth);
    }

    /// <summary>An entry bundle: each entry as a big-endian uint16 length followed by its bytes.</summary>
    public static byte[] EncodeEntryBundle(IReadOnlyList<byte[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var size = entries.Sum(e => 2 + e.Length);
        var bundle = new byte[size];
        var at = 0;
        foreach (var entry in entries)
        {
            if (entry.Length > ushort.MaxValue)
            {
                throw new ArgumentException("An entry of an entry bundle is at most 65535 bytes.", nameof(entries));
            }

            BinaryPrimitives.WriteUInt16BigEndian(bundle.AsSpan(at), (ushort)entry.Length);
            entry.CopyTo(bundle.AsSpan(at + 2));
            at += 2 + entry.Length;
        }

        return bundle;
    }

    /// <summary>Reads an entry bundle; throws <see cref="FormatException"/> when truncated.</summary>
    public static IReadOnlyList<byte[]> DecodeEntryBundle(ReadOnlySpan<byte> bundle)
    {
        var entries = new List<byte[]>();
        while (!bundle.IsEmpty)
        {
            if (bundle.Length < 2)
            {
                throw new FormatException("The entry bundle ends inside a length prefix.");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(bundle);
            if (bundle.Length < 2 + length)
            {
                throw new FormatException("The entry bundle ends inside an entry.");
            }

            entries.Add(bundle.Slice(2, length).ToArray());
            bundle = bundle[(2 + length)..];
        }

        return entries;
    }

    /// <summary>Splits a tile's bytes into its 32-byte hashes; throws <see cref="FormatException"/> when the length is not a multiple of 32.</summary>
    public static IReadOnlyList<byte[]> SplitHashes(ReadOnlySpan<byte> tile)
    {
        if (tile.Length % MerkleHash.Size != 0)
        {
            throw new FormatException("A tile is a whole number of 32-byte hashes.");
        }

        var hashes = new byte[tile.Length / MerkleHash.Size][];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = tile.Slice(i * MerkleHash.Size, MerkleHash.Size).ToArray();
        }

        return hashes;
    }

    private static bool TryDigits(string text, int minLength, int maxLength, out int value)
    {
        value = 0;
        if (text.Length < minLength || text.Length > maxLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
