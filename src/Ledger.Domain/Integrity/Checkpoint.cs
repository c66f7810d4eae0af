using System.Globalization;

namespace Ledger.Domain.Integrity;

/// <summary>
/// A C2SP tlog-checkpoint body: origin line, tree size in canonical decimal, base64 root hash. This log writes
/// no extension lines and refuses them when parsing.
/// </summary>
public sealed record Checkpoint(string Origin, long TreeSize, byte[] RootHash)
{
    /// <summary>The note text: three lines, each ending in a newline.</summary>
    public string ToBody()
    {
        CheckOrigin(Origin);
        ArgumentOutOfRangeException.ThrowIfNegative(TreeSize);
        if (RootHash is not { Length: MerkleHash.Size })
        {
            throw new ArgumentException("The root hash must be 32 bytes.");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Origin}\n{TreeSize}\n{Convert.ToBase64String(RootHash)}\n");
    }

    /// <summary>Parses a checkpoint body (the note text, without signatures); throws <see cref="FormatException"/>.</summary>
    public static Checkpoint ParseBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.EndsWith('\n'))
        {
            throw new FormatException("The checkpoint does not end with a newline.");
        }

        string[] lines = body[..^1].Split('\n');
        if (lines.Length < 3)
        {
            throw new FormatException("The checkpoint needs three lines: origin, tree size and root hash.");
        }

        if (lines.Length > 3)
        {
            throw new FormatException("The checkpoint has extension lines, which this log does not use.");
        }

        if (lines[0].Length == 0)
        {
            throw new FormatException("The checkpoint origin is empty.");
        }

        if (!Encodings.TryParseCanonicalNumber(lines[1], out long size))
        {
            throw new FormatException($"The checkpoint tree size \"{lines[1]}\" is not a decimal number without sign or leading zeroes.");
        }

        if (!Encodings.TryDecodeBase64(lines[2], out byte[]? root) || root.Length != MerkleHash.Size)
        {
            throw new FormatException("The checkpoint root hash is not the base64 of 32 bytes.");
        }

        return new Checkpoint(lines[0], size, root);
    }

    /// <summary>True when both checkpoints state the same origin, size and root.</summary>
    public bool Equals(Checkpoint? other) =>
        other is not null
        && string.Equals(Origin, other.Origin, StringComparison.Ordinal)
        && TreeSize == other.TreeSize
        && RootHash.AsSpan().SequenceEqual(other.RootHash);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Origin, TreeSize);

    private static void CheckOrigin(string origin)
    {
        if (string.IsNullOrEmpty(origin))
        {
            throw new ArgumentException("The checkpoint origin is empty.");
        }

        foreach (char c in origin)
        {
            if (c < 0x20 || c == 0x7f)
            {
                throw new ArgumentException("The checkpoint origin contains a control character.");
            }
        }
    }
}
