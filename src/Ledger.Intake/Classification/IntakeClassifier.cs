using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Ledger.Intake.Classification;

/// <summary>The model's suggestion: the subcategory label, its probability, the runner-up labels and the terms that weighed most for it.</summary>
public sealed record ClassifierResult(string Label, double Confidence, IReadOnlyList<LabelProbability> Alternatives, IReadOnlyList<string> TopTerms);

public sealed record LabelProbability(string Label, double Probability);

/// <summary>
/// Text classifier for filings: ML.NET text featurization (word uni/bigrams and character 4-grams,
/// lower case, diacritics kept so that Kazakh letters stay apart) and a multiclass SDCA maximum-entropy
/// model, single-threaded with a fixed seed so that training is repeatable.
/// </summary>
public sealed class IntakeClassifier
{
    public const int DefaultSeed = 20260101;

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly PredictionEngine<FilingRow, FilingScore> _engine;
    private readonly string[] _labels;
    private readonly string[] _slotNames;
    private readonly VBuffer<float>[] _weights;

    private IntakeClassifier(MLContext ml, ITransformer model)
    {
        _ml = ml;
        _model = model;
        _engine = ml.Model.CreatePredictionEngine<FilingRow, FilingScore>(model);
        VBuffer<ReadOnlyMemory<char>> labels = default;
        _engine.OutputSchema["Score"].GetSlotNames(ref labels);
        _labels = labels.DenseValues().Select(l => l.ToString()).ToArray();
        VBuffer<ReadOnlyMemory<char>> slots = default;
        _engine.OutputSchema["Features"].GetSlotNames(ref slots);
        _slotNames = slots.DenseValues().Select(s => s.ToString()).ToArray();
        _weights = [];
        if (model is IEnumerable<ITransformer> chain
            && chain.OfType<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>().FirstOrDefault() is { } predictor)
        {
            VBuffer<float>[] weights = [];
            predictor.Model.GetWeights(ref weights, out _);
            _weights = weights;
        }
    }

    public IReadOnlyList<string> Labels => _labels;

    public static IntakeClassifier Train(IEnumerable<CorpusDocument> documents, int seed = DefaultSeed)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(documents.Select(d => new FilingRow { Text = d.Text, Label = d.Label }));
        var featurizer = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = true,
            KeepNumbers = false,
            KeepPunctuations = false,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = false },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", featurizer, nameof(FilingRow.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                MaximumNumberOfIterations = 60,
                L2Regularization = 1e-4f,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return new IntakeClassifier(ml, pipeline.Fit(data));
    }

    public static IntakeClassifier Load(string path)
    {
        if (!File.Exists(path))
        {
            throw IntakeException.ModelMissing(path);
        }

        var ml = new MLContext(DefaultSeed);
        using var stream = File.OpenRead(path);
        return new IntakeClassifier(ml, ml.Model.Load(stream, out _));
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var saved = new MemoryStream();
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<FilingRow>()).Schema;
        _ml.Model.Save(_model, schema, saved);
        saved.Position = 0;
        using var stream = File.Create(path);
        WithFixedTimestamps(saved, stream);
    }

    /// <summary>
    /// ML.NET stamps the archive entries with the time of saving; rewriting them with a fixed time (same
    /// entries, same order, same bytes) makes the model file, and so its SHA-256, repeatable for the same corpus and seed.
    /// </summary>
    private static void WithFixedTimestamps(Stream source, Stream target)
    {
        var fixedTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var input = new System.IO.Compression.ZipArchive(source, System.IO.Compression.ZipArchiveMode.Read);
        using var output = new System.IO.Compression.ZipArchive(target, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in input.Entries)
        {
            var copy = output.CreateEntry(entry.FullName, System.IO.Compression.CompressionLevel.Optimal);
            copy.LastWriteTime = fixedTime;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }

    public ClassifierResult Predict(string text, int topTerms = 6)
    {
        ArgumentNullException.ThrowIfNull(text);
        FilingScore score;
        lock (_engine)
        {
            score = _engine.Predict(new FilingRow { Text = text });
        }

        var ranked = score.Score.Select((p, i) => (Label: _labels[i], Probability: (double)p)).OrderByDescending(x => x.Probability).ToArray();
        var best = ranked[0];
        return new ClassifierResult(best.Label, Math.Round(best.Probability, 4),
            ranked.Skip(1).Take(2).Select(x => new LabelProbability(x.Label, Math.Round(x.Probability, 4))).ToArray(),
            TopTerms(score.Features, Array.IndexOf(_labels, best.Label), topTerms));
    }

    /// <summary>The word n-grams present in the text with the largest contribution (value × weight) to the chosen class.</summary>
    private string[] TopTerms(float[] features, int classIndex, int count)
    {
        if (classIndex < 0 || classIndex >= _weights.Length || features.Length != _slotNames.Length)
        {
            return [];
        }

        var weights = _weights[classIndex].DenseValues().ToArray();
        return features
            .Select((value, slot) => (slot, contribution: value * (slot < weights.Length ? weights[slot] : 0)))
            .Where(x => x.contribution > 0 && _slotNames[x.slot].StartsWith("Word", StringComparison.Ordinal) && Meaningful(TermName(_slotNames[x.slot])))
            .OrderByDescending(x => x.contribution)
            .Take(count)
            .Select(x => TermName(_slotNames[x.slot]))
            .ToArray();
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "не", "по", "в", "и", "на", "с", "о", "к", "из", "за", "от", "для", "что", "как", "мен", "бен", "пен", "және", "бұл", "осы", "г", "ул", "д",
    };

    private static bool Meaningful(string term) => term.Split(' ').Any(w => w.Length > 2 && !StopWords.Contains(w));

    private static string TermName(string slot)
    {
        var dot = slot.IndexOf('.', StringComparison.Ordinal);
        return (dot >= 0 ? slot[(dot + 1)..] : slot).Replace('|', ' ').Trim();
    }

    private sealed class FilingRow
    {
        public string Text { get; set; } = "";

        public string Label { get; set; } = "";
    }

    private sealed class FilingScore
    {
        [ColumnName("PredictedLabel")]
        public string Predicted { get; set; } = "";

        public float[] Score { get; set; } = [];

        public float[] Features { get; set; } = [];
    }
}

