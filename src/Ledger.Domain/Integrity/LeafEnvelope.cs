using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Domain.Integrity;

/// <summary>
/// The leaf envelope, format version 1: what a leaf of the log commits to. Its leaf input is the RFC 8785
/// canonical JSON of nine members (see docs/integrity.md). Personal data never enters it in clear: the payload
/// is present only as a salted commitment, documents only as SHA-256 hashes.
/// </summary>
/// <param name="Version">Envelope format version; only 1 exists.</param>
/// <param name="Origin">The log's origin (checkpoint origin line), e.g. <c>ledger.court.example/2026</c>.</param>
/// <param name="CaseId">The case the event belongs to.</param>
/// <param name="EventVersion">The event's version within the case stream (0 ≤ v ≤ 2^53−1).</param>
/// <param name="EventType">The event type name, e.g. <c>ClaimFiled</c>.</param>
/// <param name="Time">When the event happened; kept in UTC and truncated to microseconds.</param>
/// <param name="PreviousLeafHash">Leaf hash of the previous event of the same case; null for the case's first event.</param>
/// <param name="PayloadCommitment">SHA-256(salt ‖ canonical payload), see <see cref="Integrity.PayloadCommitment"/>.</param>
/// <param name="DocumentHashes">SHA-256 of each attached document; kept sorted ascending without duplicates.</param>
public sealed record LeafEnvelope(
    int Version,
    string Origin,
    Guid CaseId,
    long EventVersion,
    string EventType,
    DateTimeOffset Time,
    byte[]? PreviousLeafHash,
    byte[] PayloadCommitment,
    IReadOnlyList<byte[]> DocumentHashes)
{
    /// <summary>The envelope format version this code writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Largest event version that JSON numbers carry exactly (2^53 − 1).</summary>
    public const long MaxEventVersion = (1L << 53) - 1;

    private const string TimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'";

    private static readonly string[] MemberNames =
    [
        "caseId", "documentHashes", "eventType", "eventVersion", "formatVersion", "origin", "payloadCommitment", "previousLeafHash", "time",
    ];

    /// <summary>The event time in UTC, truncated to whole microseconds (PostgreSQL's precision).</summary>
    public DateTimeOffset Time { get; init => field = Normalize(value); } = Normalize(Time);

    /// <summary>The document hashes, sorted ascending (bytewise) and without duplicates.</summary>
    public IReadOnlyList<byte[]> DocumentHashes { get; init => field = Normalize(value); } = Normalize(DocumentHashes);

    /// <summary>The canonical leaf input (RFC 8785 JSON, UTF-8). Throws <see cref="ArgumentException"/> on invalid fields.</summary>
    public byte[] ToLeafInput()
    {
        var output = new ArrayBufferWriter<byte>(384 + (DocumentHashes.Count * 67));
        WriteLeafInput(output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes <see cref="ToLeafInput"/>'s bytes to <paramref name="output"/>. Throws <see cref="ArgumentException"/> on invalid fields.</summary>
    public void WriteLeafInput(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Validate();
        output.Write("{\"caseId\":\""u8);
        var guid = output.GetSpan(36);
        CaseId.TryFormat(guid, out var guidLength, "D");
        output.Advance(guidLength);
        output.Write("\",\"documentHashes\":["u8);
        for (int i = 0; i < DocumentHashes.Count; i++)
        {
            if (i > 0)
            {
                output.Write(","u8);
            }

            WriteHexString(output, DocumentHashes[i]);
        }

        output.Write("],\"eventType\":"u8);
        JsonCanonicalizer.WriteString(output, EventType);
        output.Write(",\"eventVersion\":"u8);
        var number = output.GetSpan(20);
        EventVersion.TryFormat(number, out var numberLength, default, CultureInfo.InvariantCulture);
        output.Advance(numberLength);
        output.Write(",\"formatVersion\":"u8);
        number = output.GetSpan(11);
        Version.TryFormat(number, out numberLength, default, CultureInfo.InvariantCulture);
        output.Advance(numberLength);
        output.Write(",\"origin\":"u8);
        JsonCanonicalizer.WriteString(output, Origin);
        output.Write(",\"payloadCommitment\":"u8);
        WriteHexString(output, PayloadCommitment);
        output.Write(",\"previousLeafHash\":"u8);
        if (PreviousLeafHash is null)
        {
            output.Write("null"u8);
        }
        else
        {
            WriteHexString(output, PreviousLeafHash);
        }

        output.Write(",\"time\":\""u8);
        var time = output.GetSpan(27);
        Time.UtcDateTime.TryFormat(time, out var timeLength, TimeFormat, CultureInfo.InvariantCulture);
        output.Advance(timeLength);
        output.Write("\"}"u8);
    }

    /// <summary>The leaf hash of <see cref="ToLeafInput"/>.</summary>
    public byte[] LeafHash() => MerkleHash.LeafHash(ToLeafInput());

    /// <summary>
    /// Decodes a leaf input. Refuses anything that is not exactly the canonical bytes <see cref="ToLeafInput"/>
    /// would write (other member order, whitespace, escapes, upper-case hex, unknown members...).
    /// </summary>
    public static LeafEnvelope Parse(ReadOnlySpan<byte> leafInput)
    {
        // Nearly every leaf input read is canonical: decode its fixed layout directly and accept it when re-encoding
        // gives back the same bytes; anything else (or any doubt) takes the general path below, which names the defect.
        return TryParseCanonical(leafInput) ?? ParseDocument(leafInput);
    }

    private static LeafEnvelope ParseDocument(ReadOnlySpan<byte> leafInput)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(leafInput.ToArray());
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The leaf input is not JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The leaf input is not a JSON object.");
            }

            var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var member in root.EnumerateObject())
            {
                if (Array.IndexOf(MemberNames, member.Name) < 0)
                {
                    throw new FormatException($"The leaf input has an unknown member \"{member.Name}\".");
                }

                if (!members.TryAdd(member.Name, member.Value))
                {
                    throw new FormatException($"The leaf input repeats the member \"{member.Name}\".");
                }
            }

            foreach (var name in MemberNames)
            {
                if (!members.ContainsKey(name))
                {
                    throw new FormatException($"The leaf input lacks the member \"{name}\".");
                }
            }

            var formatVersion = members["formatVersion"];
            if (formatVersion.ValueKind != JsonValueKind.Number || !formatVersion.TryGetInt32(out int version) || version != CurrentVersion)
            {
                throw new FormatException($"The leaf input has format version {formatVersion.GetRawText()}; only version 1 is known.");
            }

            var envelope = new LeafEnvelope(
                version,
                StringMember(members, "origin"),
                ParseGuid(StringMember(members, "caseId")),
                ParseEventVersion(members["eventVersion"]),
                StringMember(members, "eventType"),
                ParseTime(StringMember(members, "time")),
                members["previousLeafHash"].ValueKind == JsonValueKind.Null ? null : HashMember(members["previousLeafHash"], "previousLeafHash"),
                HashMember(members["payloadCommitment"], "payloadCommitment"),
                ParseDocumentHashes(members["documentHashes"]));

            byte[] canonical;
            try
            {
                canonical = envelope.ToLeafInput();
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"The leaf input holds an invalid field: {ex.Message}", ex);
            }

            if (!leafInput.SequenceEqual(canonical))
            {
                throw new FormatException("The leaf input is not in canonical form (RFC 8785, sorted unique lower-case hashes).");
            }

            return envelope;
        }
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _reencoded;

    /// <summary>
    /// Decodes a leaf input laid out exactly as <see cref="ToLeafInput"/> writes it, or returns null. The result is
    /// only returned when its re-encoding equals <paramref name="leafInput"/> byte for byte, so it is the envelope the
    /// general path would return (the encoding is one-to-one).
    /// </summary>
    private static LeafEnvelope? TryParseCanonical(ReadOnlySpan<byte> leafInput)
    {
        var rest = leafInput;
        if (!Skip(ref rest, "{\"caseId\":\""u8) || rest.Length < 36
            || !System.Buffers.Text.Utf8Parser.TryParse(rest[..36], out Guid caseId, out var used, 'D') || used != 36)
        {
            return null;
        }

        rest = rest[36..];
        if (!Skip(ref rest, "\",\"documentHashes\":["u8))
        {
            return null;
        }

        var documents = new List<byte[]>();
        while (rest.Length > 0 && rest[0] != (byte)']')
        {
            if ((documents.Count > 0 && !Skip(ref rest, ","u8)) || TryHash(ref rest) is not { } document)
            {
                return null;
            }

            documents.Add(document);
        }

        if (!Skip(ref rest, "],\"eventType\":"u8) || TryPlainString(ref rest) is not { } eventType
            || !Skip(ref rest, ",\"eventVersion\":"u8)
            || !System.Buffers.Text.Utf8Parser.TryParse(rest, out long eventVersion, out used))
        {
            return null;
        }

        rest = rest[used..];
        if (!Skip(ref rest, ",\"formatVersion\":1,\"origin\":"u8) || TryPlainString(ref rest) is not { } origin
            || !Skip(ref rest, ",\"payloadCommitment\":"u8) || TryHash(ref rest) is not { } commitment
            || !Skip(ref rest, ",\"previousLeafHash\":"u8))
        {
            return null;
        }

        byte[]? previous = null;
        if (!Skip(ref rest, "null"u8) && (previous = TryHash(ref rest)) is null)
        {
            return null;
        }

        if (!Skip(ref rest, ",\"time\":\""u8) || rest.Length != 29 || rest[27] != (byte)'"' || rest[28] != (byte)'}'
            || TryTime(rest[..27]) is not { } time)
        {
            return null;
        }

        LeafEnvelope envelope;
        var reencoded = _reencoded ??= new ArrayBufferWriter<byte>(512);
        reencoded.ResetWrittenCount();
        try
        {
            envelope = new LeafEnvelope(CurrentVersion, origin, caseId, eventVersion, eventType, time, previous, commitment, documents);
            envelope.WriteLeafInput(reencoded);
        }
        catch (ArgumentException)
        {
            return null;
        }

        return reencoded.WrittenSpan.SequenceEqual(leafInput) ? envelope : null;
    }

    private static bool Skip(ref ReadOnlySpan<byte> rest, ReadOnlySpan<byte> literal)
    {
        if (!rest.StartsWith(literal))
        {
            return false;
        }

        rest = rest[literal.Length..];
        return true;
    }

    /// <summary>A quoted 64-digit lower-case hex hash.</summary>
    private static byte[]? TryHash(ref ReadOnlySpan<byte> rest)
    {
        if (rest.Length < 66 || rest[0] != (byte)'"' || rest[65] != (byte)'"')
        {
            return null;
        }

        var hash = new byte[MerkleHash.Size];
        for (var i = 0; i < hash.Length; i++)
        {
            var high = LowerHexDigit(rest[1 + (2 * i)]);
            var low = LowerHexDigit(rest[2 + (2 * i)]);
            if ((high | low) < 0)
            {
                return null;
            }

            hash[i] = (byte)((high << 4) | low);
        }

        rest = rest[66..];
        return hash;
    }

    private static int LowerHexDigit(byte b) => b is >= (byte)'0' and <= (byte)'9' ? b - '0' : b is >= (byte)'a' and <= (byte)'f' ? b - 'a' + 10 : -1;

    /// <summary>A quoted string without escapes (one with escapes is left to the general path).</summary>
    private static string? TryPlainString(ref ReadOnlySpan<byte> rest)
    {
        if (rest.Length < 2 || rest[0] != (byte)'"')
        {
            return null;
        }

        var end = rest[1..].IndexOfAny((byte)'"', (byte)'\\');
        if (end < 0 || rest[1 + end] != (byte)'"' || !System.Text.Unicode.Utf8.IsValid(rest.Slice(1, end)))
        {
            return null;
        }

        var text = System.Text.Encoding.UTF8.GetString(rest.Slice(1, end));
        rest = rest[(end + 2)..];
        return text;
    }

    /// <summary>The number written by <paramref name="count"/> decimal digits at <paramref name="at"/>, or -1.</summary>
    private static int Digits(ReadOnlySpan<byte> text, int at, int count)
    {
        var value = 0;
        for (var i = at; i < at + count; i++)
        {
            var d = text[i] - '0';
            if (d is < 0 or > 9)
            {
                return -1;
            }

            value = (value * 10) + d;
        }

        return value;
    }

    /// <summary>yyyy-MM-ddTHH:mm:ss.ffffffZ in UTC.</summary>
    private static DateTimeOffset? TryTime(ReadOnlySpan<byte> text)
    {
        if (text[4] != (byte)'-' || text[7] != (byte)'-' || text[10] != (byte)'T' || text[13] != (byte)':' || text[16] != (byte)':'
            || text[19] != (byte)'.' || text[26] != (byte)'Z')
        {
            return null;
        }

        int year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2), hour = Digits(text, 11, 2), minute = Digits(text, 14, 2),
            second = Digits(text, 17, 2), micros = Digits(text, 20, 6);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || (hour | minute | second | micros) < 0 || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + (micros * 10L), TimeSpan.Zero);
    }

    /// <summary>The fields as people read them (hex hashes, RFC 3339 time), for receipts and the leaves API.</summary>
    public LeafEnvelopeView ToView()
    {
        var documents = new string[DocumentHashes.Count];
        for (int i = 0; i < documents.Length; i++)
        {
            documents[i] = Convert.ToHexStringLower(DocumentHashes[i]);
        }

        return new LeafEnvelopeView(
            Version,
            Origin,
            CaseId.ToString("D", CultureInfo.InvariantCulture),
            EventVersion,
            EventType,
            FormatTime(Time),
            PreviousLeafHash is null ? null : Convert.ToHexStringLower(PreviousLeafHash),
            Convert.ToHexStringLower(PayloadCommitment),
            documents);
    }

    /// <inheritdoc />
    public bool Equals(LeafEnvelope? other) =>
        other is not null
        && Version == other.Version
        && string.Equals(Origin, other.Origin, StringComparison.Ordinal)
        && CaseId == other.CaseId
        && EventVersion == other.EventVersion
        && string.Equals(EventType, other.EventType, StringComparison.Ordinal)
        && Time == other.Time
        && (PreviousLeafHash is null ? other.PreviousLeafHash is null : other.PreviousLeafHash is not null && PreviousLeafHash.AsSpan().SequenceEqual(other.PreviousLeafHash))
        && PayloadCommitment.AsSpan().SequenceEqual(other.PayloadCommitment)
        && DocumentHashes.Count == other.DocumentHashes.Count
        && DocumentHashes.Zip(other.DocumentHashes).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Origin, CaseId, EventVersion, EventType, Time, DocumentHashes.Count);

    /// <summary>A time as the envelope keeps it: in UTC, truncated to whole microseconds.</summary>
    public static DateTimeOffset NormalizeTime(DateTimeOffset time) => Normalize(time);

    /// <summary>Formats a time as the envelope does: UTC, exactly six fractional digits, "Z".</summary>
    public static string FormatTime(DateTimeOffset time) =>
        Normalize(time).UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private void Validate()
    {
        if (Version != CurrentVersion)
        {
            throw new ArgumentException($"Envelope format version {Version} is not supported; only version 1 is.");
        }

        CheckText(Origin, "origin");
        CheckText(EventType, "event type");
        if (CaseId == Guid.Empty)
        {
            throw new ArgumentException("The case id is empty.");
        }

        if (EventVersion is < 0 or > MaxEventVersion)
        {
            throw new ArgumentException($"The event version {EventVersion} is outside 0…2^53−1.");
        }

        if (PreviousLeafHash is not null && PreviousLeafHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException("The previous leaf hash must be 32 bytes.");
        }

        if (PayloadCommitment is not { Length: MerkleHash.Size })
        {
            throw new ArgumentException("The payload commitment must be 32 bytes.");
        }
    }

    private static void CheckText(string? text, string what)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new ArgumentException($"The {what} is empty.");
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x20 || c == 0x7f)
            {
                throw new ArgumentException($"The {what} contains a control character.");
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[++i])))
            {
                throw new ArgumentException($"The {what} is not valid Unicode.");
            }
        }
    }

    private static DateTimeOffset Normalize(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    private static byte[][] Normalize(IReadOnlyList<byte[]>? hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes, "DocumentHashes");
        var sorted = new List<byte[]>(hashes.Count);
        foreach (var hash in hashes)
        {
            if (hash is not { Length: MerkleHash.Size })
            {
                throw new ArgumentException("Every document hash must be a 32-byte SHA-256.");
            }

            sorted.Add((byte[])hash.Clone());
        }

        sorted.Sort(static (a, b) => a.AsSpan().SequenceCompareTo(b));
        var unique = new List<byte[]>(sorted.Count);
        foreach (var hash in sorted)
        {
            if (unique.Count == 0 || !unique[^1].AsSpan().SequenceEqual(hash))
            {
                unique.Add(hash);
            }
        }

        return [.. unique];
    }

    private static void WriteHexString(IBufferWriter<byte> output, byte[] hash)
    {
        var span = output.GetSpan(2 + (hash.Length * 2));
        span[0] = (byte)'"';
        for (int i = 0; i < hash.Length; i++)
        {
            span[1 + (2 * i)] = (byte)"0123456789abcdef"[hash[i] >> 4];
            span[2 + (2 * i)] = (byte)"0123456789abcdef"[hash[i] & 0xF];
        }

        span[1 + (hash.Length * 2)] = (byte)'"';
        output.Advance(2 + (hash.Length * 2));
    }

    private static string StringMember(Dictionary<string, JsonElement> members, string name) =>
        members[name].ValueKind == JsonValueKind.String
            ? members[name].GetString()!
            : throw new FormatException($"The member \"{name}\" must be a string.");

    private static byte[] HashMember(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.String && Encodings.TryDecodeLowerHex(element.GetString()!, MerkleHash.Size, out var bytes)
            ? bytes
            : throw new FormatException($"The member \"{name}\" must be 64 lower-case hex digits.");

    private static Guid ParseGuid(string text) =>
        text.Length == 36 && Guid.TryParseExact(text, "D", out var id) && string.Equals(id.ToString("D"), text, StringComparison.Ordinal)
            ? id
            : throw new FormatException("The case id must be a lower-case 8-4-4-4-12 UUID.");

    private static long ParseEventVersion(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long version)
            ? version
            : throw new FormatException("The event version must be a whole number.");

    private static DateTimeOffset ParseTime(string text) =>
        DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc))
            : throw new FormatException("The time must be RFC 3339 UTC with six fractional digits, e.g. 2026-03-01T09:30:00.000000Z.");

    private static byte[][] ParseDocumentHashes(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The member \"documentHashes\" must be an array.");
        }

        var hashes = new List<byte[]>();
        foreach (var item in element.EnumerateArray())
        {
            hashes.Add(HashMember(item, "documentHashes"));
        }

        return [.. hashes];
    }
}

