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
        Validate();
        var output = new ArrayBufferWriter<byte>(384 + (DocumentHashes.Count * 67));
        output.Write("{\"caseId\":\""u8);
        WriteAscii(output, CaseId.ToString("D", CultureInfo.InvariantCulture));
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
        WriteAscii(output, EventVersion.ToString(CultureInfo.InvariantCulture));
        output.Write(",\"formatVersion\":"u8);
        WriteAscii(output, Version.ToString(CultureInfo.InvariantCulture));
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
        WriteAscii(output, FormatTime(Time));
        output.Write("\"}"u8);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The leaf hash of <see cref="ToLeafInput"/>.</summary>
    public byte[] LeafHash() => MerkleHash.LeafHash(ToLeafInput());

    /// <summary>
    /// Decodes a leaf input. Refuses anything that is not exactly the canonical bytes <see cref="ToLeafInput"/>
    /// would write (other member order, whitespace, escapes, upper-case hex, unknown members...).
    /// </summary>
    public static LeafEnvelope Parse(ReadOnlySpan<byte> leafInput)
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

    private static void WriteHexString(ArrayBufferWriter<byte> output, byte[] hash)
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

    private static void WriteAscii(ArrayBufferWriter<byte> output, string text) => JsonCanonicalizer.WriteAscii(output, text);

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