/// <summary>Held-out evaluation: accuracy, per-class precision / recall / F1 and the confusion matrix (rows actual, columns predicted).</summary>
public sealed record ClassifierEvaluation(
    int Documents,
    double Accuracy,
    double MacroF1,
    IReadOnlyList<string> Labels,
    IReadOnlyList<ClassMetrics> PerClass,
    int[][] Confusion,
    IReadOnlyList<(string Id, string Actual, string Predicted)> Errors)
{
    public static ClassifierEvaluation Of(IntakeClassifier classifier, IReadOnlyList<CorpusDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(documents);
        var labels = documents.Select(d => d.Label).Concat(classifier.Labels).Distinct().Order(StringComparer.Ordinal).ToArray();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var confusion = labels.Select(_ => new int[labels.Length]).ToArray();
        var errors = new List<(string, string, string)>();
        foreach (var d in documents)
        {
            var predicted = classifier.Predict(d.Text, 0).Label;
            confusion[index[d.Label]][index[predicted]]++;
            if (predicted != d.Label)
            {
                errors.Add((d.Id, d.Label, predicted));
            }
        }

        var perClass = labels.Select((l, i) =>
        {
            var tp = confusion[i][i];
            var predictedCount = confusion.Sum(row => row[i]);
            var actualCount = confusion[i].Sum();
            var precision = predictedCount == 0 ? 0 : (double)tp / predictedCount;
            var recall = actualCount == 0 ? 0 : (double)tp / actualCount;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new ClassMetrics(l, actualCount, precision, recall, f1);
        }).ToArray();
        var correct = labels.Select((_, i) => confusion[i][i]).Sum();
        var withSupport = perClass.Where(c => c.Support > 0).ToArray();
        return new ClassifierEvaluation(documents.Count, documents.Count == 0 ? 0 : (double)correct / documents.Count,
            withSupport.Length == 0 ? 0 : withSupport.Average(c => c.F1), labels, perClass, confusion, errors);
    }
}

public sealed record ClassMetrics(string Label, int Support, double Precision, double Recall, double F1);
