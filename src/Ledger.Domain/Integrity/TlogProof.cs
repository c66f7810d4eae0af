using System.Globalization;
using System.Text;

namespace Ledger.Domain.Integrity;

/// <summary>
/// A C2SP tlog-proof@v1: the entry's index, its inclusion proof and the checkpoint (signed note, verbatim) the
/// proof leads to. <see cref="Extra"/> is optional unauthenticated data.
/// </summary>
public sealed record TlogProof(long Index, IReadOnlyList<byte[]> Hashes, string Checkpoint)
{
    /// <summary>The first line of every proof.</summary>
    public const string Header = "c2sp.org/tlog-proof@v1";

    /// <summary>Optional opaque extra data (the <c>extra</c> line); not authenticated.</summary>
    public byte[]? Extra { get; init; }

    /// <summary>The proof text.</summary>
    public string Format()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Index);
        ArgumentNullException.ThrowIfNull(Hashes);
        ArgumentException.ThrowIfNullOrEmpty(Checkpoint);
        if (!Checkpoint.EndsWith('\n'))
        {
            throw new ArgumentException("The checkpoint note must end with a newline.");
        }

        var sb = new StringBuilder(256 + (Hashes.Count * 45) + Checkpoint.Length);
        sb.Append(Header).Append('\n');
        if (Extra is not null)
        {
            sb.Append("extra ").Append(Convert.ToBase64String(Extra)).Append('\n');
        }

        sb.Append("index ").Append(Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in Hashes)
        {
            if (hash is not { Length: MerkleHash.Size })
            {
                throw new ArgumentException("Every proof hash must be 32 bytes.");
            }

            sb.Append(Convert.ToBase64String(hash)).Append('\n');
        }

        sb.Append('\n').Append(Checkpoint);
        return sb.ToString();
    }

    /// <summary>Parses a proof text strictly; throws <see cref="FormatException"/>. The checkpoint's signature is not checked here.</summary>
    public static TlogProof Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int position = 0;
        string header = NextLine(text, ref position) ?? throw new FormatException("The proof is empty.");
        if (!string.Equals(header, Header, StringComparison.Ordinal))
        {
            throw new FormatException($"The proof does not start with {Header}.");
        }

        string line = NextLine(text, ref position) ?? throw new FormatException("The proof has no index line.");
        byte[]? extra = null;
        if (line.StartsWith("extra ", StringComparison.Ordinal))
        {
            if (!Encodings.TryDecodeBase64(line[6..], out extra))
            {
                throw new FormatException("The proof's extra data is not valid base64.");
            }

            line = NextLine(text, ref position) ?? throw new FormatException("The proof has no index line.");
        }

        if (!line.StartsWith("index ", StringComparison.Ordinal) || !Encodings.TryParseCanonicalNumber(line.AsSpan(6), out long index))
        {
            throw new FormatException("The proof's index line is not \"index\" and a decimal number without leading zeroes.");
        }

        var hashes = new List<byte[]>();
        while (true)
        {
            line = NextLine(text, ref position) ?? throw new FormatException("The proof has no blank line before its checkpoint.");
            if (line.Length == 0)
            {
                break;
            }

            if (!Encodings.TryDecodeBase64(line, out byte[]? hash) || hash.Length != MerkleHash.Size)
            {
                throw new FormatException($"Proof line {hashes.Count + 1} is not the base64 of a 32-byte hash.");
            }

            hashes.Add(hash);
        }

        string checkpoint = text[position..];
        if (checkpoint.Length == 0 || !checkpoint.EndsWith('\n'))
        {
            throw new FormatException("The proof's checkpoint is missing or does not end with a newline.");
        }

        return new TlogProof(index, hashes, checkpoint) { Extra = extra };
    }

    private static string? NextLine(string text, ref int position)
    {
        int end = text.IndexOf('\n', position);
        if (end < 0)
        {
            return null;
        }

        string line = text[position..end];
        position = end + 1;
        return line;
    }
}
