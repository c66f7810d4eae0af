using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Ledger.Domain.Integrity;

/// <summary>
/// The streaming RFC 8785 writer behind <see cref="JsonCanonicalizer.Canonicalize(ReadOnlySpan{byte}, System.Buffers.IBufferWriter{byte})"/>:
/// reads the text with <see cref="Utf8JsonReader"/> and writes canonical bytes as it goes. Values are written in place;
/// an object's members are written one after another with their (unescaped UTF-8) names set aside, then sorted by the
/// UTF-16 code units of the names and copied back in order. One instance per thread is kept and reused, so a call
/// allocates nothing once its buffers have grown to the size of the input.
/// </summary>
internal sealed class CanonicalScratch
{
    private const int KeepAtMost = 1 << 20;

    [ThreadStatic]
    private static CanonicalScratch? _cached;

    private byte[] _output = new byte[1024];
    private int _outputLength;
    private byte[] _names = new byte[256];
    private int _namesLength;
    private Member[] _members = new Member[32];
    private int _memberCount;
    private byte[] _assembly = new byte[1024];

    public static CanonicalScratch Rent()
    {
        var scratch = _cached;
        _cached = null;
        return scratch ?? new CanonicalScratch();
    }

    public static void Return(CanonicalScratch scratch)
    {
        if (scratch._output.Length <= KeepAtMost && scratch._assembly.Length <= KeepAtMost && scratch._names.Length <= KeepAtMost)
        {
            _cached = scratch;
        }
    }

    /// <summary>The canonical bytes of <paramref name="utf8Json"/>, valid until the next call.</summary>
    public ReadOnlySpan<byte> Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        _outputLength = 0;
        _namesLength = 0;
        _memberCount = 0;

