using BenchmarkDotNet.Running;
using Ledger.Benchmarks;
using Ledger.Benchmarks.Anchoring;

// Commands that measure the running system rather than micro-benchmarks (see docs/benchmarks.md):
//   ledger [--events N] [--cases C] [--writers W] [--rounds R]   ledger appends vs plain Marten, sequencer throughput
//   anchoring [--seconds N] [--rate EVENTS_PER_SECOND]           gas per anchor and append-to-anchored-receipt latency
//   verification [--cases N] [--clients C] [--requests R] [--seconds S]  verify-by-hash latency, audit speed, receipt size
//   verification --audit-only [--cases N] [--passes P] [--reuse]       audit speed only (database bench_audit_N, kept with --reuse)
//   e2e [--seconds S] [--writers W] [--citizens C] [--cases N] [--soak-minutes M]  HTTP appends + citizens verifying, vs Marten and raw inserts; soak
//   seed CONNECTION_STRING CASES [ORIGIN]                          appends CASES filed-and-accepted cases to a ledger database
//   situation [--cases N] [--minutes M] [--repeat R] [--queries-only]  situation-center catch-up, queries, rebuild
//   situation --fold-only [--cases N] [--full-json]                  the fold, facts, document JSON and cells in memory
// Anything else goes to BenchmarkDotNet (`--filter '*Merkle*'`, `--list flat`, ...).
if (args.Length > 0 && args[0] == "ledger")
{
    return await LedgerBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "search")
{
    return await SearchBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "situation")
{
    return await SituationBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "anchoring")
{
    return await AnchoringBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "verification")
{
    return await Ledger.Benchmarks.Verification.VerificationBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "e2e")
{
    return await Ledger.Benchmarks.EndToEnd.EndToEndBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "seed")
{
    return await LedgerSeeder.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(AnchoringBench).Assembly).Run(args);
return 0;
