using System.Diagnostics.CodeAnalysis;

namespace Ledger.Domain.Integrity;

/// <summary>Strict textual encodings used by the integrity formats.</summary>
internal static class Encodings
{
    /// <summary>Standard base64 (RFC 4648 §4) with padding and nothing else: no whitespace, canonical trailing bits.</summary>
    public static bool TryDecodeBase64(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.Length % 4 != 0)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' or '='))
            {
                return false;
            }
        }

        byte[] buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out int written))
        {
            return false;
        }

        byte[] decoded = buffer.AsSpan(0, written).ToArray();
        if (!string.Equals(Convert.ToBase64String(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }

    /// <summary>Lower-case hex of exactly <paramref name="length"/> bytes.</summary>
    public static bool TryDecodeLowerHex(string text, int length, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.Length != length * 2)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        bytes = Convert.FromHexString(text);
        return true;
    }

    /// <summary>ASCII decimal without sign or leading zeroes ("0" alone is allowed), within long.</summary>
    public static bool TryParseCanonicalNumber(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 19 || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            long next = (value * 10) + (c - '0');
            if (next < value)
            {
                return false;
            }

            value = next;
        }

        return true;
    }
}
