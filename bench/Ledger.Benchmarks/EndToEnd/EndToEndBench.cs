using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Api;
using Ledger.Api.Security;
using Ledger.Domain.Cases;
using Ledger.LocalStack;
using Ledger.Projections.Cases;
using Ledger.Projections.Ledger;
using Ledger.Projections.Storage;
using Marten;
using Microsoft.AspNetCore.Builder;
using Npgsql;
using static System.FormattableString;

namespace Ledger.Benchmarks.EndToEnd;

/// <summary>
/// Issue #11 items 1 and 4, all on loopback: court systems appending over HTTP while citizens verify documents
/// (throughput, latency, sequencing and anchoring lag, errors), the same appends as plain Marten and as raw
/// PostgreSQL inserts in the same run on the same cluster (separate databases), and optionally a soak at moderate
/// load with memory, handles, threads and connections sampled every 10 s. Usage:
/// <c>e2e [--seconds S] [--writers W] [--citizens C] [--cases N] [--soak-minutes M] [--think-ms T] [--kept-events K]</c>
/// (K: the API's <c>Ledger:KeptCaseEvents</c>, to see the soak's memory level off within minutes).
/// </summary>
public static class EndToEndBench
{
    private const string Court = "almaty-bostandyk";
    private const string Origin = "bench.e2e.court.example/2026";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(5));

    /// <summary>Bound on |slope| (MB per minute, second half of the soak) under which no growth trend is claimed.</summary>
    private const double TrendBoundMbPerMinute = 1.0;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 30);
        var writers = Option(args, "--writers", 8);
        var citizens = Option(args, "--citizens", 50);
        var caseCount = Math.Max(writers, (Option(args, "--cases", 200) + writers - 1) / writers * writers);
        var soakMinutes = Option(args, "--soak-minutes", 0);
        var thinkMs = Option(args, "--think-ms", 100);
        var keptEvents = Option(args, "--kept-events", 500_000);

        Console.WriteLine($"# End to end: mixed load{(soakMinutes > 0 ? " and soak" : "")}");
        Console.WriteLine();
        Console.WriteLine(Invariant($"Machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; load average at start: {LoadAverage()}"));
        Console.WriteLine(Invariant($"Options: --seconds {seconds} --writers {writers} --citizens {citizens} (think time {thinkMs} ms) --cases {caseCount} --soak-minutes {soakMinutes} --kept-events {keptEvents}"));
        Console.WriteLine();

        await using var stack = await LocalStackHost.StartAsync(new LocalStackOptions
        {
            DataFolder = Path.Combine(".data", "bench", "e2e"),
            Log = line => Console.WriteLine("  stack: " + line),
        });
        var connectionString = await stack.CreateDatabaseAsync("bench_e2e_ledger");
        var settings = new Dictionary<string, string?>(stack.ToApiSettings(connectionString))
        {
            ["RateLimiting:Public:PermitLimit"] = "100000000",
            ["Anchoring:EverySeconds"] = "2",
            ["Cases:RequireUploadedDocuments"] = "false",
            ["Cases:RequireSignedActs"] = "false",
            ["Ledger:KeptCaseEvents"] = Invariant($"{keptEvents}"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        var key = AccessTokens.FromText((await File.ReadAllTextAsync(settings["Auth:SigningKeyFile"]!)).Trim());
        var token = AccessTokens.Issue(key, "caseledger-local", "caseledger", "court-system-" + Court, [Roles.CourtSystem], null, Court);

        var app = ApiApp.Build(["--environment=Testing"], settings);
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = writers + citizens + 8 })
            {
                BaseAddress = new Uri(app.Urls.First()),
                Timeout = TimeSpan.FromSeconds(30),
            };
            await using var ledgerDb = NpgsqlDataSource.Create(connectionString);
            var load = new HttpLoad(http, token, writers);

            // Not timed: the cases are filed (each writer owns its share) and the paths warmed.
            var setup = Stopwatch.StartNew();
            await load.FileCasesAsync(caseCount);
            Console.WriteLine(Invariant($"Filed {caseCount} cases over HTTP in {setup.Elapsed.TotalSeconds:F1} s (not timed)."));
            await load.RunAsync(new LoadPlan(TimeSpan.FromSeconds(Math.Min(5, seconds)), citizens, thinkMs, 0), null);

            // Phase 1: mixed load.
            var mixed = new LoadResult();
            var lag = new LagTracker(ledgerDb);
            using (var lagStop = new CancellationTokenSource())
            {
                var tracking = lag.RunAsync(lagStop.Token);
                await load.RunAsync(new LoadPlan(TimeSpan.FromSeconds(seconds), citizens, thinkMs, 0), mixed, lag);
                await lag.DrainAsync(TimeSpan.FromSeconds(30));
                await lagStop.CancelAsync();
                await tracking;
            }

            // The same writers without citizens: the HTTP append path alone, for a like-for-like ratio to the baselines.
            var cpu = new CpuMeter(stack.Postgres.DataDirectory);
            var appendsOnly = new LoadResult();
            var cpuBefore = cpu.Read();
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            await load.RunAsync(new LoadPlan(TimeSpan.FromSeconds(seconds), 0, thinkMs, 0), appendsOnly);
            var cpuAfter = cpu.Read();
            var allocatedPerEvent = (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1024.0 / Math.Max(1, appendsOnly.AckEvents);
            var httpCpu = PerEvent(cpuBefore, cpuAfter, appendsOnly.AckEvents);

            // Same-run baselines on the same cluster, separate databases, same duration and writer count.
            var marten = await MartenBaseline.RunAsync(stack, caseCount, writers, TimeSpan.FromSeconds(seconds), cpu);
            var raw = await RawBaseline.RunAsync(stack, writers, TimeSpan.FromSeconds(seconds));

            Console.WriteLine();
            Console.WriteLine(Invariant($"## Mixed load: {seconds} s, {writers} court-system writers, {citizens} citizens ({thinkMs} ms think time), loopback"));
            Console.WriteLine();
            Console.WriteLine("| measurement | count | per second | p50 ms | p95 ms | p99 ms | max ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            Row("HTTP ledger append (POST materials, acknowledged events)", mixed.AckEvents, mixed.AckEvents / mixed.Seconds, mixed.AppendLatency);
            Row("HTTP ledger append, writers only (no citizens)", appendsOnly.AckEvents, appendsOnly.AckEvents / appendsOnly.Seconds, appendsOnly.AppendLatency);
            Row("GET /api/v1/verify/documents/{sha256} (1 in 5 unknown)", mixed.VerifyLatency.Count, mixed.VerifyLatency.Count / mixed.Seconds, mixed.VerifyLatency);
            Row("baseline: plain Marten append (same event, no HTTP, no citizens)", marten.Count, marten.Count / marten.Seconds, marten.Latency);
            Row("baseline: raw PostgreSQL insert (one JSON row per event)", raw.Count, raw.Count / raw.Seconds, raw.Latency);
            Console.WriteLine();
            var httpRate = mixed.AckEvents / mixed.Seconds;
            Console.WriteLine("| ratio | value |");
            Console.WriteLine("|---|---:|");
            var aloneRate = appendsOnly.AckEvents / appendsOnly.Seconds;
            Console.WriteLine(Invariant($"| HTTP ledger appends (mixed, with citizens) / plain Marten appends | {httpRate / (marten.Count / marten.Seconds):F3} |"));
            Console.WriteLine(Invariant($"| HTTP ledger appends (mixed, with citizens) / raw PostgreSQL inserts | {httpRate / (raw.Count / raw.Seconds):F3} |"));
            Console.WriteLine(Invariant($"| HTTP ledger appends (writers only) / plain Marten appends | {aloneRate / (marten.Count / marten.Seconds):F3} |"));
            Console.WriteLine(Invariant($"| HTTP ledger appends (writers only) / raw PostgreSQL inserts | {aloneRate / (raw.Count / raw.Seconds):F3} |"));
            Console.WriteLine();
            Console.WriteLine("CPU time per acknowledged event, writers-only phase and plain-Marten baseline: this process (for HTTP: the load client, the");
            Console.WriteLine("API with its sequencer and anchorer; for Marten: the appending code, the API idle beside it) and the bench cluster's");
            Console.WriteLine("server processes (children of its postmaster, from /proc); other processes on the machine are not counted:");
            Console.WriteLine();
            Console.WriteLine("| CPU per event | process µs | PostgreSQL µs | total µs | ratio to plain Marten |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            var martenTotal = marten.Cpu.Process + marten.Cpu.Server;
            Console.WriteLine(Invariant($"| HTTP ledger append, writers only | {httpCpu.Process:F0} | {httpCpu.Server:F0} | {httpCpu.Process + httpCpu.Server:F0} | {martenTotal / (httpCpu.Process + httpCpu.Server):F3} |"));
            Console.WriteLine(Invariant($"| plain Marten append | {marten.Cpu.Process:F0} | {marten.Cpu.Server:F0} | {martenTotal:F0} | 1.000 |"));
            Console.WriteLine();
            Console.WriteLine(Invariant($"Managed memory allocated by this process per acknowledged event in the writers-only phase (client and API): {allocatedPerEvent:F1} KB."));
            Console.WriteLine();
            Console.WriteLine(Invariant($"Lag for a sample of acknowledged events (every {LagTracker.Every}th append; from the 2xx answer to ledger.leaves.sequenced_at, and to the confirmed_at of the first confirmed anchor covering the leaf; negative sequencing lags, where the sequencer beat the client reading its answer, count as 0):"));
            Console.WriteLine();
            Console.WriteLine("| lag | sampled | measured | p50 ms | p95 ms | max ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            LagRow("sequencing (ack → leaf index)", lag.Sampled, lag.Sequencing);
            LagRow("anchoring (ack → anchor confirmed)", lag.Sampled, lag.Anchoring);
            Console.WriteLine();
            Console.WriteLine("| outcome | count |");
            Console.WriteLine("|---|---:|");
            foreach (var (outcome, count) in mixed.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                Console.WriteLine(Invariant($"| mixed: {outcome} | {count} |"));
            }

            foreach (var (outcome, count) in appendsOnly.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                Console.WriteLine(Invariant($"| writers only: {outcome} | {count} |"));
            }

            if (soakMinutes > 0)
            {
                var perSecond = Math.Max(1, mixed.AckRequests / mixed.Seconds / 2);
                await SoakAsync(load, ledgerDb, TimeSpan.FromMinutes(soakMinutes), perSecond, citizens);
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Console.WriteLine();
        Console.WriteLine($"Load average at end: {LoadAverage()}");
        return 0;
    }

    private static async Task SoakAsync(HttpLoad load, NpgsqlDataSource ledgerDb, TimeSpan duration, double appendsPerSecond, int citizens)
    {
        const int soakThinkMs = 1000;
        Console.WriteLine();
        Console.WriteLine(Invariant($"## Soak: {duration.TotalMinutes:F0} min, writers paced to {appendsPerSecond:F0} appends/s (half the mixed-load rate), {citizens} citizens with {soakThinkMs} ms think time, sampled every 10 s"));
        Console.WriteLine();
        var result = new LoadResult(keepLatencies: false);
        var samples = new List<Sample>();
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(new LoadPlan(duration, citizens, soakThinkMs, appendsPerSecond), result);
        var watch = Stopwatch.StartNew();
        long lastEvents = 0, lastVerify = 0;
        var lastAt = TimeSpan.Zero;
        while (!running.IsCompleted)
        {
            await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(10)));
            var at = watch.Elapsed;
            using var process = Process.GetCurrentProcess();
            await using var command = ledgerDb.CreateCommand("select count(*) from pg_stat_activity where backend_type = 'client backend'");
            var connections = (long)(await command.ExecuteScalarAsync())!;
            var events = Interlocked.Read(ref result.AckEvents);
            var verify = Interlocked.Read(ref result.VerifyCount);
            var span = (at - lastAt).TotalSeconds;
            if (span < 5)
            {
                // The tail after the load stopped: not a full interval.
                break;
            }

            // The un-forced figures first (what the process holds now, garbage included), then a forced full, blocking,
            // compacting collection and what is still alive after it: the trend of that figure tells retained memory
            // (a leak or a cache filling) from garbage not yet collected.
            var workingSet = process.WorkingSet64 / 1048576.0;
            var totalMemory = GC.GetTotalMemory(false) / 1048576.0;
            var heapSize = GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0;
            var pause = Stopwatch.StartNew();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var liveAfterFullGc = GC.GetTotalMemory(false) / 1048576.0;
            pause.Stop();
            process.Refresh();
            samples.Add(new Sample(at, workingSet, totalMemory, heapSize, liveAfterFullGc, process.WorkingSet64 / 1048576.0, pause.Elapsed.TotalMilliseconds,
                process.HandleCount, process.Threads.Count, connections, (events - lastEvents) / span, (verify - lastVerify) / span));
            lastEvents = events;
            lastVerify = verify;
            lastAt = at;
        }

        await running;
        Console.WriteLine("| t (s) | working set MB | GC.GetTotalMemory MB | GC heap size MB | live heap after full GC MB | working set after it MB | forced GC ms | handles | threads | PG client connections | appended events/s | verifications/s |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in samples)
        {
            Console.WriteLine(Invariant($"| {s.At.TotalSeconds:F0} | {s.WorkingSetMb:F1} | {s.TotalMemoryMb:F1} | {s.HeapSizeMb:F1} | {s.LiveAfterFullGcMb:F1} | {s.WorkingSetAfterGcMb:F1} | {s.ForcedGcMs:F0} | {s.Handles} | {s.Threads} | {s.Connections} | {s.EventsPerSecond:F0} | {s.VerifyPerSecond:F0} |"));
        }

        var secondHalf = samples.Where(s => s.At >= duration / 2).ToList();
        Console.WriteLine();
        Console.WriteLine(Invariant($"Trend over the second half ({secondHalf.Count} samples), least-squares slope; \"no growth trend\" is claimed only when the slope is within ±{TrendBoundMbPerMinute:F1} MB/min:"));
        Console.WriteLine();
        Console.WriteLine("| series | slope MB/min | verdict |");
        Console.WriteLine("|---|---:|---|");
        Trend("live heap after forced full GC", secondHalf, s => s.LiveAfterFullGcMb);
        Trend("working set after forced full GC", secondHalf, s => s.WorkingSetAfterGcMb);
        Trend("working set (un-forced)", secondHalf, s => s.WorkingSetMb);
        Trend("GC heap size (GCMemoryInfo, un-forced)", secondHalf, s => s.HeapSizeMb);
        Trend("GC.GetTotalMemory (un-forced)", secondHalf, s => s.TotalMemoryMb);
        Console.WriteLine();
        Console.WriteLine("| outcome | count |");
        Console.WriteLine("|---|---:|");
        foreach (var (outcome, count) in result.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(Invariant($"| {outcome} | {count} |"));
        }

        static void Trend(string name, List<Sample> points, Func<Sample, double> value)
        {
            if (points.Count < 3)
            {
                Console.WriteLine($"| {name} | n/a | too few samples |");
                return;
            }

            var xs = points.Select(p => p.At.TotalMinutes).ToArray();
            var ys = points.Select(value).ToArray();
            var mx = xs.Average();
            var my = ys.Average();
            var slope = xs.Zip(ys, (x, y) => (x - mx) * (y - my)).Sum() / xs.Sum(x => (x - mx) * (x - mx));
            var verdict = Math.Abs(slope) <= TrendBoundMbPerMinute ? "no growth trend" : slope > 0 ? "GROWING" : "shrinking";
            Console.WriteLine(Invariant($"| {name} | {slope:F2} | {verdict} |"));
        }
    }

    private sealed record Sample(
        TimeSpan At, double WorkingSetMb, double TotalMemoryMb, double HeapSizeMb, double LiveAfterFullGcMb, double WorkingSetAfterGcMb, double ForcedGcMs,
        int Handles, int Threads, long Connections, double EventsPerSecond, double VerifyPerSecond);

    private sealed record LoadPlan(TimeSpan Duration, int Citizens, int ThinkMs, double AppendsPerSecond);

    private sealed class LoadResult(bool keepLatencies = true)
    {
        public long AckEvents;
        public long AckRequests;
        public long VerifyCount;
        public double Seconds;

        /// <summary>Whether every latency is kept (the timed phases); the soak keeps counts only, so that the load client's own memory stays flat.</summary>
        public bool KeepLatencies { get; } = keepLatencies;
        public ConcurrentBag<double> AppendLatency { get; } = [];
        public ConcurrentBag<double> VerifyLatency { get; } = [];
        public ConcurrentDictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);

        public void Count(string outcome) => Outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
    }

    /// <summary>Court-system writers (each on its own cases) and citizens verifying documents, over HTTP.</summary>
    private sealed class HttpLoad(HttpClient http, string token, int writers)
    {
        private readonly List<WriterCase>[] _cases = [.. Enumerable.Range(0, writers).Select(_ => new List<WriterCase>())];
        /// <summary>At most this many acknowledged hashes are kept for the citizens (the most recent): the load client's memory stays bounded in a soak.</summary>
        private const int KnownLimit = 20_000;

        private readonly List<string> _known = [];
        private int _knownNext;
        private readonly Lock _knownLock = new();
        private readonly string _run = Guid.NewGuid().ToString("N");
        private long _unknown;

        public async Task FileCasesAsync(int caseCount)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) < caseCount)
                {
                    var caseId = Guid.NewGuid();
                    var claimant = Guid.NewGuid();
                    var claim = Doc("claim-" + caseId, "claim");
                    var body = new
                    {
                        caseId,
                        kind = "civil",
                        courtId = Court,
                        caseNumber = Invariant($"2-{n + 1}-26"),
                        subject = "О взыскании долга",
                        claimant = new { participantId = claimant, role = "plaintiff", displayName = "Нурланова Айгерим" },
                        materials = new[] { claim.Body },
                    };
                    using var request = Request("api/v1/cases/claims", body, null);
                    using var response = await http.SendAsync(request);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException(Invariant($"Filing a claim answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"));
                    }

                    lock (_knownLock)
                    {
                        Remember(claim.Sha256);
                        _cases[n % writers].Add(new WriterCase(caseId, claimant) { ETag = response.Headers.ETag?.Tag });
                    }
                }
            })));
        }

        /// <summary>Runs writers and citizens for the plan's duration; <paramref name="result"/> null for a warm-up.</summary>
        public async Task RunAsync(LoadPlan plan, LoadResult? result, LagTracker? lag = null)
        {
            var sink = result ?? new LoadResult();
            var watch = Stopwatch.StartNew();
            var tasks = new List<Task>();
            for (var w = 0; w < writers; w++)
            {
                var writer = w;
                tasks.Add(Task.Run(() => WriterAsync(writer, plan, watch, sink, lag)));
            }

            for (var c = 0; c < plan.Citizens; c++)
            {
                var citizen = c;
                tasks.Add(Task.Run(() => CitizenAsync(citizen, plan, watch, sink)));
            }

            await Task.WhenAll(tasks);
            sink.Seconds = watch.Elapsed.TotalSeconds;
        }

        private async Task WriterAsync(int writer, LoadPlan plan, Stopwatch watch, LoadResult result, LagTracker? lag)
        {
            var cases = _cases[writer];
            // Paced (soak): each writer takes its share of the target rate on a fixed schedule, without catching up bursts.
            var interval = plan.AppendsPerSecond > 0 ? TimeSpan.FromSeconds(writers / plan.AppendsPerSecond) : TimeSpan.Zero;
            var due = watch.Elapsed;
            var i = 0;
            while (watch.Elapsed < plan.Duration)
            {
                if (interval > TimeSpan.Zero)
                {
                    var wait = due - watch.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }

                    due = TimeSpan.FromTicks(Math.Max(due.Ticks, watch.Elapsed.Ticks - interval.Ticks)) + interval;
                    if (watch.Elapsed >= plan.Duration)
                    {
                        break;
                    }
                }

                var target = cases[i++ % cases.Count];
                var doc = Doc(Invariant($"evidence-{_run}-{writer}-{i}"), "evidence");
                using var request = Request($"api/v1/cases/{target.CaseId}/materials", new { document = doc.Body, filedBy = target.ClaimantId }, target.ETag);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    var status = (int)response.StatusCode;
                    result.Count(Invariant($"append {status}"));
                    if (status is < 200 or > 299)
                    {
                        // A stale version (412) or anything else: ask without If-Match next time rather than spin.
                        target.ETag = null;
                        continue;
                    }

                    var acked = DateTime.UtcNow;
                    target.ETag = response.Headers.ETag?.Tag;
                    using var json = JsonDocument.Parse(text);
                    var events = json.RootElement.GetProperty("events");
                    Interlocked.Add(ref result.AckEvents, events.GetArrayLength());
                    var requests = Interlocked.Increment(ref result.AckRequests);
                    if (result.KeepLatencies)
                    {
                        result.AppendLatency.Add(ms);
                    }
                    lock (_knownLock)
                    {
                        Remember(doc.Sha256);
                    }

                    if (lag is not null && requests % LagTracker.Every == 0)
                    {
                        lag.Add(events[0].GetProperty("eventId").GetGuid(), acked);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or JsonException)
                {
                    result.Count(ex is TaskCanceledException ? "append timeout" : "append connection");
                    target.ETag = null;
                }
            }
        }

        private async Task CitizenAsync(int citizen, LoadPlan plan, Stopwatch watch, LoadResult result)
        {
            if (plan.ThinkMs > 0)
            {
                await Task.Delay(citizen * plan.ThinkMs / Math.Max(1, plan.Citizens));
            }

            long n = citizen;
            while (watch.Elapsed < plan.Duration)
            {
                string hash;
                if (++n % 5 == 0)
                {
                    hash = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(Interlocked.Increment(ref _unknown) + (1L << 40))));
                }
                else
                {
                    lock (_knownLock)
                    {
                        hash = _known[(int)((n * 7919) % _known.Count)];
                    }
                }

                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync("api/v1/verify/documents/" + hash);
                    await response.Content.ReadAsByteArrayAsync();
                    Interlocked.Increment(ref result.VerifyCount);
                    if (result.KeepLatencies)
                    {
                        result.VerifyLatency.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }

                    result.Count(Invariant($"verify {(int)response.StatusCode}"));
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    result.Count(ex is TaskCanceledException ? "verify timeout" : "verify connection");
                }

                if (plan.ThinkMs > 0)
                {
                    await Task.Delay(plan.ThinkMs);
                }
            }
        }

        /// <summary>Adds an acknowledged hash, replacing the oldest once <see cref="KnownLimit"/> are kept (call under the lock).</summary>
        private void Remember(string sha256)
        {
            if (_known.Count < KnownLimit)
            {
                _known.Add(sha256);
            }
            else
            {
                _known[_knownNext] = sha256;
                _knownNext = (_knownNext + 1) % KnownLimit;
            }
        }

        private HttpRequestMessage Request(string path, object body, string? etag)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            if (etag is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", etag);
            }

            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
            return request;
        }

        private static (string Sha256, object Body) Doc(string name, string kind)
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
            return (sha, new { sha256 = sha, kind, fileName = name + ".pdf", mediaType = "application/pdf", sizeBytes = 2048 });
        }

        private sealed class WriterCase(Guid caseId, Guid claimantId)
        {
            public Guid CaseId { get; } = caseId;

            public Guid ClaimantId { get; } = claimantId;

            public string? ETag { get; set; }
        }
    }

    /// <summary>
    /// Sequencing and anchoring lag of sampled acknowledged events, polled from the ledger's tables every 100 ms:
    /// <c>ledger.leaves.sequenced_at</c> and the <c>confirmed_at</c> of the first confirmed anchor whose tree covers the leaf.
    /// </summary>
    private sealed class LagTracker(NpgsqlDataSource dataSource)
    {
        public const int Every = 10;
        private readonly ConcurrentQueue<(Guid EventId, DateTime Acked)> _incoming = new();
        private readonly Dictionary<Guid, (DateTime Acked, bool Sequenced)> _open = [];
        private int _sampled;

        public List<double> Sequencing { get; } = [];

        public List<double> Anchoring { get; } = [];

        public int Sampled => _sampled;

        public void Add(Guid eventId, DateTime acked)
        {
            Interlocked.Increment(ref _sampled);
            _incoming.Enqueue((eventId, acked));
        }

        public async Task RunAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                await PollAsync();
                try
                {
                    await Task.Delay(100, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        public async Task DrainAsync(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline && (!_incoming.IsEmpty || Open() > 0))
            {
                await Task.Delay(200);
            }
        }

        private int Open()
        {
            lock (_open)
            {
                return _open.Count;
            }
        }

        private async Task PollAsync()
        {
            Guid[] ids;
            lock (_open)
            {
                while (_incoming.TryDequeue(out var item))
                {
                    _open[item.EventId] = (item.Acked, false);
                }

                ids = [.. _open.Keys];
            }

            if (ids.Length == 0)
            {
                return;
            }

            await using var command = dataSource.CreateCommand(
                """
                select l.event_id, l.sequenced_at,
                       (select min(a.confirmed_at) from ledger.anchors a where a.status = 'confirmed' and a.tree_size > l.leaf_index)
                from ledger.leaves l where l.event_id = any($1)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var id = reader.GetGuid(0);
                var sequencedAt = reader.GetFieldValue<DateTime>(1);
                DateTime? confirmedAt = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTime>(2);
                lock (_open)
                {
                    var (acked, sequenced) = _open[id];
                    if (!sequenced)
                    {
                        Sequencing.Add(Math.Max(0, (sequencedAt - acked).TotalMilliseconds));
                        _open[id] = (acked, true);
                    }

                    if (confirmedAt is { } confirmed)
                    {
                        Anchoring.Add(Math.Max(0, (confirmed - acked).TotalMilliseconds));
                        _open.Remove(id);
                    }
                }
            }
        }
    }

    private sealed record BaselineResult(long Count, double Seconds, ConcurrentBag<double> Latency)
    {
        public (double Process, double Server) Cpu { get; init; }
    }

    /// <summary>CPU microseconds per event between two readings of <see cref="CpuMeter"/>.</summary>
    private static (double Process, double Server) PerEvent((TimeSpan Client, TimeSpan Server) before, (TimeSpan Client, TimeSpan Server) after, long events) =>
        events == 0 ? (0, 0) : ((after.Client - before.Client).TotalMicroseconds / events, (after.Server - before.Server).TotalMicroseconds / events);

    /// <summary>The same MaterialAttached events appended with plain Marten sessions, as LedgerBench's baseline does.</summary>
    private static class MartenBaseline
    {
        public static async Task<BaselineResult> RunAsync(LocalStackHost stack, int caseCount, int writers, TimeSpan duration, CpuMeter cpu)
        {
            var connectionString = await stack.CreateDatabaseAsync("bench_e2e_marten");
            await using var dataSource = LedgerDataSource.Create(connectionString);
            await LedgerSchema.EnsureAsync(dataSource);
            using var store = MartenConfiguration.CreateStore(dataSource);
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            var ledger = new CaseLedger(store, Origin);
            var setup = new List<(Guid CaseId, Guid Claimant)>();
            for (var n = 0; n < caseCount; n++)
            {
                var caseId = Guid.NewGuid();
                var claimant = new Participant(Guid.NewGuid(), ParticipantRole.Plaintiff, "Истец " + n, null);
                await ledger.HandleAsync(new FileClaim(caseId, CaseKind.Civil, CaseCategory.General, Court,
                    CaseNumber.Format(CaseKind.Civil, n + 1, 2026), "О взыскании", claimant, [Doc(Invariant($"claim-{n}"))], T0));
                setup.Add((caseId, claimant.ParticipantId));
            }

            async Task<BaselineResult> Slice(TimeSpan length)
            {
                var latency = new ConcurrentBag<double>();
                long count = 0;
                var watch = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
                {
                    var i = 0;
                    while (watch.Elapsed < length)
                    {
                        var (caseId, claimant) = setup[(w + (i * writers)) % setup.Count];
                        var start = Stopwatch.GetTimestamp();
                        await using (var session = store.LightweightSession())
                        {
                            session.Events.Append(caseId, new MaterialAttached(caseId, Guid.NewGuid(), Doc(Invariant($"m-{w}-{i}-{Guid.NewGuid()}")), claimant, T0.AddDays(2)));
                            await session.SaveChangesAsync();
                        }

                        latency.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        Interlocked.Increment(ref count);
                        i++;
                    }
                })));
                return new BaselineResult(count, watch.Elapsed.TotalSeconds, latency);
            }

            await Slice(TimeSpan.FromSeconds(Math.Min(5, duration.TotalSeconds)));
            var before = cpu.Read();
            var result = await Slice(duration);
            return result with { Cpu = PerEvent(before, cpu.Read(), result.Count) };
        }
    }

    /// <summary>One INSERT per event of a comparable JSON row into a plain table, one connection per writer.</summary>
    private static class RawBaseline
    {
        public static async Task<BaselineResult> RunAsync(LocalStackHost stack, int writers, TimeSpan duration)
        {
            var connectionString = await stack.CreateDatabaseAsync("bench_e2e_raw");
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using (var create = dataSource.CreateCommand(
                """
                drop table if exists raw_events;
                create table raw_events (
                    seq        bigserial primary key,
                    event_id   uuid not null unique,
                    stream_id  uuid not null,
                    type       text not null,
                    data       jsonb not null,
                    created_at timestamptz not null default now()
                );
                """))
            {
                await create.ExecuteNonQueryAsync();
            }

            async Task<BaselineResult> Slice(TimeSpan length)
            {
                var latency = new ConcurrentBag<double>();
                long count = 0;
                var watch = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
                {
                    await using var connection = await dataSource.OpenConnectionAsync();
                    var stream = Guid.NewGuid();
                    var i = 0;
                    while (watch.Elapsed < length)
                    {
                        var e = new MaterialAttached(stream, Guid.NewGuid(), Doc(Invariant($"r-{w}-{i}-{Guid.NewGuid()}")), Guid.NewGuid(), T0.AddDays(2));
                        var start = Stopwatch.GetTimestamp();
                        await using (var insert = new NpgsqlCommand("insert into raw_events (event_id, stream_id, type, data) values ($1, $2, $3, $4::jsonb)", connection))
                        {
                            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
                            insert.Parameters.Add(new NpgsqlParameter { Value = stream });
                            insert.Parameters.Add(new NpgsqlParameter { Value = "material_attached" });
                            insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(e) });
                            await insert.ExecuteNonQueryAsync();
                        }

                        latency.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        Interlocked.Increment(ref count);
                        i++;
                    }
                })));
                return new BaselineResult(count, watch.Elapsed.TotalSeconds, latency);
            }

            await Slice(TimeSpan.FromSeconds(Math.Min(5, duration.TotalSeconds)));
            return await Slice(duration);
        }
    }

    private static DocumentRef Doc(string name) =>
        new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name))), "evidence", "doc.pdf", "application/pdf", 2048);

    private static void Row(string name, long count, double perSecond, IEnumerable<double> latency)
    {
        var sorted = latency.Order().ToArray();
        if (sorted.Length == 0)
        {
            Console.WriteLine($"| {name} | 0 | 0 | | | | |");
            return;
        }

        Console.WriteLine(Invariant($"| {name} | {count:N0} | {perSecond:F0} | {Percentile(sorted, 0.50):F1} | {Percentile(sorted, 0.95):F1} | {Percentile(sorted, 0.99):F1} | {sorted[^1]:F1} |"));
    }

    private static void LagRow(string name, int sampled, List<double> lags)
    {
        var sorted = lags.Order().ToArray();
        if (sorted.Length == 0)
        {
            Console.WriteLine(Invariant($"| {name} | {sampled} | 0 | | | |"));
            return;
        }

        Console.WriteLine(Invariant($"| {name} | {sampled} | {sorted.Length} | {Percentile(sorted, 0.50):F0} | {Percentile(sorted, 0.95):F0} | {sorted[^1]:F0} |"));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
