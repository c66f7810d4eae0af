using BenchmarkDotNet.Running;
using Ledger.Benchmarks;

// `dotnet run -c Release --project bench/Ledger.Benchmarks -- ledger [...]` runs the ledger bench command (it needs the
// local stack), `-- situation [...]` the situation-center bench (SituationBench); anything else goes to BenchmarkDotNet (`--filter '*Merkle*'`, `--list flat`, ...).
if (args.Length > 0 && args[0] == "ledger")
{
    return await LedgerBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "situation")
{
    return await SituationBench.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
