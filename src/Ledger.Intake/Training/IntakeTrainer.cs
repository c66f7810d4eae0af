using System.Globalization;
using System.Text;
using Ledger.Intake.Classification;

namespace Ledger.Intake.Training;

/// <summary>What a training run produced.</summary>
/// <summary>What a training run produced. <see cref="Transfer"/>: a second model trained on generated filings only, evaluated on every hand-written one.</summary>
public sealed record IntakeTrainingResult(IntakeModelInfo Info, ClassifierEvaluation HeldOut, ClassifierEvaluation HandwrittenHeldOut, ClassifierEvaluation Transfer, string ModelPath, string ReportPath);

/// <summary>
/// <c>caseledger intake-train</c>: loads the corpus, splits it (stratified, fixed seed), trains on the
/// training part, evaluates on the held-out part, then writes the model, the JSON with its version and
/// scores, and the measured section of <c>docs/intake.md</c>.
/// </summary>
public static class IntakeTrainer
{
    public const string ReportStart = "<!-- intake-train: measured results start -->";
    public const string ReportEnd = "<!-- intake-train: measured results end -->";

    public static IntakeTrainingResult Run(string corpusFolder, string modelPath, string reportPath, int seed = IntakeClassifier.DefaultSeed)
    {
        var corpus = IntakeCorpus.Load(corpusFolder);
        if (corpus.Count == 0)
        {
            throw new InvalidDataException($"The corpus folder \"{corpusFolder}\" holds no filings.");
        }

        var (train, heldOut) = IntakeCorpus.Split(corpus, seed);
        var classifier = IntakeClassifier.Train(train, seed);
        var evaluation = ClassifierEvaluation.Of(classifier, heldOut);
        var handwritten = ClassifierEvaluation.Of(classifier, heldOut.Where(d => d.Source == "handwritten").ToArray());
        var generatedOnly = corpus.Where(d => d.Source != "handwritten").ToArray();
        var allHandwritten = corpus.Where(d => d.Source == "handwritten").ToArray();
        var transfer = generatedOnly.Length > 0 && allHandwritten.Length > 0
            ? ClassifierEvaluation.Of(IntakeClassifier.Train(generatedOnly, seed), allHandwritten)
            : ClassifierEvaluation.Of(classifier, []);
        classifier.Save(modelPath);
        var modelSha = IntakeModelInfo.Sha256OfFile(modelPath);
        var corpusSha = IntakeCorpus.Sha256(corpus);
        var info = new IntakeModelInfo(IntakeModelInfo.VersionOf(modelSha, corpusSha), modelSha, corpusSha, seed, corpus.Count, train.Count, heldOut.Count,
            Math.Round(evaluation.Accuracy, 4), Math.Round(evaluation.MacroF1, 4), classifier.Labels);
        info.Write(IntakeModelInfo.PathFor(modelPath));
        WriteReport(reportPath, info, corpus, evaluation, handwritten, transfer);
        return new IntakeTrainingResult(info, evaluation, handwritten, transfer, modelPath, reportPath);
    }

    /// <summary>Replaces the measured section of the report (between the markers), keeping the hand-written text around it.</summary>
    public static void WriteReport(string reportPath, IntakeModelInfo info, IReadOnlyList<CorpusDocument> corpus, ClassifierEvaluation heldOut, ClassifierEvaluation handwritten, ClassifierEvaluation transfer)
    {
        var measured = Measured(info, corpus, heldOut, handwritten, transfer);
        var existing = File.Exists(reportPath) ? File.ReadAllText(reportPath) : $"# Intake triage\n\n{ReportStart}\n{ReportEnd}\n";
        var start = existing.IndexOf(ReportStart, StringComparison.Ordinal);
        var end = existing.IndexOf(ReportEnd, StringComparison.Ordinal);
        var text = start >= 0 && end > start
            ? existing[..(start + ReportStart.Length)] + "\n" + measured + existing[end..]
            : existing.TrimEnd() + "\n\n" + ReportStart + "\n" + measured + ReportEnd + "\n";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(reportPath))!);
        File.WriteAllText(reportPath, text);
    }

    private static string Measured(IntakeModelInfo info, IReadOnlyList<CorpusDocument> corpus, ClassifierEvaluation e, ClassifierEvaluation handwritten, ClassifierEvaluation transfer)
    {
        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Model `{info.Version}` (model SHA-256 `{info.ModelSha256}`, corpus SHA-256 `{info.CorpusSha256}`), seed {info.Seed}.");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Corpus: {corpus.Count} filings ({corpus.Count(d => d.Language == "ru")} Russian, {corpus.Count(d => d.Language == "kk")} Kazakh; {corpus.Count(d => d.Source == "generated")} generated, {corpus.Count(d => d.Source == "handwritten")} hand-written). Stratified split: {info.TrainDocuments} for training, {info.HeldOutDocuments} held out.");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"**Held-out accuracy {F(e.Accuracy)}**, macro F1 {F(e.MacroF1)}. Hand-written filings in the held-out part: {handwritten.Documents}, accuracy {F(handwritten.Accuracy)}.");
        s.AppendLine();
        s.AppendLine("| subcategory | support | precision | recall | F1 |");
        s.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var c in e.PerClass)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| `{c.Label}` | {c.Support} | {F(c.Precision)} | {F(c.Recall)} | {F(c.F1)} |");
        }

        s.AppendLine();
        s.AppendLine("Confusion matrix (rows: actual, columns: predicted, in the order of the table above):");
        s.AppendLine();
        s.Append("| actual \\ predicted | ").Append(string.Join(" | ", e.Labels.Select((_, i) => (i + 1).ToString(CultureInfo.InvariantCulture)))).AppendLine(" |");
        s.Append("|---|").AppendLine(string.Concat(e.Labels.Select(_ => "---:|")));
        for (var i = 0; i < e.Labels.Count; i++)
        {
            s.Append(CultureInfo.InvariantCulture, $"| {i + 1} `{e.Labels[i]}` | ").Append(string.Join(" | ", e.Confusion[i])).AppendLine(" |");
        }

        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Transfer check (a harder measure): a model trained on the generated filings only, evaluated on all {transfer.Documents} hand-written filings: accuracy {F(transfer.Accuracy)}, macro F1 {F(transfer.MacroF1)}.");
        foreach (var (id, actual, predicted) in transfer.Errors)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"- `{id}`: {actual} → {predicted}");
        }

        s.AppendLine();
        if (e.Errors.Count > 0)
        {
            s.AppendLine("Misclassified held-out filings:");
            s.AppendLine();
            foreach (var (id, actual, predicted) in e.Errors)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"- `{id}`: {actual} → {predicted}");
            }

            s.AppendLine();
        }

        return s.ToString();
    }
}
