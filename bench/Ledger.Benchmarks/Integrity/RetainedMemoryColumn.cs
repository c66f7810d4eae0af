using System.Collections.Concurrent;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Ledger.Benchmarks.Integrity;

/// <summary>
/// Shows the managed memory a benchmark's setup retained (measured with full collections before and after),
/// e.g. the node store of a log. Works because the integrity benchmarks run in-process.
/// </summary>
public sealed class RetainedMemoryColumn : IColumn
{
    public static readonly RetainedMemoryColumn Instance = new();

    private static readonly ConcurrentDictionary<string, long> Retained = new();

    public string Id => nameof(RetainedMemoryColumn);

    public string ColumnName => "Retained by setup";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "Managed memory retained by the benchmark's global setup (e.g. the node store)";

    public static void Record(Type type, string parameters, long bytes) => Retained[Key(type, parameters)] = bytes;

    public static long Measure(Action setup)
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        setup();
        return GC.GetTotalMemory(forceFullCollection: true) - before;
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        string key = Key(benchmarkCase.Descriptor.Type, string.Join(",", benchmarkCase.Parameters.Items.Select(p => $"{p.Name}={p.Value}")));
        return Retained.TryGetValue(key, out long bytes) ? $"{bytes / (1024.0 * 1024.0):F1} MB" : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    private static string Key(Type type, string parameters) => type.Name + "|" + parameters;
}
