using Ledger.Domain.Cases;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Projections.Publication;

/// <summary>
/// Follows the Merkle log in leaf order (final and gapless, so nothing is skipped or seen twice) and keeps the
/// publication read models up to date:
/// <list type="bullet">
/// <item><c>judgment-entered-into-force</c> (also the one that follows an appeal upheld or amended): the act is
/// depersonalized and published, or withheld with the reason;</item>
/// <item><c>judgment-set-aside</c>: a published act is marked set aside and leaves the search;</item>
/// <item><c>closed-category-marked</c>: every act of the case that entered into force is withdrawn (its public copy
/// deleted, so search no longer finds it) and recorded as withheld for the closed category;</item>
/// <item><c>claim-filed</c>, <c>case-accepted</c>, <c>participants-admitted</c>: participant → case rows for the cabinet.</item>
/// </list>
/// One instance works at a time (a transaction-level advisory lock per batch); the cursor moves in the same
/// transaction as the rows, so a crash repeats a batch at most, and every write is an upsert.
/// </summary>
public sealed class PublicationProjector
{
    public const string CursorName = "log";
    private const long LockKey = 0x4C45444745520003;

    private static readonly string[] EventTypes =
    [
        CaseEventTypes.NameOf<JudgmentEnteredIntoForce>(),
        CaseEventTypes.NameOf<JudgmentSetAside>(),
        CaseEventTypes.NameOf<ClosedCategoryMarked>(),
        CaseEventTypes.NameOf<ClaimFiled>(),
        CaseEventTypes.NameOf<CaseAccepted>(),
        CaseEventTypes.NameOf<ParticipantsAdmitted>(),
    ];

    private readonly NpgsqlDataSource _dataSource;
    private readonly IDocumentStore _store;
    private readonly IActTextSource _texts;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public PublicationProjector(NpgsqlDataSource dataSource, IDocumentStore store, IActTextSource texts, TimeProvider? time = null, ILogger? logger = null)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _texts = texts ?? throw new ArgumentNullException(nameof(texts));
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>How long to wait before trying again an act whose text was missing, per earlier attempt (at most 60 times this).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Processes up to <paramref name="batchSize"/> leaves after the cursor, then retries acts whose text was missing. Returns the leaves processed.</summary>
    public async Task<int> RunOnceAsync(int batchSize = 1000, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand("select pg_try_advisory_xact_lock(@key)", connection, transaction))
        {
            locking.Parameters.AddWithValue("key", LockKey);
            if (!(bool)(await locking.ExecuteScalarAsync(cancellationToken))!)
            {
                return 0;
            }
        }