        // The same reader settings as JsonDocument.Parse: no comments, no trailing commas, depth 64, one value.
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read())
        {
            throw new JsonException("The input holds no JSON value.");
        }

        WriteValue(ref reader);
        if (reader.Read())
        {
            throw new JsonException("The input holds more than one JSON value.");
        }

        return _output.AsSpan(0, _outputLength);
    }

    private void WriteValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(ref reader);
                break;
            case JsonTokenType.StartArray:
                Append((byte)'[');
                var first = true;
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    if (!first)
                    {
                        Append((byte)',');
                    }

                    first = false;
                    WriteValue(ref reader);
                }

                Append((byte)']');
                break;
            case JsonTokenType.String:
                WriteStringToken(ref reader);
                break;
            case JsonTokenType.Number:
                WriteNumber(reader.ValueSpan);
                break;
            case JsonTokenType.True:
                Append("true"u8);
                break;
            case JsonTokenType.False:
                Append("false"u8);
                break;
            case JsonTokenType.Null:
                Append("null"u8);
                break;
            default:
                throw new FormatException("The JSON value is undefined.");
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The JSON text ends inside a value.");
        }

        return reader.TokenType;
    }

    private void WriteObject(ref Utf8JsonReader reader)
    {
        var start = _outputLength;
        var firstMember = _memberCount;
        var namesMark = _namesLength;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            var nameStart = _namesLength;
            var nameLength = CopyUnescaped(ref reader, ref _names, _namesLength);
            _namesLength += nameLength;
            Next(ref reader);
            var valueStart = _outputLength;
            WriteValue(ref reader);
            if (_memberCount == _members.Length)
            {
                Array.Resize(ref _members, _members.Length * 2);
            }

            _members[_memberCount++] = new Member(nameStart, nameLength, valueStart, _outputLength - valueStart);
        }

        var members = _members.AsSpan(firstMember, _memberCount - firstMember);
        var names = _names;
        members.Sort(new NameOrder(names));

        // The assembled object: braces, names (escaped), colons, values, commas.
        var size = 2 + Math.Max(0, members.Length - 1);
        for (var i = 0; i < members.Length; i++)
        {
            var name = names.AsSpan(members[i].NameStart, members[i].NameLength);
            if (i > 0 && name.SequenceEqual(names.AsSpan(members[i - 1].NameStart, members[i - 1].NameLength)))
            {
                throw new FormatException($"The member name \"{Encoding.UTF8.GetString(name)}\" appears twice.");
            }

            size += EscapedLength(name) + 1 + members[i].ValueLength;
        }

        if (_assembly.Length < size)
        {
            _assembly = new byte[Math.Max(size, _assembly.Length * 2)];
        }

        var assembly = _assembly.AsSpan();
        var at = 0;
        assembly[at++] = (byte)'{';
        for (var i = 0; i < members.Length; i++)
        {
            if (i > 0)
            {
                assembly[at++] = (byte)',';
            }

            at += WriteEscaped(names.AsSpan(members[i].NameStart, members[i].NameLength), assembly[at..]);
            assembly[at++] = (byte)':';
            _output.AsSpan(members[i].ValueStart, members[i].ValueLength).CopyTo(assembly[at..]);
            at += members[i].ValueLength;
        }

        assembly[at++] = (byte)'}';
        _outputLength = start;
        Append(assembly[..at]);
        _memberCount = firstMember;
        _namesLength = namesMark;
    }

    private void WriteStringToken(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            // Without escapes the reader has seen no quote, backslash or control character: canonical as it stands.
            var raw = reader.ValueSpan;
            if (!Utf8.IsValid(raw))
            {
                throw new FormatException("The string is not valid UTF-8.");
            }

            Reserve(raw.Length + 2);
            _output[_outputLength++] = (byte)'"';
            raw.CopyTo(_output.AsSpan(_outputLength));
            _outputLength += raw.Length;
            _output[_outputLength++] = (byte)'"';
            return;
        }

        // Unescape into the free end of the names buffer, then write it with the canonical escapes.
        var length = CopyUnescaped(ref reader, ref _names, _namesLength);
        var value = _names.AsSpan(_namesLength, length);
        Reserve(EscapedLength(value));
        _outputLength += WriteEscaped(value, _output.AsSpan(_outputLength));
    }

    /// <summary>Copies the current string or name, unescaped, as UTF-8 to <paramref name="buffer"/> at <paramref name="at"/>; returns its length.</summary>
    private static int CopyUnescaped(ref Utf8JsonReader reader, ref byte[] buffer, int at)
    {
        var raw = reader.ValueSpan;
        if (buffer.Length - at < raw.Length)
        {
            Array.Resize(ref buffer, Math.Max(at + raw.Length, buffer.Length * 2));
        }

        int length;
        if (!reader.ValueIsEscaped)
        {
            raw.CopyTo(buffer.AsSpan(at));
            length = raw.Length;
        }
        else
        {
            try
            {
                length = reader.CopyString(buffer.AsSpan(at));
            }
            catch (InvalidOperationException ex)
            {
                throw new FormatException("The string contains a lone surrogate, which is not valid Unicode.", ex);
            }
        }

        if (!Utf8.IsValid(buffer.AsSpan(at, length)))
        {
            throw new FormatException("The string is not valid Unicode.");
        }

        return length;
    }

    private void WriteNumber(ReadOnlySpan<byte> raw)
    {
        if (JsonCanonicalizer.IsPlainSafeInteger(raw))
        {
            Append(raw);
            return;
        }

        var number = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(number))
        {
            throw new FormatException($"The number {Encoding.UTF8.GetString(raw)} is outside the range of IEEE 754 doubles.");
        }

        var text = JsonCanonicalizer.FormatNumber(number);
        Reserve(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            _output[_outputLength++] = (byte)text[i];
        }
    }

    /// <summary>Length of the RFC 8785 string (quotes included) of valid UTF-8 <paramref name="value"/>.</summary>
    private static int EscapedLength(ReadOnlySpan<byte> value)
    {
        var length = value.Length + 2;
        var at = value.IndexOfAnyInRange((byte)0, (byte)0x1f);
        var special = value.IndexOfAny((byte)'"', (byte)'\\');
        if (at < 0 && special < 0)
        {
            return length;
        }

        foreach (var b in value)
        {
            if (b is (byte)'"' or (byte)'\\' or (byte)'\b' or (byte)'\f' or (byte)'\n' or (byte)'\r' or (byte)'\t')
            {
                length += 1;
            }
            else if (b < 0x20)
            {
                length += 5;
            }
        }

        return length;
    }

    /// <summary>Writes the RFC 8785 string of valid UTF-8 <paramref name="value"/> (minimal escapes, lower-case \u00xx); returns the bytes written.</summary>
    private static int WriteEscaped(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        var at = 0;
        destination[at++] = (byte)'"';
        while (!value.IsEmpty)
        {
            var run = value.IndexOfAnyInRange((byte)0, (byte)0x1f);
            var special = value.IndexOfAny((byte)'"', (byte)'\\');
            if (run < 0 || (special >= 0 && special < run))
            {
                run = special;
            }

            if (run < 0)
            {
                value.CopyTo(destination[at..]);
                at += value.Length;
                break;
            }

            value[..run].CopyTo(destination[at..]);
            at += run;
            var b = value[run];
            destination[at++] = (byte)'\\';
            switch (b)
            {
                case (byte)'"':
                case (byte)'\\':
                    destination[at++] = b;
                    break;
                case (byte)'\b':
                    destination[at++] = (byte)'b';
                    break;
                case (byte)'\f':
                    destination[at++] = (byte)'f';
                    break;
                case (byte)'\n':
                    destination[at++] = (byte)'n';
                    break;
                case (byte)'\r':
                    destination[at++] = (byte)'r';
                    break;
                case (byte)'\t':
                    destination[at++] = (byte)'t';
                    break;
                default:
                    destination[at++] = (byte)'u';
                    destination[at++] = (byte)'0';
                    destination[at++] = (byte)'0';
                    destination[at++] = (byte)"0123456789abcdef"[b >> 4];
                    destination[at++] = (byte)"0123456789abcdef"[b & 0xF];
                    break;
            }

            value = value[(run + 1)..];
        }

        destination[at++] = (byte)'"';
        return at;
    }

    private void Append(byte b)
    {
        Reserve(1);
        _output[_outputLength++] = b;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_output.AsSpan(_outputLength));
        _outputLength += bytes.Length;
    }

    private void Reserve(int more)
    {
        if (_output.Length - _outputLength < more)
        {
            Array.Resize(ref _output, Math.Max(_outputLength + more, _output.Length * 2));
        }
    }

    private readonly record struct Member(int NameStart, int NameLength, int ValueStart, int ValueLength);

    /// <summary>
    /// Orders names (valid UTF-8) by their UTF-16 code units, as RFC 8785 §3.2.3 requires. UTF-8 byte order is code
    /// point order, which differs from UTF-16 order only between a supplementary character (a surrogate pair,
    /// D800–DBFF first) and one in E000–FFFF, so the first differing code points decide with that one correction.
    /// </summary>
    private readonly struct NameOrder(byte[] names) : IComparer<Member>
    {
        public int Compare(Member x, Member y) =>
            CompareUtf16(names.AsSpan(x.NameStart, x.NameLength), names.AsSpan(y.NameStart, y.NameLength));
    }

    internal static int CompareUtf16(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var common = a.CommonPrefixLength(b);
        if (common == a.Length || common == b.Length)
        {
            return a.Length.CompareTo(b.Length);
        }

        if (a[common] < 0x80 && b[common] < 0x80)
        {
            return a[common].CompareTo(b[common]);
        }

        var start = common;
        while (start > 0 && (a[start] & 0xC0) == 0x80)
        {
            start--;
        }

        Rune.DecodeFromUtf8(a[start..], out var x, out _);
        Rune.DecodeFromUtf8(b[start..], out var y, out _);
        var byUnit = Utf16Lead(x.Value).CompareTo(Utf16Lead(y.Value));
        return byUnit != 0 ? byUnit : x.Value.CompareTo(y.Value);
    }

    private static int Utf16Lead(int codePoint) => codePoint >= 0x10000 ? 0xD800 : codePoint;
}
