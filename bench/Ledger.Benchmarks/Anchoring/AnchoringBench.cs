using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Ledger.Anchoring;
using Ledger.Anchoring.Contracts;
using Ledger.Domain.Integrity;
using Ledger.LocalStack;
using Ledger.Projections.Cases;
using Ledger.Projections.Log;
using Ledger.Projections.Sequencing;
using Ledger.Projections.Storage;
using Nethereum.Signer;

namespace Ledger.Benchmarks.Anchoring;

/// <summary>
/// Measures anchoring on a local stack whose anvil mines a block every second:
/// (1) gas of <c>anchor</c> for checkpoints of 1 000, 10 000 and 100 000 leaves (roots of real RFC 6962 trees of that
/// many leaves), and gas per event; (2) append-to-anchored-receipt latency: cases are appended at a steady rate with
/// the sequencer and the anchorer running, and for every event the time from the end of its append to the moment
/// the anchorer recorded the anchor covering it as confirmed (from then on its receipt carries the anchor) is taken;
/// the append-to-sequenced latency (a pending receipt) of the same events is the baseline.
/// </summary>
public static class AnchoringBench
{
    private const string Origin = "bench.ledger.court.example/2026";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 60);
        var rate = Option(args, "--rate", 20);
        var everySeconds = Option(args, "--every-seconds", 1);
        var everyLeaves = Option(args, "--every-leaves", 1000);
        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");

        await using var stack = await LocalStackHost.StartAsync(new LocalStackOptions
        {
            DataFolder = Path.Combine(".data", "bench", "anchoring"),
            BlockTimeSeconds = 1,
            Log = line => Console.WriteLine("  stack: " + line),
        });
        await MeasureGasAsync(stack);
        await MeasureLatencyAsync(stack, seconds, rate, everySeconds, everyLeaves);
        return 0;
    }

    private static async Task MeasureGasAsync(LocalStackHost stack)
    {
        var key = EthECKey.GenerateKey().GetPrivateKey();
        var deployment = await ContractDeployer.DeployAsync(stack.RpcUrl, stack.ChainId, key);
        var client = LedgerAnchorClient.Connect(stack.RpcUrl, deployment.ContractAddress, key, stack.ChainId);
        var logId = LedgerAnchorClient.LogIdFor(Origin + "/gas-" + Guid.NewGuid().ToString("N"));

        Console.WriteLine();
        Console.WriteLine("| anchor | tree size | events in the batch | gas used | gas per event |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        long previous = 0;
        var first = true;
        var range = new CompactRange();
        long size = 0;
        // The first anchor of a log pays for one more fresh storage slot; then batches of 1 000, 10 000 and 100 000 events.
        foreach (var batch in new long[] { 100, 1_000, 10_000, 100_000 })
        {
            size += batch;
            // The root of a real tree of `size` random leaves: what the sequencer would sign and the anchorer send.
            while (range.Size < size)
            {
                range.Append(MerkleHash.LeafHash(RandomNumberGenerator.GetBytes(64)), null);
            }

            var receipt = await client.AnchorAsync(logId, (ulong)size, range.RootHash());
            var gas = (long)receipt.GasUsed.Value;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {(first ? "first of the log" : "later")} | {size:N0} | {size - previous:N0} | {gas:N0} | {(double)gas / (size - previous):0.###} |"));
            previous = size;
            first = false;
        }
    }

    private static async Task MeasureLatencyAsync(LocalStackHost stack, int seconds, int rate, int everySeconds, int everyLeaves)
    {
        var connectionString = await stack.CreateDatabaseAsync("bench_anchoring_latency");
        await using var dataSource = LedgerDataSource.Create(connectionString);
        await LedgerSchema.EnsureAsync(dataSource);
        using var store = MartenConfiguration.CreateStore(dataSource);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var ledger = new CaseLedger(store, Origin);
        var signer = NoteSigner.Generate(Origin);
        var key = EthECKey.GenerateKey().GetPrivateKey();
        var deployment = await ContractDeployer.DeployAsync(stack.RpcUrl, stack.ChainId, key);
        var client = LedgerAnchorClient.Connect(stack.RpcUrl, deployment.ContractAddress, key, stack.ChainId);

        await using var sequencer = new Sequencer(dataSource, signer, new SequencerOptions { Origin = Origin, PollInterval = TimeSpan.FromMilliseconds(20) });
        await using var anchorer = new Anchorer(dataSource, client, new AnchorerOptions
        {
            Origin = Origin,
            ChainId = stack.ChainId,
            EveryLeaves = everyLeaves,
            Every = TimeSpan.FromSeconds(everySeconds),
            Confirmations = 1,
            PollInterval = TimeSpan.FromMilliseconds(100),
        });
        using var stop = new CancellationTokenSource();
        var running = Task.WhenAll(sequencer.RunAsync(stop.Token), anchorer.RunAsync(stop.Token));

        Console.WriteLine();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Appending {rate} events/s for {seconds} s (anvil block time 1 s, Anchoring:EverySeconds {everySeconds}, EveryLeaves {everyLeaves}, Chain:Confirmations 1)."));
        var appendedAt = new ConcurrentDictionary<Guid, DateTimeOffset>();
        var clock = Stopwatch.StartNew();
        var casesPerSecond = Math.Max(1, rate / 2);
        var n = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            var due = TimeSpan.FromSeconds((double)n / casesPerSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            foreach (var id in await LedgerSeeder.AppendCaseAsync(ledger, n))
            {
                appendedAt[id] = DateTimeOffset.UtcNow;
            }

            n++;
        }

        var log = new LogReader(dataSource);
        var anchors = new AnchorStore(dataSource);
        var finalSize = appendedAt.Count;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await anchors.GetLatestConfirmedAsync(stack.ChainId, deployment.ContractAddress))?.TreeSize < finalSize
               || await log.GetTreeSizeAsync() < finalSize)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The last events were not anchored within 60 s.");
            }

            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await running;

        // For every event: when it was sequenced, and when the smallest anchor covering its leaf was confirmed.
        var sequencedLatency = new List<double>();
        var anchoredLatency = new List<double>();
        await using (var command = dataSource.CreateCommand("""
            select l.event_id, l.sequenced_at,
                   (select a.confirmed_at from ledger.anchors a
                    where a.status = 'confirmed' and a.tree_size > l.leaf_index order by a.tree_size limit 1)
            from ledger.leaves l
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var appended = appendedAt[reader.GetGuid(0)];
                sequencedLatency.Add((reader.GetFieldValue<DateTimeOffset>(1) - appended).TotalMilliseconds);
                anchoredLatency.Add((reader.GetFieldValue<DateTimeOffset>(2) - appended).TotalMilliseconds);
            }
        }

        var rows = await anchors.ListAsync(10_000);
        var confirmed = rows.Where(a => a.Status == AnchorState.Confirmed).ToList();
        var sendToConfirm = confirmed.Select(a => (a.ConfirmedAt!.Value - a.CreatedAt).TotalMilliseconds).ToList();

        // Spot check: the receipt service agrees that the last event's receipt carries an anchor.
        var receipts = new ReceiptService(dataSource, log, anchors, new ReceiptAnchorScope(stack.ChainId, deployment.ContractAddress));
        var last = (await log.GetLeafAsync(finalSize - 1))!;
        var sample = await receipts.GetAsync(last.EventId);
        if (sample.Receipt?.Anchor is null)
        {
            throw new InvalidOperationException("The last event's receipt has no anchor although its anchor is confirmed.");
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{anchoredLatency.Count} events, {confirmed.Count} anchors ({(double)anchoredLatency.Count / Math.Max(1, confirmed.Count):0.#} events per anchor), {rows.Count - confirmed.Count} not confirmed."));
        Console.WriteLine();
        Console.WriteLine("| latency | p50 | p95 | max |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine(Row("append → sequenced (pending receipt; baseline)", sequencedLatency));
        Console.WriteLine(Row("append → anchored receipt (K = 1)", anchoredLatency));
        Console.WriteLine(Row("anchor signed → confirmed (per anchor)", sendToConfirm));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Ratio anchored / sequenced: p50 {Percentile(anchoredLatency, 0.5) / Percentile(sequencedLatency, 0.5):0.#}x, p95 {Percentile(anchoredLatency, 0.95) / Percentile(sequencedLatency, 0.95):0.#}x."));
    }

    private static string Row(string name, List<double> values) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {name} | {Percentile(values, 0.5):0} ms | {Percentile(values, 0.95):0} ms | {values.Max():0} ms |");

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