        var cursor = await ReadCursorAsync(connection, transaction, cancellationToken);
        var rows = new List<(long Leaf, Guid CaseId, long Version, string Type)>();
        long lastLeaf = cursor;
        await using (var read = new NpgsqlCommand(
            """
            select l.leaf_index, e.case_id, e.case_version, e.event_type
            from ledger.leaves l join ledger.entries e on e.event_id = l.event_id
            where l.leaf_index > @cursor
            order by l.leaf_index
            limit @limit
            """, connection, transaction))
        {
            read.Parameters.AddWithValue("cursor", cursor);
            read.Parameters.AddWithValue("limit", batchSize);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lastLeaf = reader.GetInt64(0);
                var type = reader.GetString(3);
                if (EventTypes.Contains(type, StringComparer.Ordinal))
                {
                    rows.Add((lastLeaf, reader.GetGuid(1), reader.GetInt64(2), type));
                }
            }
        }

        var processed = (int)(lastLeaf - cursor);
        if (rows.Count > 0)
        {
            await using var session = _store.QuerySession();
            var streams = new Dictionary<Guid, IReadOnlyList<CaseEvent>>();
            foreach (var row in rows)
            {
                var history = await HistoryAsync(session, streams, row.CaseId, row.Version, cancellationToken);
                if (history.Count < row.Version)
                {
                    continue;
                }

                var upTo = history.Take((int)row.Version).ToArray();
                await ApplyAsync(connection, transaction, upTo, cancellationToken);
            }
        }

        await RetryMissingTextsAsync(connection, transaction, cancellationToken);
        if (processed > 0)
        {
            await using var move = new NpgsqlCommand(
                "insert into publication.cursors (name, position) values (@name, @position) on conflict (name) do update set position = excluded.position",
                connection, transaction);
            move.Parameters.AddWithValue("name", CursorName);
            move.Parameters.AddWithValue("position", lastLeaf);
            await move.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return processed;
    }

    /// <summary>Runs until the read models have caught up with the log (tests and tools).</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        while (await RunOnceAsync(1000, cancellationToken) > 0)
        {
        }
    }

    private static async Task<long> ReadCursorAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select position from publication.cursors where name = @name", connection, transaction);
        command.Parameters.AddWithValue("name", CursorName);
        return await command.ExecuteScalarAsync(cancellationToken) is long position ? position : -1;
    }

    private static async Task<IReadOnlyList<CaseEvent>> HistoryAsync(
        IQuerySession session, Dictionary<Guid, IReadOnlyList<CaseEvent>> cache, Guid caseId, long version, CancellationToken cancellationToken)
    {
        if (!cache.TryGetValue(caseId, out var events) || events.Count < version)
        {
            var stream = await session.Events.FetchStreamAsync(caseId, token: cancellationToken);
            events = [.. stream.Select(e => (CaseEvent)e.Data)];
            cache[caseId] = events;
        }

        return events;
    }

    private async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<CaseEvent> history, CancellationToken cancellationToken)
    {
        var state = CaseDecider.Fold(history);
        switch (history[^1])
        {
            case JudgmentEnteredIntoForce e:
                await PublishAsync(connection, transaction, state, history, e.ActId, cancellationToken);
                break;
            case JudgmentSetAside e:
                await using (var command = new NpgsqlCommand("update publication.acts set status = 'set-aside' where act_id = @act", connection, transaction))
                {
                    command.Parameters.AddWithValue("act", e.ActId);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                break;
            case ClosedCategoryMarked:
                await WithdrawAsync(connection, transaction, state, cancellationToken);
                break;
            case ClaimFiled or CaseAccepted or ParticipantsAdmitted:
                await RecordParticipantsAsync(connection, transaction, state, history[^1].OccurredAt, cancellationToken);
                break;
            default:
                break;
        }
    }

    private async Task PublishAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CaseState state, IReadOnlyList<CaseEvent> history, Guid actId,
        CancellationToken cancellationToken)
    {
        if (!state.Acts.TryGetValue(actId, out var act))
        {
            return;
        }

        var text = await _texts.ReadTextAsync(act.AmendedDocumentHash ?? act.DocumentHash, cancellationToken);
        var result = ActPublication.Prepare(state, history, actId, text, _time.GetUtcNow());
        if (result.Published is { } published)
        {
            await UpsertPublishedAsync(connection, transaction, published, cancellationToken);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("Published act {ActId} of case {CaseNumber} ({Replacements} replacements)", actId, published.CaseNumber, published.Replacements);
            }
        }
        else if (result.Withheld is { } withheld)
        {
            await UpsertWithheldAsync(connection, transaction, withheld, cancellationToken);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("Act {ActId} withheld from publication: {Reason}", actId, withheld.ReasonEn);
            }
        }
    }

    /// <summary>
    /// The case was marked as of a closed category: no act of it stays public. Acts that entered into force (published,
    /// or withheld while their text was missing) are recorded as withheld for the category, which deletes their public
    /// copies; any other public row of the case is deleted too.
    /// </summary>
    private async Task WithdrawAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CaseState state, CancellationToken cancellationToken)
    {
        foreach (var act in state.Acts.Values.Where(a => a.InForceAt is not null))
        {
            await UpsertWithheldAsync(connection, transaction, ActPublication.ClosedCategoryWithheld(state, act.ActId), cancellationToken);
        }

        await using (var command = new NpgsqlCommand("delete from publication.acts where case_id = @case", connection, transaction))
        {
            command.Parameters.AddWithValue("case", state.CaseId);
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            if (deleted > 0 && _logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("Withdrew {Count} further public acts of case {CaseNumber}: closed category", deleted, state.CaseNumber);
            }
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("Case {CaseNumber} marked as of a closed category ({Categories}): none of its acts is public",
                state.CaseNumber, string.Join(", ", state.ClosedCategories));
        }
    }

    private static async Task UpsertPublishedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PublishedAct a, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            insert into publication.acts (act_id, case_id, original_hash, published_hash, case_number, court_id, case_kind, category,
                act_kind, year, outcome, articles, language, text, replacements, issued_at, in_force_at, depersonalized_at, status)
            values (@act, @case, @original, @published, @number, @court, @kind, @category, @actKind, @year, @outcome, @articles,
                @language, @text, @replacements, @issued, @inForce, @at, 'in-force')
            on conflict (act_id) do update set original_hash = excluded.original_hash, published_hash = excluded.published_hash,
                case_number = excluded.case_number, court_id = excluded.court_id, case_kind = excluded.case_kind,
                category = excluded.category, act_kind = excluded.act_kind, year = excluded.year, outcome = excluded.outcome,
                articles = excluded.articles, language = excluded.language, text = excluded.text,
                replacements = excluded.replacements, issued_at = excluded.issued_at, in_force_at = excluded.in_force_at,
                depersonalized_at = excluded.depersonalized_at, status = 'in-force';
            delete from publication.withheld where act_id = @act;
            """, connection, transaction);
        command.Parameters.AddWithValue("act", a.ActId);
        command.Parameters.AddWithValue("case", a.CaseId);
        command.Parameters.AddWithValue("original", a.OriginalHash);
        command.Parameters.AddWithValue("published", a.PublishedHash);
        command.Parameters.AddWithValue("number", a.CaseNumber);
        command.Parameters.AddWithValue("court", a.CourtId);
        command.Parameters.AddWithValue("kind", a.CaseKind);
        command.Parameters.AddWithValue("category", a.Category);
        command.Parameters.AddWithValue("actKind", a.ActKind);
        command.Parameters.AddWithValue("year", a.Year);
        command.Parameters.AddWithValue("outcome", a.Outcome);
        command.Parameters.Add(new NpgsqlParameter("articles", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = a.Articles.ToArray() });
        command.Parameters.AddWithValue("language", a.Language);
        command.Parameters.AddWithValue("text", a.Text);
        command.Parameters.AddWithValue("replacements", a.Replacements);
        command.Parameters.AddWithValue("issued", a.IssuedAt.ToUniversalTime());
        command.Parameters.AddWithValue("inForce", a.InForceAt.ToUniversalTime());
        command.Parameters.AddWithValue("at", a.DepersonalizedAt.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task UpsertWithheldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, WithheldAct w, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            insert into publication.withheld (act_id, case_id, case_version, original_hash, reason_code, categories, reason_ru, reason_en)
            values (@act, @case, @version, @hash, @code, @categories, @ru, @en)
            on conflict (act_id) do update set case_version = excluded.case_version, original_hash = excluded.original_hash,
                reason_code = excluded.reason_code, categories = excluded.categories, reason_ru = excluded.reason_ru,
                reason_en = excluded.reason_en, attempts = publication.withheld.attempts + 1, recorded_at = now();
            delete from publication.acts where act_id = @act;
            """, connection, transaction);
        command.Parameters.AddWithValue("act", w.ActId);
        command.Parameters.AddWithValue("case", w.CaseId);
        command.Parameters.AddWithValue("version", w.CaseVersion);
        command.Parameters.AddWithValue("hash", w.OriginalHash);
        command.Parameters.AddWithValue("code", w.ReasonCode);
        command.Parameters.Add(new NpgsqlParameter("categories", NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            Value = w.Categories.Select(c => c.ToString()).ToArray(),
        });
        command.Parameters.AddWithValue("ru", w.ReasonRu);
        command.Parameters.AddWithValue("en", w.ReasonEn);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Acts withheld because their text was missing are tried again (a few per pass, least tried first).</summary>
    private async Task RetryMissingTextsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var waiting = new List<(Guid ActId, Guid CaseId, long Version)>();
        await using (var command = new NpgsqlCommand(
            """
            select act_id, case_id, case_version from publication.withheld
            where reason_code = @code and recorded_at <= now() - least(attempts, 60) * @delay
            order by attempts, recorded_at limit 20
            """,
            connection, transaction))
        {
            command.Parameters.AddWithValue("code", WithheldReasons.TextUnavailable);
            command.Parameters.AddWithValue("delay", RetryDelay);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                waiting.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetInt64(2)));
            }
        }

        if (waiting.Count == 0)
        {
            return;
        }

        await using var session = _store.QuerySession();
        foreach (var (actId, caseId, version) in waiting)
        {
            var stream = await session.Events.FetchStreamAsync(caseId, version, token: cancellationToken);
            var history = stream.Select(e => (CaseEvent)e.Data).ToArray();
            await PublishAsync(connection, transaction, CaseDecider.Fold(history), history, actId, cancellationToken);
        }
    }

    private static async Task RecordParticipantsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CaseState state, DateTimeOffset since, CancellationToken cancellationToken)
    {
        foreach (var participant in state.Participants.Values)
        {
            await using var command = new NpgsqlCommand(
                """
                insert into publication.participant_cases (participant_id, case_id, role, since) values (@participant, @case, @role, @since)
                on conflict (participant_id, case_id) do update set role = excluded.role
                """, connection, transaction);
            command.Parameters.AddWithValue("participant", participant.ParticipantId);
            command.Parameters.AddWithValue("case", state.CaseId);
            command.Parameters.AddWithValue("role", participant.Role.ToString());
            command.Parameters.AddWithValue("since", since.ToUniversalTime());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
