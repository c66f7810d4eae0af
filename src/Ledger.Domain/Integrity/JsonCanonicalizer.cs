using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ledger.Domain.Integrity;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: no whitespace, object members sorted by the UTF-16 code units of
/// their names, strings escaped minimally, numbers in ECMAScript (ES2015+) Number-to-String form. Input must
/// be I-JSON (RFC 7493): duplicate member names and lone surrogates are refused.
/// </summary>
public static class JsonCanonicalizer
{
    /// <summary>Canonical UTF-8 bytes of <paramref name="element"/>.</summary>
    public static byte[] Canonicalize(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer, element);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Canonical UTF-8 bytes of <paramref name="node"/> (null is the JSON literal null).</summary>
    public static byte[] Canonicalize(JsonNode? node)
    {
        if (node is null)
        {
            return "null"u8.ToArray();
        }

        using var document = JsonDocument.Parse(node.ToJsonString());
        return Canonicalize(document.RootElement);
    }

    /// <summary>Parses UTF-8 JSON text (one value, nothing after it) and returns its canonical bytes.</summary>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        var scratch = CanonicalScratch.Rent();
        try
        {
            return scratch.Canonicalize(utf8Json).ToArray();
        }
        finally
        {
            CanonicalScratch.Return(scratch);
        }
    }

    /// <summary>
    /// Writes the canonical bytes of UTF-8 JSON text (one value, nothing after it) to <paramref name="output"/>, reading
    /// it token by token without building a document: the same bytes as <see cref="Canonicalize(JsonElement)"/> of the
    /// parsed text, with the same refusals (duplicate member names, lone surrogates, numbers beyond doubles) as
    /// <see cref="FormatException"/>; text that is not JSON throws <see cref="JsonException"/>.
    /// </summary>
    public static void Canonicalize(ReadOnlySpan<byte> utf8Json, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var scratch = CanonicalScratch.Rent();
        try
        {
            output.Write(scratch.Canonicalize(utf8Json));
        }
        finally
        {
            CanonicalScratch.Return(scratch);
        }
    }

    /// <summary>
    /// The ECMAScript Number::toString form of a finite double (RFC 8785 §3.2.2.3): shortest round-trip digits,
    /// plain notation for exponents in [-7, 21), otherwise d.ddde±x; -0 is "0".
    /// </summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new FormatException("NaN and infinite numbers have no JSON form.");
        }

        if (value == 0)
        {
            return "0";
        }

        // .NET Core 3.0+ "R" gives the shortest round-trip digits, as ECMAScript requires.
        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int e = shortest.IndexOfAny(['E', 'e']);
        string mantissa = e < 0 ? shortest : shortest[..e];
        int exponent = e < 0 ? 0 : int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = dot < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, dot), mantissa.AsSpan(dot + 1));
        int pointPosition = (dot < 0 ? mantissa.Length : dot) + exponent;
        int leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..].TrimEnd('0');
        pointPosition -= leadingZeros;

        // value = 0.d1d2…dk × 10^n with k digits (ECMA-262 Number::toString, step 5).
        int k = digits.Length;
        int n = pointPosition;
        var sb = new StringBuilder(32);
        if (value < 0)
        {
            sb.Append('-');
        }

        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            int exp = n - 1;
            sb.Append(digits[0]);
            if (k > 1)
            {
                sb.Append('.').Append(digits, 1, k - 1);
            }

            sb.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    internal static void Write(ArrayBufferWriter<byte> output, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(output, element);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                bool first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Write(","u8);
                    }

                    first = false;
                    Write(output, item);
                }

                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                // A string without escapes is already canonical as it stands (valid UTF-8, no control characters).
                var rawString = JsonMarshal.GetRawUtf8Value(element);
                if (!rawString.Contains((byte)'\\'))
                {
                    output.Write(rawString);
                }
                else
                {
                    WriteString(output, element.GetString()!);
                }

                break;
            case JsonValueKind.Number when IsPlainSafeInteger(JsonMarshal.GetRawUtf8Value(element)):
                output.Write(JsonMarshal.GetRawUtf8Value(element));
                break;
            case JsonValueKind.Number:
                double number = double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
                if (!double.IsFinite(number))
                {
                    throw new FormatException($"The number {element.GetRawText()} is outside the range of IEEE 754 doubles.");
                }

                WriteAscii(output, FormatNumber(number));
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            case JsonValueKind.Null:
                output.Write("null"u8);
                break;
            default:
                throw new FormatException("The JSON value is undefined.");
        }
    }

    /// <summary>
    /// An integer written without sign oddities, leading zeros, fraction or exponent, of at most 15 digits: exactly
    /// representable as a double, and its ECMAScript form is the same digits.
    /// </summary>
    internal static bool IsPlainSafeInteger(ReadOnlySpan<byte> raw)
    {
        var digits = raw.Length > 0 && raw[0] == (byte)'-' ? raw[1..] : raw;
        if (digits.IsEmpty || digits.Length > 15 || (digits[0] == (byte)'0' && (digits.Length > 1 || raw.Length != digits.Length)))
        {
            return false;
        }

        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    private static void WriteObject(ArrayBufferWriter<byte> output, JsonElement element)
    {
        // Each name is read once (JsonProperty.Name decodes it on every access).
        var members = new List<(string Name, JsonElement Value)>();
        foreach (var property in element.EnumerateObject())
        {
            members.Add((property.Name, property.Value));
        }

        members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        output.Write("{"u8);
        for (int i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                if (string.Equals(members[i - 1].Name, members[i].Name, StringComparison.Ordinal))
                {
                    throw new FormatException($"The member name \"{members[i].Name}\" appears twice.");
                }

                output.Write(","u8);
            }

            WriteString(output, members[i].Name);
            output.Write(":"u8);
            Write(output, members[i].Value);
        }

        output.Write("}"u8);
    }

    /// <summary>Writes a JSON string per RFC 8785 §3.2.2.2 (UTF-8, minimal escapes, lower-case \u00xx).</summary>
    internal static void WriteString(IBufferWriter<byte> output, string value)
    {
        Span<byte> one = stackalloc byte[6];
        output.Write("\""u8);
        int runStart = 0;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    throw new FormatException("The string contains a lone surrogate, which is not valid Unicode.");
                }

                i++;
                continue;
            }

            if (char.IsLowSurrogate(c))
            {
                throw new FormatException("The string contains a lone surrogate, which is not valid Unicode.");
            }

            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            WriteUtf8(output, value.AsSpan(runStart, i - runStart));
            runStart = i + 1;
            ReadOnlySpan<byte> escape = c switch
            {
                '"' => "\\\""u8,
                '\\' => "\\\\"u8,
                '\b' => "\\b"u8,
                '\f' => "\\f"u8,
                '\n' => "\\n"u8,
                '\r' => "\\r"u8,
                '\t' => "\\t"u8,
                _ => default,
            };
            if (escape.IsEmpty)
            {
                "\\u00"u8.CopyTo(one);
                one[4] = (byte)"0123456789abcdef"[c >> 4];
                one[5] = (byte)"0123456789abcdef"[c & 0xF];
                output.Write(one);
            }
            else
            {
                output.Write(escape);
            }
        }

        WriteUtf8(output, value.AsSpan(runStart));
        output.Write("\""u8);
    }

    private static void WriteUtf8(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var span = output.GetSpan(max);
        int written = Encoding.UTF8.GetBytes(text, span);
        output.Advance(written);
    }

    internal static void WriteAscii(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }
}
