using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Intake;
using Ledger.Intake.Classification;
using Ledger.Intake.Training;

namespace Ledger.Cli.Commands;

/// <summary>
/// <c>caseledger intake-train</c> trains the intake classifier on the corpus in the repository and writes the
/// model, its version JSON and the measured part of docs/intake.md; <c>caseledger intake-assess FILE</c>
/// prints the intake suggestion for a filing as JSON. Suggestions only: a clerk decides.
/// </summary>
public static class IntakeCommands
{
    public const string DefaultCorpus = "eval/intake/corpus";
    public const string DefaultModel = "models/intake-classifier.zip";
    public const string DefaultReport = "docs/intake.md";
    public const int GeneratedPerLabel = 28;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Command CreateTrain()
    {
        var corpus = new Option<string>("--corpus") { Description = $"Corpus folder (default {DefaultCorpus} in the repository)" };
        var model = new Option<string>("--model") { Description = $"Model file to write (default {DefaultModel})" };
        var report = new Option<string>("--report") { Description = $"Report whose measured section is rewritten (default {DefaultReport})" };
        var seed = new Option<int>("--seed") { Description = "Seed of the split and of the trainer", DefaultValueFactory = _ => IntakeClassifier.DefaultSeed };
        var generate = new Option<bool>("--generate-corpus") { Description = $"Rewrite the generated part of the corpus ({GeneratedPerLabel} filings per subcategory) before training" };
        var command = new Command("intake-train", "Train the intake classifier on the labelled corpus; write the model, its version and the held-out scores.")
        {
            corpus, model, report, seed, generate,
        };
        command.SetAction(parseResult => RunTrain(
            parseResult.GetValue(corpus), parseResult.GetValue(model), parseResult.GetValue(report),
            parseResult.GetValue(seed), parseResult.GetValue(generate), Console.Out, Console.Error));
        return command;
    }

    public static Command CreateAssess()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The filing: PDF, DOCX or TXT" };
        var model = new Option<string>("--model") { Description = $"Model file (default {DefaultModel} in the repository)" };
        var filedOn = new Option<string>("--filed-on") { Description = "Filing date yyyy-MM-dd (picks the МРП year; default today)" };
        var attachments = new Option<string[]>("--attachment") { Description = "Names of the other files uploaded with the filing", AllowMultipleArgumentsPerToken = true };
        var command = new Command("intake-assess", "Print the intake suggestion for a filing as JSON (category, parties, amount, simplified procedure, court, completeness, reasons).")
        {
            file, model, filedOn, attachments,
        };
        command.SetAction(parseResult => RunAssess(
            parseResult.GetValue(file)!, parseResult.GetValue(model), parseResult.GetValue(filedOn), parseResult.GetValue(attachments), Console.Out, Console.Error));
        return command;
    }

    public static int RunTrain(string? corpus, string? model, string? report, int seed, bool generate, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = RepositoryRoot();
        var corpusFolder = corpus ?? Path.Combine(root, DefaultCorpus);
        var modelPath = model ?? Path.Combine(root, DefaultModel);
        var reportPath = report ?? Path.Combine(root, DefaultReport);
        try
        {
            if (generate)
            {
                var filings = new IntakeCorpusGenerator(seed).Generate(GeneratedPerLabel);
                IntakeCorpusGenerator.WriteTo(Path.Combine(corpusFolder, "generated"), filings);
                output.WriteLine($"Wrote {filings.Count} generated filings to {Path.Combine(corpusFolder, "generated")}.");
            }

            var started = DateTime.UtcNow;
            var result = IntakeTrainer.Run(corpusFolder, modelPath, reportPath, seed);
            var e = result.HeldOut;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Trained on {result.Info.TrainDocuments} filings in {(DateTime.UtcNow - started).TotalSeconds:0.0} s; held-out {result.Info.HeldOutDocuments}: accuracy {e.Accuracy:0.000}, macro F1 {e.MacroF1:0.000}."));
            output.WriteLine($"Model {result.Info.Version} written to {modelPath}; report {reportPath}.");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine(ex.Message);
            return 1;
        }
    }

    public static int RunAssess(FileInfo file, string? model, string? filedOn, string[]? attachments, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var day = DateOnly.FromDateTime(DateTime.Now);
        if (filedOn is not null && !DateOnly.TryParseExact(filedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            error.WriteLine($"--filed-on must be a date like 2026-03-15; it is \"{filedOn}\".");
            return 1;
        }

        if (!file.Exists)
        {
            error.WriteLine($"The file \"{file.FullName}\" does not exist.");
            return 1;
        }

        try
        {
            var pipeline = IntakePipeline.Load(model ?? Path.Combine(RepositoryRoot(), DefaultModel));
            using var stream = file.OpenRead();
            var assessment = pipeline.Assess(stream, file.Name, MediaTypeOf(file.Name), new IntakeContext(day, attachments));
            output.WriteLine(JsonSerializer.Serialize(assessment, Json));
            return 0;
        }
        catch (IntakeException ex)
        {
            error.WriteLine(ex.MessageRu);
            error.WriteLine(ex.MessageEn);
            return 2;
        }
    }

    internal static string MediaTypeOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".txt" => "text/plain",
        _ => "application/octet-stream",
    };

    /// <summary>The folder holding CaseLedger.slnx, searched upwards from the current directory (else the current directory).</summary>
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CaseLedger.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
