using System.Text.Json.Serialization.Metadata;
using System.Diagnostics;
using System.Globalization;
using Ledger.Domain.Cases;
using Ledger.Domain.Cases.Scenarios;
using Ledger.Domain.Statistics;
using Ledger.LocalStack;
using Ledger.Projections.Statistics;
using Ledger.Projections.Statistics.CaseFacts;
using Ledger.Projections.Storage;
using Marten;
using Marten.Events;

namespace Ledger.Benchmarks;

/// <summary>
/// The situation center at scale, on a local PostgreSQL cluster (folder .data/bench). Usage:
/// <c>situation [--cases N] [--minutes M] [--seed S] [--repeat R]</c>. Generates cases with
/// <see cref="CaseScenarioGenerator"/> (a year of arrivals), appends their events straight to the Marten event store
/// (the ledger's Merkle entries are not needed for statistics), stopping when the append phase passes M minutes; then
/// measures the async daemon's catch-up of the case-facts projection, the load of the query side, the dashboard
/// queries (p50/p95 over R repetitions of each query and filter) and a full rebuild. Prints a Markdown table.
/// </summary>
public static class SituationBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var target = Arg(args, "--cases", 100_000);
        var minutes = Arg(args, "--minutes", 8);
        var seed = Arg(args, "--seed", 2026);
        var repeat = Arg(args, "--repeat", 40);
        // --queries-only: measure the queries again on the database a previous run left (no append, catch-up or rebuild).
        var queriesOnly = args.Contains("--queries-only");
        if (args.Contains("--fold-only"))
        {
            return FoldOnly(target, seed, args);
        }

        await using var stack = await LocalStackHost.StartAsync(new LocalStackOptions { DataFolder = ".data/bench", DeployContract = false });
        var connectionString = queriesOnly
            ? new Npgsql.NpgsqlConnectionStringBuilder(stack.ConnectionString) { Database = "bench_situation" }.ConnectionString
            : await stack.CreateDatabaseAsync("bench_situation");
        await using var dataSource = LedgerDataSource.Create(connectionString);
        using var store = MartenConfiguration.CreateStore(dataSource);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        Console.WriteLine($"Situation bench: up to {target} cases, append phase bounded to {minutes} min; PostgreSQL {stack.Postgres.Port}; {Environment.ProcessorCount} cores");

        // 1. Generate and append (not the measured part; bounded in time).
        var generator = new CaseScenarioGenerator(seed);
        var appendWatch = Stopwatch.StartNew();
        long events = 0;
        var cases = 0;
        const int chunk = 500;
        while (!queriesOnly && cases < target && appendWatch.Elapsed < TimeSpan.FromMinutes(minutes))
        {
            var batch = Enumerable.Range(0, Math.Min(chunk, target - cases)).Select(_ => Events(generator.Next())).ToArray();
            await using var session = store.LightweightSession();
            foreach (var (caseId, caseEvents) in batch)
            {
                session.Events.StartStream(caseId, caseEvents);
                events += caseEvents.Length;
            }

            await session.SaveChangesAsync();
            cases += batch.Length;
            if (cases % 10_000 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  appended {cases} cases, {events} events ({appendWatch.Elapsed.TotalSeconds:F0} s)"));
            }
        }

        appendWatch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Appended {cases} cases, {events} events in {appendWatch.Elapsed.TotalSeconds:F0} s ({events / appendWatch.Elapsed.TotalSeconds:F0} events/s)"));

        // 2. Catch-up: the daemon starts on a store that already holds every event.
        using var daemon = await store.BuildProjectionDaemonAsync();
        var catchUp = Stopwatch.StartNew();
        if (!queriesOnly)
        {
            await daemon.StartAllAsync();
            await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(60));
        }

        catchUp.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Catch-up: {catchUp.Elapsed.TotalSeconds:F1} s ({events / catchUp.Elapsed.TotalSeconds:F0} events/s); load average {LoadAverage()}"));

        // 3. The query side: first load, then the dashboard's queries.
        var now = new CaseScenarioOptions().Start.AddDays(400);
        using var center = new SituationCenter(dataSource, time: new FixedTime(now));
        var load = Stopwatch.StartNew();
        await center.RefreshAsync();
        load.Stop();
        var emptyRefresh = Stopwatch.StartNew();
        await center.RefreshAsync();
        emptyRefresh.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Query side: first load of {center.Status.Cases} cases {load.Elapsed.TotalMilliseconds:F0} ms ({center.Index.CellCount} pre-aggregated cells), refresh with nothing new {emptyRefresh.Elapsed.TotalMilliseconds:F1} ms"));

        var someJudge = center.Facts.First(f => f.JudgeId is not null).JudgeId;
        StatisticsFilter[] filters =
        [
            StatisticsFilter.All,
            new(Courts: ["almaty-bostandyk"]),
            new(Region: "Almaty"),
            new(Kind: CaseKind.Civil, Category: CaseCategory.Alimony),
            new(JudgeId: someJudge),
        ];
        var period = new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var queries = new (string Name, Action<StatisticsFilter> Run)[]
        {
            ("summary", f => center.Summary(f, period, cached: false)),
            ("series (week)", f => center.Series(f, period, SeriesInterval.Week, cached: false)),
            ("courts", f => center.Courts(f, period, cached: false)),
            ("categories", f => center.Breakdown(f, period, BreakdownBy.Category, cached: false)),
            ("series (day)", f => center.Series(f, period, SeriesInterval.Day, cached: false)),
            ("late cases", f => center.LateCases(f, 200, cached: false)),
            ("suspended cases", f => center.SuspendedCases(f, 200, cached: false)),
        };
        // Warm-up (as in a running API process): every query and filter twice, so the timings are of optimized code.
        for (var w = 0; w < 2; w++)
        {
            foreach (var (_, run) in queries)
            {
                foreach (var filter in filters)
                {
                    run(filter);
                }
            }
        }

        Console.WriteLine($"Queries start; load average {LoadAverage()}");
        var all = new List<double>();
        var allCourts = new List<double>();
        var rows = new List<string>();
        foreach (var (name, run) in queries)
        {
            var times = new List<double>();
            var timesAll = new List<double>();
            for (var r = 0; r < repeat; r++)
            {
                foreach (var filter in filters)
                {
                    var watch = Stopwatch.StartNew();
                    run(filter);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    if (ReferenceEquals(filter, StatisticsFilter.All))
                    {
                        allCourts.Add(watch.Elapsed.TotalMilliseconds);
                        timesAll.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
            }

            all.AddRange(times);
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {name} | {times.Count} | {Percentile(times, 50):F1} | {Percentile(times, 95):F1} | {times.Max():F1} | {Percentile(timesAll, 50):F1} / {Percentile(timesAll, 95):F1} |"));
        }

        // Baseline in the same run: the previous query path, a scan of every case's facts (SituationReport), all courts.
        var facts = center.Facts.ToArray();
        var reference = new (string Name, Action Run)[]
        {
            ("summary", () => SituationReport.Summary(facts, StatisticsFilter.All, period, center.Now)),
            ("series (week)", () => SituationReport.Series(facts, StatisticsFilter.All, period, SeriesInterval.Week)),
            ("courts", () => SituationReport.Courts(facts, StatisticsFilter.All, period, center.Now)),
        };
        var referenceRows = new List<string>();
        var referenceAll = new List<double>();
        foreach (var (name, run) in reference)
        {
            run();
            run();
            var times = new List<double>();
            for (var r = 0; r < repeat; r++)
            {
                var watch = Stopwatch.StartNew();
                run();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            referenceAll.AddRange(times);
            referenceRows.Add(string.Create(CultureInfo.InvariantCulture, $"| scan of every case (previous path): {name}, all courts | {times.Count} | {Percentile(times, 50):F1} | {Percentile(times, 95):F1} | {times.Max():F1} | |"));
        }

        // A whole dashboard refresh: the five calls the page makes, for all courts; computed, then answered from memory.
        var dashboard = new List<double>();
        var dashboardCached = new List<double>();
        for (var r = 0; r < repeat; r++)
        {
            var watch = Stopwatch.StartNew();
            center.Summary(StatisticsFilter.All, period, cached: false);
            center.Series(StatisticsFilter.All, period, SeriesInterval.Week, cached: false);
            center.Courts(StatisticsFilter.All, period, cached: false);
            center.Breakdown(StatisticsFilter.All, period, BreakdownBy.Category, cached: false);
            center.LateCases(StatisticsFilter.All, 200, cached: false);
            dashboard.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            center.Summary(StatisticsFilter.All, period);
            center.Series(StatisticsFilter.All, period, SeriesInterval.Week);
            center.Courts(StatisticsFilter.All, period);
            center.Breakdown(StatisticsFilter.All, period, BreakdownBy.Category);
            center.LateCases(StatisticsFilter.All, 200);
            dashboardCached.Add(watch.Elapsed.TotalMilliseconds);
        }

        // 4. Rebuild from the events.
        var rebuild = Stopwatch.StartNew();
        if (!queriesOnly)
        {
            await daemon.RebuildProjectionAsync<CaseFactsProjection>(TimeSpan.FromMinutes(60), CancellationToken.None);
        }

        rebuild.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Rebuild: {rebuild.Elapsed.TotalSeconds:F1} s; load average {LoadAverage()}"));
        await center.RefreshAsync();
        var rebuiltCases = center.Status.Cases;
        await daemon.StopAllAsync();

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases} cases, {events} events; {repeat} repetitions × {filters.Length} filters per query"));
        Console.WriteLine();
        Console.WriteLine("| query (computed each time) | runs | p50 ms | p95 ms | max ms | all courts only p50 / p95 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| every query above | {all.Count} | {Percentile(all, 50):F1} | {Percentile(all, 95):F1} | {all.Max():F1} | |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| every query above, all courts only | {allCourts.Count} | {Percentile(allCourts, 50):F1} | {Percentile(allCourts, 95):F1} | {allCourts.Max():F1} | |"));
        referenceRows.ForEach(Console.WriteLine);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| scan of every case (previous path), the three above | {referenceAll.Count} | {Percentile(referenceAll, 50):F1} | {Percentile(referenceAll, 95):F1} | {referenceAll.Max():F1} | |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| whole dashboard (5 calls, all courts), computed | {dashboard.Count} | {Percentile(dashboard, 50):F1} | {Percentile(dashboard, 95):F1} | {dashboard.Max():F1} | |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| whole dashboard, answered from memory (same version and minute) | {dashboardCached.Count} | {Percentile(dashboardCached, 50):F2} | {Percentile(dashboardCached, 95):F2} | {dashboardCached.Max():F2} | |"));
        Console.WriteLine();
        Console.WriteLine("| measurement | value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| append (plain Marten, 500 cases per transaction) | {events / appendWatch.Elapsed.TotalSeconds:F0} events/s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| daemon catch-up of the case-facts projection | {catchUp.Elapsed.TotalSeconds:F1} s = {events / catchUp.Elapsed.TotalSeconds:F0} events/s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| rebuild of the case-facts projection | {rebuild.Elapsed.TotalSeconds:F1} s = {events / rebuild.Elapsed.TotalSeconds:F0} events/s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| query side: first load of {rebuiltCases} case facts | {load.Elapsed.TotalMilliseconds:F0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| query side: refresh with nothing new | {emptyRefresh.Elapsed.TotalMilliseconds:F1} ms |"));
        return queriesOnly || rebuiltCases == cases ? 0 : 1;
    }

    /// <summary>Where the projection's time goes without a database: the decider's fold, the statistics fold, the facts, the JSON.</summary>
    private static int FoldOnly(int target, int seed, string[] args)
    {
        var generator = new CaseScenarioGenerator(seed);
        var cases = Enumerable.Range(0, target).Select(_ => Events(generator.Next())).ToArray();
        var events = cases.Sum(c => c.Events.Length);
        var json = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        json.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        if (!args.Contains("--full-json"))
        {
            json.TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver().WithAddedModifier(StatisticsJson.Compact);
        }
        var watch = Stopwatch.StartNew();
        var open = 0;
        foreach (var (_, e) in cases)
        {
            open += e.Aggregate(CaseState.Empty, CaseDecider.Evolve).IsSuspended ? 1 : 0;
        }

        var decider = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var folded = cases.Select(c => CaseStatistics.Fold(c.Events)).ToArray();
        var statistics = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var facts = folded.Select(Domain.Statistics.CaseFacts.From).ToArray();
        var fromTime = watch.Elapsed.TotalSeconds;
        watch.Restart();
        long bytes = 0;
        foreach (var f in folded)
        {
            bytes += System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new CaseFactsDocument { Statistics = f }, json).Length;
        }

        var serialize = watch.Elapsed.TotalSeconds;
        if (Environment.GetEnvironmentVariable("SITUATION_PEEK") is { } peek)
        {
            File.WriteAllText(peek, System.Text.Json.JsonSerializer.Serialize(new CaseFactsDocument { Statistics = folded[^1] }, json));
        }

        watch.Restart();
        var index = SituationIndex.Build(facts!);
        var build = watch.Elapsed.TotalSeconds;
        // The all-court queries on the cells, in memory (no database, no API): median of 30 runs after a warm-up.
        var period = new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var now = new CaseScenarioOptions().Start.AddDays(400);
        var timed = new (string Name, Action Run)[]
        {
            ("summary", () => index.Summary(StatisticsFilter.All, period, now)),
            ("courts", () => index.Breakdown(StatisticsFilter.All, period, now, BreakdownBy.Court)),
            ("series (week)", () => index.Series(StatisticsFilter.All, period, SeriesInterval.Week)),
            ("late cases", () => SituationReport.LateCases(index.PendingFacts(StatisticsFilter.All), StatisticsFilter.All, now, 200)),
        };
        foreach (var (name, run) in timed)
        {
            run();
            var times = new List<double>();
            for (var r = 0; r < 30; r++)
            {
                var w = Stopwatch.StartNew();
                run();
                times.Add(w.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}, all courts, in memory: p50 {Percentile(times, 50):F2} ms, p95 {Percentile(times, 95):F2} ms"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{target} cases, {events} events: decider fold {decider:F2} s ({events / decider:F0} ev/s), statistics fold {statistics:F2} s ({events / statistics:F0} ev/s), facts {fromTime:F2} s, JSON of documents {serialize:F2} s ({bytes / target} bytes/case), index {build:F2} s ({index.CellCount} cells); {open} suspended"));
        return 0;
    }

    private static (Guid CaseId, CaseEvent[] Events) Events(CaseScenario scenario)
    {
        var state = CaseState.Empty;
        var events = new List<CaseEvent>();
        foreach (var command in scenario.Commands)
        {
            foreach (var e in CaseDecider.Decide(command, state))
            {
                state = CaseDecider.Evolve(state, e);
                events.Add(e);
            }
        }

        return (scenario.CaseId, events.ToArray());
    }

    /// <summary>The 1, 5 and 15-minute load averages (the machine is shared: every figure is read with them).</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
