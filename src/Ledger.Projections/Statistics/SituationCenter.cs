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
/// Query side of the situation center. Holds the facts of every case in memory (a few hundred bytes each), loaded from
/// the <see cref="CaseFactsDocument"/> table and refreshed incrementally: it reads the projection's progress first,
/// then every document whose last event is newer than what it already has. Every figure is then computed by the pure
/// <see cref="SituationReport"/> over the facts. A rebuild of the projection (progress going back) reloads everything.
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

    public DateTimeOffset Now => _time.GetUtcNow();

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
                _loadedThrough = 0;
            }

            var read = 0;
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
                        _facts[facts.CaseId] = facts;
                    }
                }

                _loadedThrough = progress;
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

    public SituationSummary Summary(StatisticsFilter filter, ReportPeriod period) =>
        SituationReport.Summary(_facts.Values, filter, period, Now);

    public IReadOnlyList<FlowPoint> Series(StatisticsFilter filter, ReportPeriod period, SeriesInterval interval) =>
        SituationReport.Series(_facts.Values, filter, period, interval);

    public IReadOnlyList<CourtFigures> Courts(StatisticsFilter filter, ReportPeriod period) =>
        SituationReport.Courts(_facts.Values, filter, period, Now);

    public IReadOnlyList<LateCase> LateCases(StatisticsFilter filter, int limit = 500) =>
        SituationReport.LateCases(_facts.Values, filter, Now, limit);

    public IReadOnlyList<SuspendedCase> SuspendedCases(StatisticsFilter filter, int limit = 500) =>
        SituationReport.SuspendedCases(_facts.Values, filter, Now, limit);

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
