using System.Globalization;
using System.Text;

namespace Ledger.Domain.Depersonalization.Evaluation;

/// <summary>Recall and precision of one entity type.</summary>
public sealed record TypeScore(string Type, int Labelled, int Found, int Replacements, int CorrectReplacements)
{
    /// <summary>Share of labelled data fully covered by replacements (1 when nothing is labelled).</summary>
    public double Recall => Labelled == 0 ? 1 : Found / (double)Labelled;

    /// <summary>Share of replacements of this type that overlap a labelled datum (1 when none were made).</summary>
    public double Precision => Replacements == 0 ? 1 : CorrectReplacements / (double)Replacements;
}

/// <summary>How many spans that must stay were touched by a replacement.</summary>
public sealed record KeepScore(string Type, int Labelled, int Removed);

/// <summary>A labelled datum left in the text, or a span that must stay but was replaced.</summary>
public sealed record EvaluationError(string DocumentId, string Kind, string Type, int Start, string Text, string Detail);

public sealed record EvaluationReport(
    int Documents,
    long Characters,
    IReadOnlyList<TypeScore> Types,
    IReadOnlyList<KeepScore> Keep,
    IReadOnlyList<EvaluationError> Errors)
{
    public TypeScore For(EntityType type) =>
        Types.FirstOrDefault(t => t.Type == type.ToString()) ?? new TypeScore(type.ToString(), 0, 0, 0, 0);

    public int OverRemovals => Keep.Sum(k => k.Removed);

    /// <summary>A plain-text table: one row per entity type, then the over-removal check.</summary>
    public string ToTable()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"Documents: {Documents}, characters: {Characters}");
        sb.AppendLine(inv, $"{"Entity type",-18} {"Labelled",8} {"Found",6} {"Recall",7} {"Replaced",8} {"Correct",7} {"Precision",9}");
        foreach (var t in Types)
        {
            sb.AppendLine(inv, $"{t.Type,-18} {t.Labelled,8} {t.Found,6} {t.Recall,7:0.000} {t.Replacements,8} {t.CorrectReplacements,7} {t.Precision,9:0.000}");
        }

        var all = new TypeScore("All", Types.Sum(t => t.Labelled), Types.Sum(t => t.Found), Types.Sum(t => t.Replacements), Types.Sum(t => t.CorrectReplacements));
        sb.AppendLine(inv, $"{all.Type,-18} {all.Labelled,8} {all.Found,6} {all.Recall,7:0.000} {all.Replacements,8} {all.CorrectReplacements,7} {all.Precision,9:0.000}");
        sb.AppendLine();
        sb.AppendLine("Over-removal check (spans that must stay):");
        sb.AppendLine(inv, $"{"Kept type",-18} {"Labelled",8} {"Removed",8}");
        foreach (var k in Keep)
        {
            sb.AppendLine(inv, $"{k.Type,-18} {k.Labelled,8} {k.Removed,8}");
        }

        return sb.ToString();
    }
}

/// <summary>
/// Scores the depersonalizer on labelled documents. A labelled datum counts as found when every
/// letter and digit of it lies inside some replacement (of any type: leaking nothing is what matters);
/// a replacement counts as correct when it overlaps some labelled datum. A span that must stay counts as
/// over-removed when any replacement overlaps it.
/// </summary>
public static class Evaluator
{
    public static EvaluationReport Evaluate(IEnumerable<LabelledDocument> documents) =>
        Evaluate(documents, d => Depersonalizer.Depersonalize(d.Text, d.Context()));

    public static EvaluationReport Evaluate(IEnumerable<LabelledDocument> documents, Func<LabelledDocument, DepersonalizationResult> depersonalize)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(depersonalize);
        var types = Enum.GetNames<EntityType>().ToDictionary(n => n, n => new int[4]);
        var keep = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var errors = new List<EvaluationError>();
        var count = 0;
        long characters = 0;
        foreach (var doc in documents)
        {
            count++;
            characters += doc.Text.Length;
            var result = depersonalize(doc);
            var covered = new bool[doc.Text.Length];
            foreach (var r in result.Replacements)
            {
                Array.Fill(covered, true, r.Start, r.Length);
            }

            foreach (var e in doc.Entities)
            {
                var row = Row(types, e.Type);
                row[0]++;
                var found = true;
                for (var i = e.Start; i < e.End; i++)
                {
                    if (!covered[i] && char.IsLetterOrDigit(doc.Text[i]))
                    {
                        found = false;
                        break;
                    }
                }

                if (found)
                {
                    row[1]++;
                }
                else
                {
                    errors.Add(new EvaluationError(doc.Id, "missed", e.Type, e.Start, e.Text, Context(doc.Text, e.Start, e.End)));
                }
            }

            foreach (var r in result.Replacements)
            {
                var row = Row(types, r.Type.ToString());
                row[2]++;
                if (doc.Entities.Any(e => e.Start < r.End && r.Start < e.End))
                {
                    row[3]++;
                }
                else
                {
                    errors.Add(new EvaluationError(doc.Id, "spurious", r.Type.ToString(), r.Start, r.Original, r.Reason));
                }
            }

            foreach (var k in doc.Keep)
            {
                if (!keep.TryGetValue(k.Type, out var row))
                {
                    row = new int[2];
                    keep[k.Type] = row;
                }

                row[0]++;
                var hit = result.Replacements.FirstOrDefault(r => k.Start < r.End && r.Start < k.End);
                if (hit is not null)
                {
                    row[1]++;
                    errors.Add(new EvaluationError(doc.Id, "over-removed", k.Type, k.Start, k.Text, hit.Reason));
                }
            }
        }

        return new EvaluationReport(
            count,
            characters,
            types.Where(t => t.Value[0] > 0 || t.Value[2] > 0).Select(t => new TypeScore(t.Key, t.Value[0], t.Value[1], t.Value[2], t.Value[3])).ToArray(),
            keep.Select(k => new KeepScore(k.Key, k.Value[0], k.Value[1])).ToArray(),
            errors);
    }

    private static int[] Row(Dictionary<string, int[]> types, string type)
    {
        if (!types.TryGetValue(type, out var row))
        {
            row = new int[4];
            types[type] = row;
        }

        return row;
    }

    private static string Context(string text, int start, int end)
    {
        var from = Math.Max(0, start - 30);
        var to = Math.Min(text.Length, end + 30);
        return text[from..to].ReplaceLineEndings(" ");
    }
}