/// <summary>The leaf envelope's fields as people read them (receipts, the leaves API).</summary>
public sealed record LeafEnvelopeView(
    [property: JsonPropertyName("formatVersion")] int FormatVersion,
    [property: JsonPropertyName("origin")] string Origin,
    [property: JsonPropertyName("caseId")] string CaseId,
    [property: JsonPropertyName("eventVersion")] long EventVersion,
    [property: JsonPropertyName("eventType")] string EventType,
    [property: JsonPropertyName("time")] string Time,
    [property: JsonPropertyName("previousLeafHash")] string? PreviousLeafHash,
    [property: JsonPropertyName("payloadCommitment")] string PayloadCommitment,
    [property: JsonPropertyName("documentHashes")] IReadOnlyList<string> DocumentHashes)
{
    /// <summary>True when both views show the same fields.</summary>
    public bool Matches(LeafEnvelopeView? other) =>
        other is not null
        && FormatVersion == other.FormatVersion
        && string.Equals(Origin, other.Origin, StringComparison.Ordinal)
        && string.Equals(CaseId, other.CaseId, StringComparison.Ordinal)
        && EventVersion == other.EventVersion
        && string.Equals(EventType, other.EventType, StringComparison.Ordinal)
        && string.Equals(Time, other.Time, StringComparison.Ordinal)
        && string.Equals(PreviousLeafHash, other.PreviousLeafHash, StringComparison.Ordinal)
        && string.Equals(PayloadCommitment, other.PayloadCommitment, StringComparison.Ordinal)
        && (DocumentHashes ?? []).SequenceEqual(other.DocumentHashes ?? [], StringComparer.Ordinal);
}
