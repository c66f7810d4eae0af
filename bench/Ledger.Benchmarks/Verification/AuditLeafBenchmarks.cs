using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Ledger.Anchoring.Audit;
using Ledger.Benchmarks.Integrity;
using Ledger.Domain.Cases;
using Ledger.Domain.Cases.Scenarios;
using Ledger.Domain.Integrity;
using Ledger.Projections.Storage;

namespace Ledger.Benchmarks.Verification;

/// <summary>
/// The audit's per-leaf check (everything that needs no other leaf: leaf hash, envelope, stored event read back and
/// compared with what its fields produce, documents, time, salted payload commitment) over generated cases, in memory:
/// the current <c>LedgerAuditor</c> check against the implementation before the streaming canonical writer (kept
/// below as the baseline: JSON documents, <c>JsonElement.DeepEquals</c>, document-based canonicalization and envelope
/// decoding). Stored event JSON is written as PostgreSQL's jsonb prints it. Per leaf (OperationsPerInvoke).
/// </summary>
[Config(typeof(IntegrityBenchConfig))]
public class AuditLeafBenchmarks
{
    private const string Origin = "bench.ledger.court.example/2026";
    private const int Leaves = 500;

    private readonly List<(LedgerAuditor.LeafRow Row, string Text)> _rows = [];

