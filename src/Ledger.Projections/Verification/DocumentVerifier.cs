using System.Text.Json.Serialization;
using Ledger.Domain.Cases;
using Npgsql;

namespace Ledger.Projections.Verification;

/// <summary>Where a judicial act stands, as the ledger records it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActStanding>))]
public enum ActStanding
{
    /// <summary>Issued; not yet in force (the appeal term may still run).</summary>
    [JsonStringEnumMemberName("issued")]
    Issued,

    /// <summary>An appeal against it is pending.</summary>
    [JsonStringEnumMemberName("under-appeal")]
    UnderAppeal,

    /// <summary>Entered into legal force.</summary>
    [JsonStringEnumMemberName("in-force")]
    InForce,

    /// <summary>Set aside (on appeal, cassation or new circumstances): no longer valid.</summary>
    [JsonStringEnumMemberName("set-aside")]
    SetAside,

    /// <summary>Amended on appeal: this text is no longer the valid one; the amended text is.</summary>
    [JsonStringEnumMemberName("amended")]
    Amended,
}

/// <summary>A later event concerning the same act: its type, time and document hash (lower-case hex), if any.</summary>
public sealed record LaterActEvent(Guid EventId, string EventType, DateTimeOffset OccurredAt, string? Outcome, string? DocumentSha256);

/// <summary>
/// The act a document belongs to and where it stands. <see cref="IsCurrent"/> is false when the act was set aside or
/// amended after this document; <see cref="SupersededBy"/> then names the later act.
/// </summary>
public sealed record ActInfo(
    Guid ActId, string? Kind, ActStanding Standing, bool IsCurrent, LaterActEvent? SupersededBy, IReadOnlyList<LaterActEvent> LaterEvents);

/// <summary>
/// The confirmed anchor that covers a leaf: the smallest anchored checkpoint whose tree contains it (the one a receipt
/// cites), on the configured chain and contract.
/// </summary>
public sealed record CoveringAnchor(long ChainId, string Contract, string TxHash, long? BlockNumber, long TreeSize, byte[] RootHash);

/// <summary>One event that carries the document.</summary>
public sealed record DocumentMatch(
    Guid EventId,
    string EventType,
    DateTimeOffset OccurredAt,
    Guid CaseId,
    long CaseVersion,
    string? CaseNumber,
    string? CourtId,
    string? CaseKind,
    long? LeafIndex,
    ActInfo? Act,
    CoveringAnchor? Anchor = null);

/// <summary>The verification index's answer for one document hash.</summary>
public sealed record DocumentLookup(string Sha256, IReadOnlyList<DocumentMatch> Matches)
{
    public bool Found => Matches.Count > 0;
}

