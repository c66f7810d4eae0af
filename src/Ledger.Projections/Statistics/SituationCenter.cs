using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Domain.Statistics;
using Ledger.Projections.Statistics.CaseFacts;
using Ledger.Projections.Storage;
using Npgsql;

namespace Ledger.Projections.Statistics;

/// <summary>How far the situation center's figures reach: the events projected and the newest event in the store.</summary>
public sealed record ProjectionStatus(long ProjectedThrough, long HighWaterMark, int Cases, DateTimeOffset LoadedAt)
{
    public long Behind => Math.Max(0, HighWaterMark - ProjectedThrough);
}

/// <summary>
/// Query side of the situation center. Holds the facts of every case in memory, loaded from the
/// <see cref="CaseFactsDocument"/> table and refreshed incrementally: it reads the projection's progress first, then every
/// document whose last event is newer than what it already has. The facts are pre-aggregated per court × kind × category
/// (× judge) into running daily totals (<see cref="SituationIndex"/>); a refresh rebuilds only the cells whose cases
/// changed, so a query adds up a few hundred cells instead of scanning every case. A rebuild of the projection
/// (progress going back) reloads everything.
/// </summary>
public sealed class SituationCenter : IDisposable
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly ConcurrentDictionary<Guid, Domain.Statistics.CaseFacts> _facts = new();
    private long _loadedThrough;
    private DateTimeOffset _lastRefresh = DateTimeOffset.MinValue;
    private ProjectionStatus _status = new(0, 0, 0, DateTimeOffset.MinValue);
    private long _version;
    private readonly Dictionary<CaseGroupKey, Dictionary<Guid, Domain.Statistics.CaseFacts>> _members = [];
    private volatile SituationIndex _index = SituationIndex.Empty;
    private readonly ConcurrentDictionary<string, object> _results = new(StringComparer.Ordinal);

    public SituationCenter(NpgsqlDataSource dataSource, string schema = MartenConfiguration.Schema, TimeProvider? time = null)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _schema = schema;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Refreshes at most this often on the request path (default one second).</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromSeconds(1);

    public ProjectionStatus Status => _status;

    /// <summary>The facts of every case loaded so far.</summary>
    public ICollection<Domain.Statistics.CaseFacts> Facts => _facts.Values;

    /// <summary>The moment "now" figures are computed at: the current time to the whole minute (so answers can be reused within it).</summary>
    public DateTimeOffset Now
    {
        get
        {
            var now = _time.GetUtcNow();
            return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        }
    }

    /// <summary>Refreshes when the last refresh is older than <see cref="MaxAge"/>.</summary>
    public async Task EnsureFreshAsync(CancellationToken cancellationToken = default)
    {
        if (_time.GetUtcNow() - _lastRefresh < MaxAge)
        {
            return;
        }

        await RefreshAsync(cancellationToken);
    }

    /// <summary>Loads what the projection wrote since the last refresh; returns how many case documents were read.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            var (progress, highWater) = await ReadProgressAsync(connection, cancellationToken);
            if (progress < _loadedThrough)
            {
                // The projection is being (or was) rebuilt: start over.
                _facts.Clear();
                _members.Clear();
                _index = SituationIndex.Empty;
                _loadedThrough = 0;
                Interlocked.Increment(ref _version);
                _results.Clear();
            }

            var read = 0;
            var changed = new HashSet<CaseGroupKey>();
            if (progress > _loadedThrough || (_loadedThrough == 0 && progress > 0))
            {
                await using var command = new NpgsqlCommand(
                    $"select data -> 'facts' from {_schema}.{StatisticsReadModels.CaseFactsTable} where sequence > @after", connection);
                command.Parameters.AddWithValue("after", _loadedThrough);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    read++;
                    if (reader.IsDBNull(0))
                    {
                        continue;
                    }

                    var facts = JsonSerializer.Deserialize<Domain.Statistics.CaseFacts>(reader.GetString(0), Json);
                    if (facts is not null)
                    {
                        if (_facts.TryGetValue(facts.CaseId, out var old))
                        {
                            Leave(old, changed);
                        }

                        _facts[facts.CaseId] = facts;
                        Join(facts, changed);
                    }
                }

                _loadedThrough = progress;
                if (read > 0)
                {
                    _index = _index.CellCount == 0
                        ? SituationIndex.Build(_facts.Values)
                        : _index.Update(changed, key => _members.TryGetValue(key, out var m) ? m.Values : []);
                    Interlocked.Increment(ref _version);
                    _results.Clear();
                }
            }

            _lastRefresh = _time.GetUtcNow();
            _status = new ProjectionStatus(progress, highWater, _facts.Count, _lastRefresh);
            return read;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>
    /// Answers are computed once per version of the facts and filter, then served from memory until the next refresh
    /// brings new facts (the dashboard asks the same questions every 30 seconds). <c>cached: false</c> computes anew.
    /// </summary>
    public SituationSummary Summary(StatisticsFilter filter, ReportPeriod period, bool cached = true) =>
        Cached($"summary|{Key(filter)}|{period.From}|{period.To}|{Now:O}", cached, () => _index.Summary(filter, period, Now));

    public IReadOnlyList<FlowPoint> Series(StatisticsFilter filter, ReportPeriod period, SeriesInterval interval, bool cached = true) =>
        Cached($"series|{Key(filter)}|{period.From}|{period.To}|{interval}", cached, () => _index.Series(filter, period, interval));

    public IReadOnlyList<BreakdownFigures> Courts(StatisticsFilter filter, ReportPeriod period, bool cached = true) =>
        Breakdown(filter, period, BreakdownBy.Court, cached);

    /// <summary>The comparison per court, category or judge.</summary>
    public IReadOnlyList<BreakdownFigures> Breakdown(StatisticsFilter filter, ReportPeriod period, BreakdownBy by, bool cached = true) =>
        Cached($"breakdown|{by}|{Key(filter)}|{period.From}|{period.To}|{Now:O}", cached, () => _index.Breakdown(filter, period, Now, by));

    public IReadOnlyList<LateCase> LateCases(StatisticsFilter filter, int limit = 500, bool cached = true) =>
        Cached($"late|{Key(filter)}|{limit}|{Now:O}", cached, () => SituationReport.LateCases(_index.PendingFacts(filter), filter, Now, limit));

    public IReadOnlyList<SuspendedCase> SuspendedCases(StatisticsFilter filter, int limit = 500, bool cached = true) =>
        Cached($"suspended|{Key(filter)}|{limit}|{Now:O}", cached, () => SituationReport.SuspendedCases(_index.PendingFacts(filter), filter, Now, limit));

    /// <summary>The pre-aggregated cells the answers are computed from (for tests and the benchmark).</summary>
    public SituationIndex Index => _index;

    private T Cached<T>(string key, bool cached, Func<T> compute)
        where T : class
    {
        if (!cached)
        {
            return compute();
        }

        // "Now" figures change with the clock: their keys carry the minute (see Now).
        var version = Interlocked.Read(ref _version);
        var fullKey = $"{version}|{key}";
        if (_results.TryGetValue(fullKey, out var hit))
        {
            return (T)hit;
        }

        var value = compute();
        if (_results.Count > 2000)
        {
            _results.Clear();
        }

        _results[fullKey] = value;
        return value;
    }

    private static string Key(StatisticsFilter f) =>
        $"{(f.Courts is null ? "*" : string.Join(',', f.Courts.Order(StringComparer.Ordinal)))}|{f.Region}|{f.Kind}|{f.Category}|{f.JudgeId}";

    private void Join(Domain.Statistics.CaseFacts facts, HashSet<CaseGroupKey> changed)
    {
        foreach (var key in new[] { CaseGroupKey.Fine(facts), CaseGroupKey.Coarse(facts) })
        {
            if (!_members.TryGetValue(key, out var members))
            {
                _members[key] = members = [];
            }

            members[facts.CaseId] = facts;
            changed.Add(key);
        }
    }

    private void Leave(Domain.Statistics.CaseFacts facts, HashSet<CaseGroupKey> changed)
    {
        foreach (var key in new[] { CaseGroupKey.Fine(facts), CaseGroupKey.Coarse(facts) })
        {
            if (_members.TryGetValue(key, out var members) && members.Remove(facts.CaseId))
            {
                changed.Add(key);
                if (members.Count == 0)
                {
                    _members.Remove(key);
                }
            }
        }
    }

    private async Task<(long Progress, long HighWater)> ReadProgressAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select coalesce(max(last_seq_id) filter (where name like @name), 0), coalesce(max(last_seq_id) filter (where name = 'HighWaterMark'), 0) " +
            $"from {_schema}.mt_event_progression", connection);
        command.Parameters.AddWithValue("name", CaseFactsProjection.ProjectionName + "%");
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return (0, 0);
        }
    }

    public void Dispose() => _refreshing.Dispose();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
