using System.Diagnostics;
using System.Globalization;
using Ledger.Domain.Cases;
using Ledger.Domain.Integrity;
using Ledger.LocalStack;
using Ledger.Projections.Cases;
using Ledger.Projections.Ledger;
using Ledger.Projections.Sequencing;
using Ledger.Projections.Storage;
using Marten;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>
/// The case ledger's append throughput against plain Marten appends of the same events, and the sequencer's
/// throughput, on a local PostgreSQL cluster (folder .data/bench). Usage:
/// <c>ledger [--events N] [--cases C] [--writers W] [--rounds R]</c>. Prints a Markdown table.
/// </summary>
public static class LedgerBench
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(5));

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--compute"))
        {
            return RunCompute(Arg(args, "--events", 50_000));
        }

        var events = Arg(args, "--events", 4_000);
        var writers = Arg(args, "--writers", 8);
        // Each writer owns the cases whose index is its number modulo the writer count (as a court system owns its
        // court's cases), so plain Marten appends never race on a stream.
        var caseCount = (Arg(args, "--cases", 400) + writers - 1) / writers * writers;
        var rounds = Arg(args, "--rounds", 5);
        await using var stack = await LocalStackHost.StartAsync(new LocalStackOptions { DataFolder = ".data/bench", DeployContract = false });
        Console.WriteLine($"Ledger bench: {rounds} rounds of {events} events over {caseCount} cases, {writers} concurrent writers; PostgreSQL {stack.Postgres.Port}");

        // Two databases prepared alike (the same cases filed and accepted, not timed); then short timed slices on
        // each in turn, alternating which goes first, so that load from anything else on the machine hits both alike.
        // The figure is the median of the per-round ratios.
        var cpu = new CpuMeter(stack.Postgres.DataDirectory);
        await using var plain = await Target.PrepareAsync(stack, "bench_marten", caseCount, ledger: false, cpu);
        await using var ledger = await Target.PrepareAsync(stack, "bench_ledger", caseCount, ledger: true, cpu);
        if (args.Contains("--statements"))
        {
            // What each side sends per append (Marten's console logger): no timing.
            await plain.ShowStatementsAsync();
            await ledger.ShowStatementsAsync();
            return 0;
        }

        await plain.RunSliceAsync(events / 4, writers);
        await ledger.RunSliceAsync(events / 4, writers);

        var plainRates = new List<double>();
        var ledgerRates = new List<double>();
        var ratios = new List<double>();
        var cpuRatios = new List<double>();
        var plainCpu = new List<(double Client, double Server)>();
        var ledgerCpu = new List<(double Client, double Server)>();
        for (var r = 0; r < rounds; r++)
        {
            Slice p, l;
            if (r % 2 == 0)
            {
                p = await plain.RunSliceAsync(events, writers);
                l = await ledger.RunSliceAsync(events, writers);
            }
            else
            {
                l = await ledger.RunSliceAsync(events, writers);
                p = await plain.RunSliceAsync(events, writers);
            }

            plainRates.Add(p.PerSecond);
            ledgerRates.Add(l.PerSecond);
            ratios.Add(l.PerSecond / p.PerSecond);
            plainCpu.Add((p.ClientCpuMicros, p.ServerCpuMicros));
            ledgerCpu.Add((l.ClientCpuMicros, l.ServerCpuMicros));
            cpuRatios.Add((p.ClientCpuMicros + p.ServerCpuMicros) / (l.ClientCpuMicros + l.ServerCpuMicros));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {r + 1}: plain Marten {p.PerSecond:F0} events/s (CPU µs/event client {p.ClientCpuMicros:F0}, server {p.ServerCpuMicros:F0}), " +
                $"ledger {l.PerSecond:F0} events/s (client {l.ClientCpuMicros:F0}, server {l.ServerCpuMicros:F0}), ratio {l.PerSecond / p.PerSecond:F2}"));
        }

        var (sequenced, sequencerSeconds) = await ledger.SequenceAllAsync();
        Console.WriteLine();
        Console.WriteLine($"Medians of {rounds} alternating rounds ({events} events each):");
        Console.WriteLine();
        Console.WriteLine("| measurement | events/s (median) | ratio to plain Marten (median of rounds) |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| plain Marten append (baseline) | {Median(plainRates):F0} | 1.00 |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| case ledger append (decide + envelope + entries) | {Median(ledgerRates):F0} | {Median(ratios):F2} (min {ratios.Min():F2}, max {ratios.Max():F2}) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| sequencer ({sequenced} leaves, batches of 10 000) | {sequenced / sequencerSeconds:F0} leaves/s | |"));
        Console.WriteLine();
        Console.WriteLine("CPU time per appended event (client process + the cluster's server processes), medians; the ratio is");
        Console.WriteLine("plain Marten's CPU per event over the ledger's, i.e. the throughput ratio a CPU-bound machine would see:");
        Console.WriteLine();
        Console.WriteLine("| measurement | client µs/event | server µs/event | total µs/event | ratio |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| plain Marten append | {Median(plainCpu.Select(c => c.Client)):F0} | {Median(plainCpu.Select(c => c.Server)):F0} | {Median(plainCpu.Select(c => c.Client + c.Server)):F0} | 1.00 |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| case ledger append | {Median(ledgerCpu.Select(c => c.Client)):F0} | {Median(ledgerCpu.Select(c => c.Server)):F0} | {Median(ledgerCpu.Select(c => c.Client + c.Server)):F0} | {Median(cpuRatios):F2} |"));
        return 0;
    }

    /// <summary>
    /// The ledger's per-event compute alone (no database), single-threaded, µs per <c>MaterialAttached</c> event: each
    /// step of the reference path (arrays at every step, as the append path did before), then the append path's
    /// <c>LedgerAppender.ComputeEntry</c> (reused buffers). Usage: <c>ledger --compute [--events N]</c>.
    /// </summary>
    private static int RunCompute(int n)
    {
        var caseId = Guid.NewGuid();
        var claimant = Guid.NewGuid();
        var data = Enumerable.Range(0, 64)
            .Select(i => (object)new MaterialAttached(caseId, Guid.NewGuid(), Doc(7, i), claimant, T0.AddDays(2).AddTicks(i * 13)))
            .ToArray();
        var json = MartenConfiguration.PayloadJson;
        var previous = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var timings = new Dictionary<string, double>();
        void Time(string name, Action<int> step)
        {
            for (var i = 0; i < 2_000; i++)
            {
                step(i);
            }

            var watch = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                step(i);
            }

            timings[name] = watch.Elapsed.TotalMicroseconds / n;
        }

        byte[] sink = [];
        Time("describe (event type, time, document hashes)", i => CaseLedger.Describe(data[i & 63]));
        Time("salt: RandomNumberGenerator.GetBytes(32)", i => sink = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Time("serialize: SerializeToUtf8Bytes", i => sink = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(data[i & 63], data[i & 63].GetType(), json));
        var serialized = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(data[0], data[0].GetType(), json);
        Time("canonicalize: JsonCanonicalizer.Canonicalize(bytes)", i => sink = JsonCanonicalizer.Canonicalize(serialized));
        var canonical = JsonCanonicalizer.Canonicalize(serialized);
        Time("commitment: PayloadCommitment.Compute (new IncrementalHash)", i => sink = PayloadCommitment.Compute(previous, canonical));
        var description = CaseLedger.Describe(data[0]);
        var commitment = PayloadCommitment.Compute(previous, canonical);
        Time("envelope: new LeafEnvelope(...).ToLeafInput()", i => sink = new LeafEnvelope(LeafEnvelope.CurrentVersion, Origin, caseId, 3 + i, description.EventType,
            description.OccurredAt, previous, commitment, [.. description.DocumentHashes.Select(Convert.FromHexString)]).ToLeafInput());
        var leafInput = sink;
        Time("leaf hash: MerkleHash.LeafHash", i => sink = MerkleHash.LeafHash(leafInput));
        var descriptions = data.Select(CaseLedger.Describe).ToArray();
        Time("reference path, all steps after describe (before this change)", i =>
        {
            var e = data[i & 63];
            var salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            var c = PayloadCommitment.Compute(salt, JsonCanonicalizer.Canonicalize(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(e, e.GetType(), json)));
            var input = new LeafEnvelope(LeafEnvelope.CurrentVersion, Origin, caseId, 3 + i, descriptions[i & 63].EventType, descriptions[i & 63].OccurredAt,
                previous, c, [.. descriptions[i & 63].DocumentHashes.Select(Convert.FromHexString)]).ToLeafInput();
            sink = MerkleHash.LeafHash(input);
        });
        Time("append path: salt + LedgerAppender.ComputeEntry", i =>
        {
            var salt = new byte[32];
            System.Security.Cryptography.RandomNumberGenerator.Fill(salt);
            sink = LedgerAppender<CaseState>.ComputeEntry(Origin, json, caseId, 3 + i, data[i & 63], descriptions[i & 63], previous, salt).LeafHash;
        });
        GC.KeepAlive(sink);

        Console.WriteLine($"Ledger per-event compute, {n} MaterialAttached events, one thread, no database:");
        Console.WriteLine();
        Console.WriteLine("| step | µs/event |");
        Console.WriteLine("|---|---:|");
        foreach (var (name, micros) in timings)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {micros:F2} |"));
        }

        return 0;
    }

    private sealed class Target : IAsyncDisposable
    {
        private readonly NpgsqlDataSource _dataSource;
        private readonly DocumentStore _store;
        private readonly CaseLedger _cases;
        private readonly bool _ledger;
        private readonly List<(Guid CaseId, Guid Claimant)> _setup;
        private readonly CpuMeter _cpu;
        private int _slice;

        private Target(NpgsqlDataSource dataSource, DocumentStore store, CaseLedger cases, bool ledger, List<(Guid, Guid)> setup, CpuMeter cpu)
        {
            _cpu = cpu;
            _dataSource = dataSource;
            _store = store;
            _cases = cases;
            _ledger = ledger;
            _setup = setup;
        }

        public static async Task<Target> PrepareAsync(LocalStackHost stack, string database, int caseCount, bool ledger, CpuMeter cpu)
        {
            var connectionString = await stack.CreateDatabaseAsync(database);
            var dataSource = LedgerDataSource.Create(connectionString);
            await LedgerSchema.EnsureAsync(dataSource);
            var store = MartenConfiguration.CreateStore(dataSource);
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            var cases = new CaseLedger(store, Origin);

            // The same cases in both databases: filed and accepted through the ledger (not timed).
            var setup = new List<(Guid CaseId, Guid Claimant)>();
            for (var n = 0; n < caseCount; n++)
            {
                var caseId = Guid.NewGuid();
                var claimant = new Participant(Guid.NewGuid(), ParticipantRole.Plaintiff, "Истец " + n, null);
                var court = CourtRegistry.FirstInstance[n % CourtRegistry.FirstInstance.Count].Id;
                await cases.HandleAsync(new FileClaim(caseId, CaseKind.Civil, CaseCategory.General, court,
                    CaseNumber.Format(CaseKind.Civil, n + 1, 2026), "О взыскании", claimant, [Doc(n, -1)], T0));
                await cases.HandleAsync(new AcceptCase(caseId, new Participant(Guid.NewGuid(), ParticipantRole.Judge, "Судья", null), T0.AddDays(1)));
                setup.Add((caseId, claimant.ParticipantId));
            }

            return new Target(dataSource, store, cases, ledger, setup, cpu);
        }

        /// <summary>Appends <paramref name="eventCount"/> material-attached events with <paramref name="writers"/> concurrent writers.</summary>
        public async Task<Slice> RunSliceAsync(int eventCount, int writers)
        {
            var slice = ++_slice;
            var perWriter = eventCount / writers;
            var (client0, server0) = _cpu.Read();
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < perWriter; i++)
                {
                    var (caseId, claimant) = _setup[(w + (i * writers)) % _setup.Count];
                    var command = new AttachMaterial(caseId, Guid.NewGuid(), Doc((slice << 8) | w, i), claimant, T0.AddDays(2));
                    if (_ledger)
                    {
                        await _cases.HandleAsync(command);
                    }
                    else
                    {
                        await using var session = _store.LightweightSession();
                        session.Events.Append(caseId, new MaterialAttached(caseId, command.MaterialId, command.Document, claimant, command.Now));
                        await session.SaveChangesAsync();
                    }
                }
            })));
            watch.Stop();
            var (client1, server1) = _cpu.Read();
            var n = perWriter * writers;
            return new Slice(n / watch.Elapsed.TotalSeconds, (client1 - client0).TotalMicroseconds / n, (server1 - server0).TotalMicroseconds / n);
        }

        /// <summary>Prints the SQL of two appends to one case (the second with the case state cached), as this side makes them.</summary>
        public async Task ShowStatementsAsync()
        {
            using var logged = MartenConfiguration.CreateStore(_dataSource, more: o => o.Logger(new ConsoleMartenLogger()));
            var cases = new CaseLedger(logged, Origin);
            var (caseId, claimant) = _setup[0];
            for (var i = 0; i < 2; i++)
            {
                Console.WriteLine($"--- {(_ledger ? "case ledger" : "plain Marten")} append {i + 1}");
                var command = new AttachMaterial(caseId, Guid.NewGuid(), Doc(999, i), claimant, T0.AddDays(2));
                if (_ledger)
                {
                    await cases.HandleAsync(command);
                }
                else
                {
                    await using var session = logged.LightweightSession();
                    session.Events.Append(caseId, new MaterialAttached(caseId, command.MaterialId, command.Document, claimant, command.Now));
                    await session.SaveChangesAsync();
                }
            }
        }

        /// <summary>Sequences everything pending; (leaves, seconds).</summary>
        public async Task<(long Sequenced, double Seconds)> SequenceAllAsync()
        {
            await using var sequencer = new Sequencer(_dataSource, NoteSigner.Generate(Origin),
                new SequencerOptions { Origin = Origin, BatchSize = 10_000 });
            await sequencer.TryBecomeLeaderAsync();
            var watch = Stopwatch.StartNew();
            long sequenced = 0;
            int batch;
            while ((batch = await sequencer.SequenceBatchAsync()) > 0)
            {
                sequenced += batch;
            }

            return (sequenced, watch.Elapsed.TotalSeconds);
        }

        public async ValueTask DisposeAsync()
        {
            _store.Dispose();
            await _dataSource.DisposeAsync();
        }
    }

    private const string Origin = "bench.ledger.court.example/2026";

    private sealed record Slice(double PerSecond, double ClientCpuMicros, double ServerCpuMicros);

    private static DocumentRef Doc(int a, int b) =>
        new(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(((long)a << 32) | (uint)b))),
            "evidence", "doc.pdf", "application/pdf", 1024);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
