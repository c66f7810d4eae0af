using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "search")
{
    return await Ledger.Benchmarks.SearchBench.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
