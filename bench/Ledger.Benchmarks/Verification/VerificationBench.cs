using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Ledger.Anchoring.Audit;
using Ledger.Api;
using Ledger.Domain.Cases;
using Ledger.Domain.Integrity;
using Ledger.Projections.Storage;
using Ledger.LocalStack;
using Ledger.Projections.Cases;
using Ledger.Projections.Log;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ledger.Benchmarks.Verification;

/// <summary>
/// Measures public verification on a local stack, all on loopback: (1) verify-by-hash latency (p50/p99) with 200
/// concurrent clients against the API, with <c>/health/live</c> under the same load as the baseline, first with no pause
/// between a client's requests (saturation), then with <c>--think-ms</c> between them; (2) audit speed
/// (events per second, the full <see cref="LedgerAuditor"/> over the seeded ledger); (3) receipt size, pending and
/// anchored. Bounded: at most <c>--requests</c> requests per measurement and <c>--seconds</c> seconds.
/// </summary>
public static class VerificationBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var cases = Option(args, "--cases", 3000);
        var clients = Option(args, "--clients", 200);
        var requests = Option(args, "--requests", 20000);
        var seconds = Option(args, "--seconds", 60);
        var thinkMs = Option(args, "--think-ms", 250);
        var auditOnly = args.Contains("--audit-only");
        var reuse = args.Contains("--reuse");
        var passes = Option(args, "--passes", 3);
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");

        await using var stack = await LocalStackHost.StartAsync(new LocalStackOptions
        {
            DataFolder = Path.Combine(".data", "bench", "verification"),
            Log = line => Console.WriteLine("  stack: " + line),
        });
        var database = auditOnly ? $"bench_audit_{cases}" : "bench_verification";
        var reused = reuse && await HasLedgerAsync(stack, database, cases * 3);
        var connectionString = reused ? stack.Postgres.ConnectionStringFor(database) : await stack.CreateDatabaseAsync(database);
        var settings = new Dictionary<string, string?>(stack.ToApiSettings(connectionString))
        {
            ["RateLimiting:Public:PermitLimit"] = "100000000",
            ["Anchoring:EverySeconds"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var app = ApiApp.Build(["--environment=Testing"], settings);
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        var stopped = false;
        try
        {
            var baseAddress = new Uri(app.Urls.First());
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = baseAddress };
            (await http.GetAsync("/api/v1/verify/documents/" + new string('0', 64))).EnsureSuccessStatusCode();

            if (auditOnly)
            {
                // Only the audit: seed once (kept with --reuse), let the sequencer and anchorer finish, stop the API so that
                // the audit has the machine to itself, then audit --passes times in this process.
                if (!reused)
                {
                    var (_, _, seeded) = await SeedAsync(app.Services.GetRequiredService<CaseLedger>(), cases);
                    Console.WriteLine($"Seeded {cases} cases ({cases * 3} events) in {seeded.TotalSeconds:F1} s.");
                }
                else
                {
                    Console.WriteLine($"Reusing database {database} ({cases * 3} events).");
                }

                await WaitSequencedAsync(app.Services.GetRequiredService<NpgsqlDataSource>());
                await Task.Delay(TimeSpan.FromSeconds(3));
                var verifier = NoteVerifier.FromVerifierKey(app.Services.GetRequiredService<NoteSigner>().VerifierKey);
                await app.StopAsync();
                stopped = true;
                await AuditPassesAsync(connectionString, verifier, passes);
                return 0;
            }

            var ledger = app.Services.GetRequiredService<CaseLedger>();
            var (hashes, eventIds, seedTime) = await SeedAsync(ledger, cases);
            Console.WriteLine($"Seeded {cases} cases ({cases * 3} events) in {seedTime.TotalSeconds:F1} s.");
            await WaitSequencedAsync(app.Services.GetRequiredService<NpgsqlDataSource>());

            Console.WriteLine();
            Console.WriteLine($"| request ({clients} concurrent clients, loopback) | requests | p50 ms | p99 ms | max ms | requests/s |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            // Warm-up (connections, JIT, pools), not reported.
            await LoadAsync(http, null, _ => "/health/live", clients, requests / 4, seconds);
            await LoadAsync(http, null, i => "/api/v1/verify/documents/" + hashes[(int)(i % hashes.Count)], clients, requests / 4, seconds);
            await LoadAsync(http, "GET /health/live (baseline)", _ => "/health/live", clients, requests, seconds);
            await LoadAsync(http, "GET /api/v1/verify/documents/{sha256} (found)", i => "/api/v1/verify/documents/" + hashes[(int)(i % hashes.Count)], clients, requests, seconds);
            await LoadAsync(http, "GET /api/v1/verify/documents/{sha256} (not found)", i => "/api/v1/verify/documents/" + Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i))), clients, requests, seconds);

            // The same clients as people use the page: each waits --think-ms between its requests (closed loop with think
            // time), so the latency is the service time at that load rather than the queue of a saturated machine.
            Console.WriteLine();
            Console.WriteLine($"| request ({clients} concurrent clients, {thinkMs} ms think time each, loopback) | requests | p50 ms | p99 ms | max ms | requests/s |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            await LoadAsync(http, "GET /health/live (baseline)", _ => "/health/live", clients, requests, seconds, thinkMs);
            await LoadAsync(http, "GET /api/v1/verify/documents/{sha256} (found)", i => "/api/v1/verify/documents/" + hashes[(int)(i % hashes.Count)], clients, requests, seconds, thinkMs);
            await LoadAsync(http, "GET /api/v1/verify/documents/{sha256} (not found)", i => "/api/v1/verify/documents/" + Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i + 1_000_000_000))), clients, requests, seconds, thinkMs);

            // Audit speed over the whole seeded ledger.
            await AuditPassesAsync(connectionString, NoteVerifier.FromVerifierKey(app.Services.GetRequiredService<NoteSigner>().VerifierKey), 3);

            // Receipt size: pending now, anchored once the anchorer has confirmed a checkpoint covering the event.
            var eventId = eventIds[0];
            var pending = await http.GetStringAsync($"/api/v1/receipts/{eventId}");
            Console.WriteLine($"Receipt (as served, indented JSON): {Encoding.UTF8.GetByteCount(pending)} bytes{(pending.Contains("\"anchor\": null", StringComparison.Ordinal) ? " (pending)" : " (anchored)")}");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            string anchored = pending;
            while (anchored.Contains("\"anchor\": null", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
                anchored = await http.GetStringAsync($"/api/v1/receipts/{eventId}");
            }

            var receipt = Receipt.FromJson(anchored);
            var proof = TlogProof.Parse(receipt.Proof);
            var treeSize = Checkpoint.ParseBody(proof.Checkpoint[..(proof.Checkpoint.IndexOf("\n\n", StringComparison.Ordinal) + 1)]).TreeSize;
            var state = receipt.Anchor is null ? "still pending" : "anchored";
            Console.WriteLine($"Receipt {state}: {Encoding.UTF8.GetByteCount(anchored)} bytes, {proof.Hashes.Count} proof hashes, tree of {treeSize} leaves");
        }
        finally
        {
            if (!stopped)
            {
                await app.StopAsync();
            }

            await app.DisposeAsync();
        }

        return 0;
    }

    private static async Task AuditPassesAsync(string connectionString, NoteVerifier key, int passes)
    {
        // A runaway query plan ends the run instead of the machine's afternoon.
        await using var dataSource = NpgsqlDataSource.Create(LedgerAuditor.AuditConnectionString(connectionString + ";Options=-c statement_timeout=120000"));
        await using var connection = await dataSource.OpenConnectionAsync();
        int backend;
        await using (var pid = new NpgsqlCommand("select pg_backend_pid()", connection))
        {
            backend = (int)(await pid.ExecuteScalarAsync())!;
        }

        Console.WriteLine();

        // The first audit in a process also pays for compiling its code (as `caseledger audit` does); the later ones
        // show the steady rate that a long audit of a large ledger runs at.
        for (var pass = 1; pass <= passes; pass++)
        {
            var name = pass == 1 ? "first in this process" : $"pass {pass}";
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var backendCpu = BackendCpu(backend);
            var leavesDone = new LeavesDone();
            // As `caseledger audit` runs it: one repeatable-read snapshot, rolled back.
            await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
            var report = await new LedgerAuditor(new AuditOptions { LogKey = key }).AuditAsync(connection, snapshot, leavesDone);
            await snapshot.RollbackAsync();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            backendCpu = BackendCpu(backend) - backendCpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Audit ({name}): {report.Leaves} events, {report.Checkpoints} checkpoints, {report.Anchors} anchors, passed: {report.Passed} " +
                $"({report.FindingCount} findings), {report.Elapsed.TotalSeconds:F2} s = {report.Leaves / report.Elapsed.TotalSeconds:F0} events/s; " +
                $"audit process CPU {cpu.TotalSeconds:F2} s = {cpu.TotalMicroseconds / Math.Max(1, report.Leaves):F1} µs per event, " +
                $"PostgreSQL backend CPU {backendCpu:F2} s = {backendCpu * 1e6 / Math.Max(1, report.Leaves):F1} µs per event; " +
                $"leaves done at {leavesDone.At.TotalSeconds:F2} s; load {LoadAverage()}"));
        }

        if (Environment.GetEnvironmentVariable("AUDIT_BENCH_EXPLAIN") is { } explainMode)
        {
            await using var explain = new NpgsqlCommand((explainMode == "analyze" ? "explain (analyze, buffers) " : "explain ") + LedgerAuditor.LeavesSql(MartenConfiguration.Schema), connection);
            await using var plan = await explain.ExecuteReaderAsync();
            while (await plan.ReadAsync())
            {
                Console.WriteLine("  " + plan.GetString(0));
            }
        }

        // Where the time goes: the database's part alone (the leaves query and the node reads, rows read and dropped).
        foreach (var (what, sql) in new[]
        {
            ("leaves query", LedgerAuditor.LeavesSql(MartenConfiguration.Schema)),
            ("nodes, all by key", "select level, idx, hash from ledger.nodes order by level, idx"),
        })
        {
            var watch = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            long rows = 0;
            await using (var command = new NpgsqlCommand(sql, connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        _ = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    }

                    rows++;
                }
            }

            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {what}: {rows} rows in {watch.Elapsed.TotalSeconds:F2} s ({watch.Elapsed.TotalMicroseconds / Math.Max(1, rows):F1} µs per row; this process's CPU {cpu.TotalSeconds:F2} s)"));
        }
    }

    /// <summary>User + system CPU seconds of a local process (the connection's PostgreSQL backend), from /proc.</summary>
    private static double BackendCpu(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>When the audit reported its last leaf checked (the rest: stored nodes, checkpoints, anchors, unlogged events).</summary>
    private sealed class LeavesDone : IProgress<AuditProgress>
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        public TimeSpan At { get; private set; }

        public void Report(AuditProgress value)
        {
            if (value.LeavesChecked >= value.LeavesTotal && At == TimeSpan.Zero)
            {
                At = _watch.Elapsed;
            }
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static async Task<bool> HasLedgerAsync(LocalStackHost stack, string database, long events)
    {
        await using (var postgres = new NpgsqlConnection(stack.Postgres.ConnectionStringFor("postgres")))
        {
            await postgres.OpenAsync();
            await using var exists = new NpgsqlCommand("select count(*) from pg_database where datname = @name", postgres);
            exists.Parameters.AddWithValue("name", database);
            if ((long)(await exists.ExecuteScalarAsync())! == 0)
            {
                return false;
            }
        }

        await using var connection = new NpgsqlConnection(stack.Postgres.ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select case when to_regclass('ledger.leaves') is null then 0 else (select count(*) from ledger.leaves) end", connection);
        return (long)(await count.ExecuteScalarAsync())! >= events;
    }

    private static async Task<(List<string> Hashes, List<Guid> EventIds, TimeSpan Elapsed)> SeedAsync(CaseLedger ledger, int cases)
    {
        var watch = Stopwatch.StartNew();
        var hashes = new ConcurrentBag<string>();
        var eventIds = new ConcurrentBag<Guid>();
        var t0 = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(5));
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < cases)
            {
                var caseId = Guid.NewGuid();
                var judge = new Participant(Guid.NewGuid(), ParticipantRole.Judge, "Судья", null);
                var claim = Document($"claim {caseId}");
                var judgment = Document($"judgment {caseId}");
                await ledger.HandleAsync(new FileClaim(caseId, CaseKind.Civil, CaseCategory.Simplified, CourtRegistry.FirstInstance[n % CourtRegistry.FirstInstance.Count].Id,
                    CaseNumber.Format(CaseKind.Civil, 1 + n, 2026), "О взыскании", new Participant(Guid.NewGuid(), ParticipantRole.Plaintiff, "Истец", null), [claim], t0));
                await ledger.HandleAsync(new AcceptCase(caseId, judge, t0.AddDays(1)));
                var issued = await ledger.HandleAsync(new IssueJudgment(caseId, Guid.NewGuid(), ActKind.Decision, judge.ParticipantId, judgment, null, t0.AddDays(5)));
                hashes.Add(judgment.Sha256Hex);
                eventIds.Add(issued.Events[0].EventId);
            }
        })));
        return ([.. hashes], [.. eventIds], watch.Elapsed);
    }

    private static DocumentRef Document(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new DocumentRef(Convert.ToHexStringLower(SHA256.HashData(bytes)), "decision", "decision.pdf", "application/pdf", bytes.Length);
    }

    private static async Task WaitSequencedAsync(NpgsqlDataSource dataSource)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = dataSource.CreateCommand("select count(*) from ledger.pending");
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return;
            }

            await Task.Delay(100);
        }
    }

    private static async Task LoadAsync(HttpClient http, string? name, Func<long, string> path, int clients, int requests, int seconds, int thinkMs = 0)
    {
        var latencies = new ConcurrentBag<double>();
        var issued = -1L;
        var failures = 0;
        var stopAt = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            if (thinkMs > 0)
            {
                // Spread the clients' first requests over one think time.
                await Task.Delay(c * thinkMs / clients);
            }

            long i;
            var first = true;
            while ((i = Interlocked.Increment(ref issued)) < requests && stopAt.Elapsed < limit)
            {
                if (thinkMs > 0 && !first)
                {
                    await Task.Delay(thinkMs);
                }

                first = false;

                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path(i), HttpCompletionOption.ResponseContentRead);
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }

                latencies.Add(ms);
            }
        })));
        var elapsed = stopAt.Elapsed.TotalSeconds;
        if (name is null)
        {
            return;
        }

        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name}{(failures > 0 ? $" ({failures} failed)" : "")} | {sorted.Length:N0} | {Percentile(0.50):F1} | {Percentile(0.99):F1} | {sorted[^1]:F1} | {sorted.Length / elapsed:F0} |"));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