/// <summary>
/// Answers "is this document in the ledger, in which case and event, is it anchored, and is it still current?" from
/// the verification index (<see cref="VerificationIndexProjection"/>) and the anchors table in one database round trip.
/// Anchors count only on <paramref name="anchorChainId"/> and <paramref name="anchorContract"/> when they are given.
/// </summary>
public sealed class DocumentVerifier(
    NpgsqlDataSource dataSource, string schema = Storage.MartenConfiguration.Schema, long? anchorChainId = null, string? anchorContract = null)
{
    private readonly long? _anchorChainId = anchorChainId;
    private readonly string? _anchorContract = string.IsNullOrWhiteSpace(anchorContract) ? null : anchorContract.Trim().ToLowerInvariant();

    private static readonly string[] ActEventTypes =
    [
        CaseEventTypes.NameOf<JudgmentIssued>(), CaseEventTypes.NameOf<JudgmentAmended>(),
    ];

    private readonly NpgsqlDataSource _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));

    private readonly string _documentsSql = $"""
        select d.event_id, d.event_type, d.occurred_at, d.case_id, e.case_version, c.case_number, c.court_id, c.case_kind,
               l.leaf_index, d.act_id, an.chain_id, an.contract, an.tx_hash, an.block_number, an.tree_size, an.root_hash
        from {schema}.{VerificationIndexProjection.DocumentsTable} d
        join ledger.entries e on e.event_id = d.event_id
        left join {schema}.{VerificationIndexProjection.CasesTable} c on c.case_id = d.case_id
        left join ledger.leaves l on l.event_id = d.event_id
        left join lateral (
            select a.chain_id, a.contract, a.tx_hash, a.block_number, a.tree_size, a.root_hash
            from ledger.anchors a
            where a.status = 'confirmed' and a.tree_size > l.leaf_index
              and ($2::bigint is null or a.chain_id = $2) and ($3::text is null or a.contract = $3)
            order by a.tree_size, a.id
            limit 1) an on true
        where d.sha256 = $1
        order by e.occurred_at, e.case_version
        """;

    private readonly string _actsSql = $"""
        select a.act_id, a.event_id, a.event_type, a.occurred_at, a.act_kind, a.outcome, a.document, e.case_version
        from {schema}.{VerificationIndexProjection.ActsTable} a
        join ledger.entries e on e.event_id = a.event_id
        where a.act_id in (select d.act_id from {schema}.{VerificationIndexProjection.DocumentsTable} d where d.sha256 = $1 and d.act_id is not null)
        order by a.act_id, e.case_version
        """;

    /// <summary>Looks a document up by its SHA-256 (32 bytes).</summary>
    public async Task<DocumentLookup> FindAsync(byte[] sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        if (sha256.Length != 32)
        {
            throw new ArgumentException("A SHA-256 hash is 32 bytes.", nameof(sha256));
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(_documentsSql)
                {
                    Parameters =
                    {
                        new NpgsqlParameter { Value = sha256 },
                        new NpgsqlParameter<long?> { TypedValue = _anchorChainId },
                        new NpgsqlParameter<string?> { TypedValue = _anchorContract },
                    },
                },
                new NpgsqlBatchCommand(_actsSql) { Parameters = { new NpgsqlParameter { Value = sha256 } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(DocumentMatch Match, Guid? ActId)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((new DocumentMatch(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetGuid(3),
                reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetInt64(8),
                null,
                reader.IsDBNull(10) ? null : new CoveringAnchor(
                    reader.GetInt64(10), reader.GetString(11), reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetInt64(13),
                    reader.GetInt64(14), reader.GetFieldValue<byte[]>(15))), reader.IsDBNull(9) ? null : reader.GetGuid(9)));
        }

        await reader.NextResultAsync(cancellationToken);
        var acts = new Dictionary<Guid, List<ActEventRow>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var actId = reader.GetGuid(0);
            if (!acts.TryGetValue(actId, out var list))
            {
                acts[actId] = list = [];
            }

            list.Add(new ActEventRow(
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(6)),
                reader.GetInt64(7)));
        }

        var matches = new List<DocumentMatch>(rows.Count);
        foreach (var (match, actId) in rows)
        {
            ActInfo? act = null;
            if (actId is { } id && acts.TryGetValue(id, out var history) && ActEventTypes.Contains(match.EventType, StringComparer.Ordinal))
            {
                act = Standing(id, match, history);
            }

            matches.Add(match with { Act = act });
        }

        return new DocumentLookup(Convert.ToHexStringLower(sha256), matches);
    }

    /// <summary>The act's standing as seen from the document's own event: only events after it can supersede it.</summary>
    internal static ActInfo Standing(Guid actId, DocumentMatch document, IReadOnlyList<ActEventRow> history)
    {
        var issued = CaseEventTypes.NameOf<JudgmentIssued>();
        var setAside = CaseEventTypes.NameOf<JudgmentSetAside>();
        var amended = CaseEventTypes.NameOf<JudgmentAmended>();
        var appealFiled = CaseEventTypes.NameOf<AppealFiled>();
        var appealDecided = CaseEventTypes.NameOf<AppealDecided>();
        var inForce = CaseEventTypes.NameOf<JudgmentEnteredIntoForce>();

        string? kind = history.FirstOrDefault(h => h.EventType == issued)?.ActKind;
        var standing = ActStanding.Issued;
        LaterActEvent? supersededBy = null;
        var later = new List<LaterActEvent>();
        var pendingAppeals = 0;
        foreach (var h in history)
        {
            if (h.CaseVersion <= document.CaseVersion)
            {
                // Events up to the document's own: they set the scene (an amended text is in force when the original was).
                if (h.EventType == inForce)
                {
                    standing = ActStanding.InForce;
                }

                continue;
            }

            var item = new LaterActEvent(h.EventId, h.EventType, h.OccurredAt, h.Outcome, h.Document);
            later.Add(item);
            if (h.EventType == setAside)
            {
                standing = ActStanding.SetAside;
                supersededBy = item;
            }
            else if (h.EventType == amended && standing != ActStanding.SetAside)
            {
                standing = ActStanding.Amended;
                supersededBy = item;
            }
            else if (supersededBy is null)
            {
                if (h.EventType == appealFiled)
                {
                    pendingAppeals++;
                    standing = ActStanding.UnderAppeal;
                }
                else if (h.EventType == appealDecided)
                {
                    pendingAppeals = Math.Max(0, pendingAppeals - 1);
                    standing = pendingAppeals > 0 ? ActStanding.UnderAppeal : ActStanding.Issued;
                }
                else if (h.EventType == inForce)
                {
                    standing = ActStanding.InForce;
                }
            }
        }

        return new ActInfo(actId, kind, standing, supersededBy is null, supersededBy, later);
    }

    internal sealed record ActEventRow(
        Guid EventId, string EventType, DateTimeOffset OccurredAt, string? ActKind, string? Outcome, string? Document, long CaseVersion);
}