    [GlobalSetup]
    public void Setup()
    {
        var salt = new byte[PayloadCommitment.SaltSize];
        var random = new Random(11);
        long index = 0;
        foreach (var scenario in new CaseScenarioGenerator(7, new CaseScenarioOptions { Days = 200 }).Generate(60))
        {
            var state = CaseState.Empty;
            byte[]? previous = null;
            long version = 0;
            foreach (var command in scenario.Commands)
            {
                CaseEvent[] events;
                try
                {
                    events = CaseDecider.Decide(command, state);
                }
                catch (CaseRuleViolation)
                {
                    continue;
                }

                foreach (var @event in events)
                {
                    state = CaseDecider.Evolve(state, @event);
                    version++;
                    random.NextBytes(salt);
                    var payload = JsonCanonicalizer.Canonicalize(JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), MartenConfiguration.PayloadJson));
                    var envelope = new LeafEnvelope(1, Origin, @event.CaseId, version, @event.EventType, @event.OccurredAt, previous,
                        PayloadCommitment.Compute(salt, payload), [.. @event.DocumentHashes.Select(Convert.FromHexString)]);
                    var input = envelope.ToLeafInput();
                    var leafHash = MerkleHash.LeafHash(input);
                    var text = JsonbText(JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), StoredJson))!);
                    _rows.Add((new LedgerAuditor.LeafRow(index++, Guid.NewGuid(), @event.CaseId, version, @event.EventType, @event.OccurredAt, input, leafHash,
                        (byte[])salt.Clone(), false, Encoding.UTF8.GetBytes(text), @event.EventType, @event.CaseId, version), text));
                    previous = leafHash;
                }
            }
        }

        if (_rows.Count < Leaves)
        {
            throw new InvalidOperationException($"Only {_rows.Count} leaves were generated.");
        }

        _rows.RemoveRange(Leaves, _rows.Count - Leaves);

        // Both implementations pass every generated leaf.
        foreach (var (row, text) in _rows)
        {
            var findings = new List<AuditFinding>();
            LegacyLeafCheck.CheckLeaf(row, text, findings, out _, out _);
            if (findings.Count > 0 || LedgerAuditor.CheckLeaf(row).Findings.Count > 0)
            {
                throw new InvalidOperationException($"A generated leaf fails its check: {string.Join("; ", findings)} / {string.Join("; ", LedgerAuditor.CheckLeaf(row).Findings)}");
            }
        }

        Console.WriteLine($"// {_rows.Count} leaves, stored JSON {_rows.Average(r => r.Row.Data!.Length):F0} bytes on average");
    }

    [Benchmark(Baseline = true, Description = "before: documents, DeepEquals, document-based canonicalization", OperationsPerInvoke = Leaves)]
    public int Legacy()
    {
        var findings = 0;
        var sink = new List<AuditFinding>();
        foreach (var (row, text) in _rows)
        {
            sink.Clear();
            LegacyLeafCheck.CheckLeaf(row, text, sink, out _, out _);
            findings += sink.Count;
        }

        return findings;
    }

    [Benchmark(Description = "now: streaming canonical writer, canonical-bytes comparison, direct envelope decoding", OperationsPerInvoke = Leaves)]
    public int Current()
    {
        var findings = 0;
        foreach (var (row, _) in _rows)
        {
            findings += LedgerAuditor.CheckLeaf(row).Findings.Count;
        }

        return findings;
    }

    private static readonly JsonSerializerOptions StoredJson = CreateStoredJson();

    private static JsonSerializerOptions CreateStoredJson()
    {
        // As Marten stores events (camel case, enums as their names).
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>jsonb's text form: members by (UTF-8 length, bytes), ", " and ": " separators, non-ASCII unescaped.</summary>
    private static string JsonbText(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(", ", o.OrderBy(p => Encoding.UTF8.GetByteCount(p.Key)).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Key, Relaxed) + ": " + JsonbText(p.Value))) + "}",
        JsonArray a => "[" + string.Join(", ", a.Select(JsonbText)) + "]",
        _ => node.ToJsonString(Relaxed),
    };

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The per-leaf check as it was before the streaming canonical writer (copied from LedgerAuditor).</summary>
    private static class LegacyLeafCheck
    {
        private static readonly JsonSerializerOptions EventJson = CreateStoredJson();

        public static byte[] CheckLeaf(LedgerAuditor.LeafRow row, string? storedText, List<AuditFinding> sink, out LeafEnvelope? parsed, out bool erasedEvent)
        {
            parsed = null;
            erasedEvent = false;
            var index = row.Index;
            var eventId = row.EventId;
            if (row.CaseId is not { } caseId)
            {
                sink.Add(new(AuditFindingKind.LeafInput, "The leaf's ledger entry is missing.", index, eventId));
                return new byte[MerkleHash.Size];
            }

            var caseVersion = row.CaseVersion;
            var eventType = row.EventType!;
            var leafInput = row.LeafInput!;
            var salt = row.Salt;
            var erased = row.Erased;

            var leafHash = MerkleHash.LeafHash(leafInput);
            if (!leafHash.AsSpan().SequenceEqual(row.StoredLeafHash))
            {
                sink.Add(new(AuditFindingKind.LeafHash, "The stored leaf hash is not the hash of the leaf input.", index, eventId, caseId));
            }

            LeafEnvelope envelope;
            try
            {
                envelope = LegacyEnvelope.Parse(leafInput);
            }
            catch (FormatException ex)
            {
                sink.Add(new(AuditFindingKind.LeafInput, $"The leaf input is not a canonical envelope: {ex.Message}", index, eventId, caseId));
                return leafHash;
            }

            parsed = envelope;
            var origin = envelope.Origin;
            if (envelope.CaseId != caseId || envelope.EventVersion != caseVersion || envelope.EventType != eventType
                || envelope.Time != new LeafEnvelope(1, origin, caseId, 0, eventType, row.OccurredAt, null, new byte[32], []).Time)
            {
                sink.Add(new(AuditFindingKind.LeafInput, "The leaf input disagrees with its ledger entry (case, version, type or time).", index, eventId, caseId));
            }

            // The stored event: same case, version, type; same time and documents; the payload matches the commitment.
            if (storedText is null)
            {
                sink.Add(new(AuditFindingKind.Event, "The event is missing from the event store.", index, eventId, caseId));
                return leafHash;
            }

            var data = storedText;
            if (row.StoredType != eventType || row.StreamId != caseId || row.StreamVersion != caseVersion)
            {
                sink.Add(new(AuditFindingKind.Event, "The stored event's case, version or type differs from the leaf.", index, eventId, caseId));
                return leafHash;
            }

            CaseEvent? @event;
            try
            {
                var clrType = CaseEventTypes.TypeOf(eventType) ?? throw new JsonException($"unknown event type {eventType}");
                @event = JsonSerializer.Deserialize(data, clrType, EventJson) as CaseEvent;
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
            {
                sink.Add(new(AuditFindingKind.Event, $"The stored event cannot be read: {ex.Message}", index, eventId, caseId));
                return leafHash;
            }

            if (@event is null || @event.CaseId != caseId)
            {
                sink.Add(new(AuditFindingKind.Event, "The stored event names another case.", index, eventId, caseId));
                return leafHash;
            }

            // Every stored member must be what the event's fields produce: members the event computes from others (its
            // time, its document list) are stored too, and must not differ either.
            if (!StoredAsWritten(data, @event))
            {
                sink.Add(new(AuditFindingKind.Event, "The stored event JSON is not what its fields produce: it was edited.", index, eventId, caseId));
            }

            var documents = @event.DocumentHashes.Select(h => h.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            if (!documents.SequenceEqual(envelope.DocumentHashes.Select(Convert.ToHexStringLower)))
            {
                sink.Add(new(AuditFindingKind.Event, "The stored event's documents differ from those the leaf commits to.", index, eventId, caseId));
            }

            if (envelope.Time != new LeafEnvelope(1, origin, caseId, 0, eventType, @event.OccurredAt, null, new byte[32], []).Time)
            {
                sink.Add(new(AuditFindingKind.Event, "The stored event's time differs from the leaf's.", index, eventId, caseId));
            }

            if (salt is null)
            {
                if (!erased)
                {
                    sink.Add(new(AuditFindingKind.Payload, "The payload's salt is missing but the event was never erased.", index, eventId, caseId));
                }
                else
                {
                    erasedEvent = true;
                }

                return leafHash;
            }

            byte[] commitment;
            try
            {
                using var payload = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), MartenConfiguration.PayloadJson));
                var canonical = JsonCanonicalizer.Canonicalize(payload.RootElement);
                commitment = PayloadCommitment.Compute(salt, canonical);
            }
            catch (ArgumentException ex)
            {
                sink.Add(new(AuditFindingKind.Payload, $"The payload cannot be committed to: {ex.Message}", index, eventId, caseId));
                return leafHash;
            }

            if (!commitment.AsSpan().SequenceEqual(envelope.PayloadCommitment))
            {
                sink.Add(new(AuditFindingKind.Payload, "The stored payload does not match the leaf's payload commitment: it was changed.", index, eventId, caseId));
            }

            return leafHash;
        }

        private static bool StoredAsWritten(string data, CaseEvent @event)
        {
            try
            {
                using var stored = JsonDocument.Parse(data);
                using var written = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), EventJson));
                return JsonElement.DeepEquals(stored.RootElement, written.RootElement);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException)
            {
                return false;
            }
        }
    }

    /// <summary>LeafEnvelope.Parse as it was: a JSON document, its members, then re-encoding compared with the input.</summary>
    private static class LegacyEnvelope
    {
        private static readonly string[] MemberNames =
        [
            "caseId", "documentHashes", "eventType", "eventVersion", "formatVersion", "origin", "payloadCommitment", "previousLeafHash", "time",
        ];

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
                var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var member in document.RootElement.EnumerateObject())
                {
                    if (Array.IndexOf(MemberNames, member.Name) < 0 || !members.TryAdd(member.Name, member.Value))
                    {
                        throw new FormatException("unknown or repeated member");
                    }
                }

                foreach (var name in MemberNames)
                {
                    if (!members.ContainsKey(name))
                    {
                        throw new FormatException($"The leaf input lacks the member \"{name}\".");
                    }
                }

                var envelope = new LeafEnvelope(
                    members["formatVersion"].GetInt32(),
                    members["origin"].GetString()!,
                    Guid.ParseExact(members["caseId"].GetString()!, "D"),
                    members["eventVersion"].GetInt64(),
                    members["eventType"].GetString()!,
                    DateTime.ParseExact(members["time"].GetString()!, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                    members["previousLeafHash"].ValueKind == JsonValueKind.Null ? null : Convert.FromHexString(members["previousLeafHash"].GetString()!),
                    Convert.FromHexString(members["payloadCommitment"].GetString()!),
                    [.. members["documentHashes"].EnumerateArray().Select(e => Convert.FromHexString(e.GetString()!))]);
                if (!leafInput.SequenceEqual(envelope.ToLeafInput()))
                {
                    throw new FormatException("The leaf input is not in canonical form.");
                }

                return envelope;
            }
        }
    }
}
