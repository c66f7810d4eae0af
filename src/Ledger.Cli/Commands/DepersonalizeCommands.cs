using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ledger.Domain.Depersonalization;
using Ledger.Domain.Depersonalization.Evaluation;

namespace Ledger.Cli.Commands;

/// <summary>
/// <c>caseledger depersonalize FILE [--json] [--participants FILE]</c> and <c>caseledger depersonalize-eval [DIR]</c>.
/// </summary>
public static class DepersonalizeCommands
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static Command CreateDepersonalize()
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = "A judicial act as .txt (UTF-8) or .pdf / Судебный акт в формате .txt (UTF-8) или .pdf",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print the text and every replacement (span, original, label, type, reason) as JSON",
        };
        var participants = new Option<FileInfo?>("--participants", "-p")
        {
            Description = "Participants: a .labels.json file, or lines \"Фамилия Имя Отчество=Role\" (Plaintiff, Defendant, Judge, Lawyer…)",
        };
        var command = new Command("depersonalize", "Remove personal data from a judicial act before publication / Обезличить судебный акт")
        {
            file,
            json,
            participants,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            return Depersonalize(parseResult.GetValue(file)!, parseResult.GetValue(json), parseResult.GetValue(participants), output, error);
        });
        return command;
    }

    public static Command CreateEvaluate()
    {
        var dir = new Argument<DirectoryInfo?>("dir")
        {
            Description = "Directory of labelled acts (*.txt + *.labels.json); default: eval/depersonalization/docs",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var errors = new Option<int>("--errors")
        {
            Description = "Also list up to N missed, spurious and over-removed spans",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("depersonalize-eval", "Recall and precision of the depersonalizer per entity type / Полнота и точность обезличивания")
        {
            dir,
            errors,
        };
        command.SetAction(parseResult =>
            Evaluate(parseResult.GetValue(dir), parseResult.GetValue(errors), parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    internal static int Depersonalize(FileInfo file, bool json, FileInfo? participantsFile, TextWriter output, TextWriter error)
    {
        if (!file.Exists)
        {
            error.WriteLine($"Файл не найден: {file.FullName} / File not found.");
            return 2;
        }

        string text;
        try
        {
            text = DocumentText.Read(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            error.WriteLine($"Не удалось прочитать текст из {file.Name}: {ex.Message} / Could not read the text of the file.");
            return 2;
        }

        IReadOnlyList<Participant> participants;
        try
        {
            participants = participantsFile is null ? [] : ReadParticipants(participantsFile);
        }
        catch (Exception ex) when (ex is IOException or FormatException or JsonException)
        {
            error.WriteLine($"Не удалось прочитать список участников: {ex.Message} / Could not read the participant list.");
            return 2;
        }

        var result = Depersonalizer.Depersonalize(text, new DepersonalizationContext(participants));
        if (json)
        {
            var payload = new
            {
                file = file.Name,
                text = result.Text,
                replacements = result.Replacements.Select(r => new
                {
                    start = r.Start,
                    length = r.Length,
                    original = r.Original,
                    replacement = r.ReplacementText,
                    type = r.Type.ToString(),
                    reason = r.Reason,
                }),
            };
            output.WriteLine(JsonSerializer.Serialize(payload, JsonOptions));
        }
        else
        {
            output.Write(result.Text);
            if (!result.Text.EndsWith('\n'))
            {
                output.WriteLine();
            }
        }

        var closed = PublicationPolicy.SuggestClosedCategories(text);
        if (closed.Count > 0)
        {
            error.WriteLine($"Внимание: возможна закрытая категория ({string.Join(", ", closed)}); такой акт не публикуется. "
                + "Warning: the act may belong to a closed category and must not be published.");
        }

        return 0;
    }

    internal static int Evaluate(DirectoryInfo? dir, int errorsToShow, TextWriter output, TextWriter error)
    {
        dir ??= FindDefaultEvalDirectory();
        if (dir is null || !dir.Exists)
        {
            error.WriteLine("Каталог с размеченными актами не найден (по умолчанию eval/depersonalization/docs). / Evaluation directory not found.");
            return 2;
        }

        List<LabelledDocument> documents;
        try
        {
            documents = dir.GetFiles("*.txt").OrderBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => LabelledDocument.FromJson(File.ReadAllText(f.FullName), File.ReadAllText(Path.ChangeExtension(f.FullName, null) + ".labels.json")))
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or FormatException or JsonException)
        {
            error.WriteLine($"Разметка повреждена: {ex.Message} / The labels are broken.");
            return 2;
        }

        if (documents.Count == 0)
        {
            error.WriteLine($"В каталоге {dir.FullName} нет размеченных актов. / No labelled acts in the directory.");
            return 2;
        }

        var report = Evaluator.Evaluate(documents);
        output.Write(report.ToTable());
        foreach (var e in report.Errors.Take(errorsToShow))
        {
            output.WriteLine($"{e.DocumentId}\t{e.Kind}\t{e.Type}\t«{e.Text}»\t{e.Detail}");
        }

        return 0;
    }

    private static List<Participant> ReadParticipants(FileInfo file)
    {
        var content = File.ReadAllText(file.FullName);
        if (file.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return [.. LabelledDocument.ParticipantsFromJson(content)];
        }

        var list = new List<Participant>();
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var eq = line.LastIndexOf('=');
            var name = eq < 0 ? line : line[..eq].Trim();
            var role = ParticipantRole.Other;
            if (eq >= 0 && !Enum.TryParse(line[(eq + 1)..].Trim(), ignoreCase: true, out role))
            {
                throw new FormatException($"неизвестная роль «{line[(eq + 1)..].Trim()}» / unknown role; use one of {string.Join(", ", Enum.GetNames<ParticipantRole>())}");
            }

            list.Add(new Participant(name, role));
        }

        return list;
    }

    private static DirectoryInfo? FindDefaultEvalDirectory()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            var candidate = new DirectoryInfo(Path.Combine(d.FullName, "eval", "depersonalization", "docs"));
            if (candidate.Exists)
            {
                return candidate;
            }
        }

        return null;
    }
}
