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
/// <c>ledger [--events N] [--cases C] [--writers W]</c>. Prints a Markdown table.
/// </summary>
public static class LedgerBench
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(5));

    public static async Task<int> RunAsync(string[] args)
    {
        var events = Arg(args, "--events", 20_000);
        var caseCount = Arg(args, "--cases", 500);
        var writers = Arg(args, "--writers", 8);
        await using var stack = await LocalStackHost.StartAsync(new LocalStackOptions { DataFolder = ".data/bench", DeployContract = false });
        Console.WriteLine($"Ledger bench: {events} events over {caseCount} cases, {writers} concurrent writers; PostgreSQL {stack.Postgres.Port}");

        var rounds = Arg(args, "--rounds", 3);
        var plainRuns = new List<Measurement>();
        var ledgerRuns = new List<Measurement>();
        for (var r = 0; r < rounds; r++)
        {
            // Alternate the two so that load from anything else on the machine hits both alike.
            plainRuns.Add(await MeasureAsync(stack, $"bench_marten_{r}", events, caseCount, writers, ledger: false));
            ledgerRuns.Add(await MeasureAsync(stack, $"bench_ledger_{r}", events, caseCount, writers, ledger: true));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {r + 1}: plain Marten {plainRuns[^1].PerSecond:F0} events/s, ledger {ledgerRuns[^1].PerSecond:F0} events/s, sequencer {ledgerRuns[^1].Sequenced / ledgerRuns[^1].SequencerSeconds:F0} leaves/s"));
        }

        var plain = Median(plainRuns.Select(m => m.PerSecond));
        var ledger = Median(ledgerRuns.Select(m => m.PerSecond));
        var sequencer = Median(ledgerRuns.Select(m => m.Sequenced / m.SequencerSeconds));

        Console.WriteLine();
        Console.WriteLine($"Medians of {rounds} alternating rounds ({events} events each):");
        Console.WriteLine();
        Console.WriteLine("| measurement | events/s (median) | ratio to plain Marten |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| plain Marten append (baseline) | {plain:F0} | 1.00 |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| case ledger append (decide + envelope + entries) | {ledger:F0} | {ledger / plain:F2} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| sequencer (leaves/s, batches of 10 000) | {sequencer:F0} | |"));
        return 0;
    }

    private sealed record Measurement(int Count, double Seconds, double PerSecond, long Sequenced, double SequencerSeconds);

    private static async Task<Measurement> MeasureAsync(LocalStackHost stack, string database, int eventCount, int caseCount, int writers, bool ledger)
    {
        var connectionString = await stack.CreateDatabaseAsync(database);
        await using var dataSource = LedgerDataSource.Create(connectionString);
        await LedgerSchema.EnsureAsync(dataSource);
        using var store = MartenConfiguration.CreateStore(dataSource);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var cases = new CaseLedger(store, "bench.ledger.court.example/2026");

        // The same cases in both runs: filed and accepted through the ledger (not timed).
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

        var perWriter = eventCount / writers;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            // Each writer owns its own cases, as a court system owns its court's cases.
            for (var i = 0; i < perWriter; i++)
            {
                var (caseId, claimant) = setup[(w + (i * writers)) % setup.Count];
                var command = new AttachMaterial(caseId, Guid.NewGuid(), Doc(w, i), claimant, T0.AddDays(2));
                while (true)
                {
                    try
                    {
                        if (ledger)
                        {
                            await cases.HandleAsync(command);
                        }
                        else
                        {
                            await using var session = store.LightweightSession();
                            session.Events.Append(caseId, new MaterialAttached(caseId, command.MaterialId, command.Document, claimant, command.Now));
                            await session.SaveChangesAsync();
                        }

                        break;
                    }
                    catch (CaseVersionConflictException)
                    {
                    }
                }
            }
        })));
        watch.Stop();
        var count = perWriter * writers;

        long sequenced = 0;
        double sequencerSeconds = 0;
        if (ledger)
        {
            await using var sequencer = new Sequencer(dataSource, NoteSigner.Generate("bench.ledger.court.example/2026"),
                new SequencerOptions { Origin = "bench.ledger.court.example/2026", BatchSize = 10_000 });
            await sequencer.TryBecomeLeaderAsync();
            var sequencerWatch = Stopwatch.StartNew();
            int batch;
            while ((batch = await sequencer.SequenceBatchAsync()) > 0)
            {
                sequenced += batch;
            }

            sequencerSeconds = sequencerWatch.Elapsed.TotalSeconds;
        }

        return new Measurement(count, watch.Elapsed.TotalSeconds, count / watch.Elapsed.TotalSeconds, sequenced, sequencerSeconds);
    }

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
