using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Ledger.Domain.Depersonalization;
using Ledger.Domain.Depersonalization.Evaluation;

namespace Ledger.Benchmarks;

/// <summary>
/// Throughput of the depersonalizer over about 1 MB (UTF-8) of judicial acts built from the evaluation set,
/// against two baselines over the same text in the same run: one source-generated regular expression
/// (twelve-digit numbers) and a plain <see cref="string.Replace(string, string, StringComparison)"/>.
/// The MB/s column divides the UTF-8 size of the text by the mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public partial class DepersonalizationBenchmarks
{
    private string _text = "";
    private List<LabelledDocument> _documents = [];

    [GlobalSetup]
    public void Setup()
    {
        _documents = Corpus.Documents();
        _text = Corpus.Text();
    }

    [Benchmark(Baseline = true, Description = "baseline: one regex scan")]
    public int RegexScan() => TwelveDigits().Count(_text);

    [Benchmark(Description = "baseline: string.Replace")]
    public int StringReplace() => _text.Replace("суд", "СУД", StringComparison.Ordinal).Length;

    [Benchmark(Description = "depersonalize, no participant list")]
    public int DepersonalizeWithoutParticipants() =>
        Depersonalizer.Depersonalize(_text, DepersonalizationContext.Empty).Replacements.Count;

    [Benchmark(Description = "depersonalize per act, with its participants")]
    public int DepersonalizePerDocument()
    {
        var count = 0;
        var repeat = Corpus.Repeat;
        for (var r = 0; r < repeat; r++)
        {
            foreach (var doc in _documents)
            {
                count += Depersonalizer.Depersonalize(doc.Text, doc.Context()).Replacements.Count;
            }
        }

        return count;
    }

    [GeneratedRegex(@"(?<!\d)\d{12}(?!\d)")]
    private static partial Regex TwelveDigits();
}

/// <summary>The benchmark text: the evaluation acts repeated until about 1 MB of UTF-8.</summary>
public static class Corpus
{
    public const int TargetBytes = 1_000_000;

    public static List<LabelledDocument> Documents()
    {
        var dir = FindDocs();
        return Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal)
            .Select(f => LabelledDocument.FromJson(File.ReadAllText(f), File.ReadAllText(Path.ChangeExtension(f, null) + ".labels.json")))
            .ToList();
    }

    public static int Repeat
    {
        get
        {
            var once = Documents().Sum(d => Encoding.UTF8.GetByteCount(d.Text) + 2);
            return (TargetBytes + once - 1) / once;
        }
    }

    public static string Text()
    {
        var docs = Documents();
        var sb = new StringBuilder();
        for (var r = 0; r < Repeat; r++)
        {
            foreach (var d in docs)
            {
                sb.Append(d.Text).Append("\n\n");
            }
        }

        return sb.ToString();
    }

    public static long Bytes() => Encoding.UTF8.GetByteCount(Text());

    private static string FindDocs()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "eval", "depersonalization", "docs");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("eval/depersonalization/docs was not found; run the benchmark from the repository.");
    }
}

/// <summary>Adds an MB/s column (UTF-8 megabytes of text per second of mean time).</summary>
public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig() => AddColumn(new MegabytesPerSecondColumn());

    private sealed class MegabytesPerSecondColumn : IColumn
    {
        private readonly Lazy<long> _bytes = new(Corpus.Bytes);

        public string Id => "MBps";

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "UTF-8 megabytes of text processed per second (text size / mean)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is null or 0 ? "-" : (_bytes.Value / (mean.Value / 1e9) / 1e6).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
