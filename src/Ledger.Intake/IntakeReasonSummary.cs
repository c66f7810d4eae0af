using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Domain.Cases;
using Ledger.Intake.Classification;
using Ledger.Intake.Rules;

namespace Ledger.Intake;

/// <summary>
/// What the reasons of an <c>intake-assessed</c> event say in structured form: the model's confidence and runners-up
/// (<c>model.category</c>), the words that weighed most (<c>model.terms</c>), the cited articles (<c>articles</c>) and the
/// dates found (<c>dates</c>). The ledger keeps the reasons as written by <see cref="IntakePipeline"/>; the clerk's queue
/// reads them back with <see cref="Read"/>, so that it shows exactly what was recorded and nothing kept elsewhere.
/// A reason that is missing, erased or written differently gives an empty part, never an error.
/// </summary>
public sealed partial record IntakeReasonSummary(
    double? Confidence,
    IReadOnlyList<LabelProbability> Alternatives,
    IReadOnlyList<string> TopTerms,
    IReadOnlyList<string> Articles,
    IReadOnlyList<DateOnly> Dates)
{
    public static IntakeReasonSummary Read(IEnumerable<IntakeReason>? reasons)
    {
        double? confidence = null;
        var alternatives = new List<LabelProbability>();
        var terms = new List<string>();
        var articles = new List<string>();
        var dates = new List<DateOnly>();
        foreach (var reason in reasons ?? [])
        {
            switch (reason.Rule)
            {
                case "model.category" when CategoryDetail().Match(reason.Detail) is { Success: true } m:
                    confidence = Probability(m.Groups["p"].Value);
                    if (m.Groups["next"].Success)
                    {
                        foreach (Match next in LabelAndProbability().Matches(m.Groups["next"].Value))
                        {
                            if (Probability(next.Groups["p"].Value) is { } p)
                            {
                                alternatives.Add(new LabelProbability(next.Groups["label"].Value, p));
                            }
                        }
                    }

                    break;
                case "model.terms":
                    terms.AddRange(Split(reason.Detail, ","));
                    break;
                case "articles":
                    articles.AddRange(Split(reason.Detail, ";"));
                    break;
                case "dates":
                    foreach (var part in Split(reason.Detail, ","))
                    {
                        if (DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                        {
                            dates.Add(day);
                        }
                    }

                    break;
            }
        }

        return new IntakeReasonSummary(confidence, alternatives, terms, articles, dates);
    }

    /// <summary>The detail of the <c>dates</c> reason: ISO dates separated by ", ".</summary>
    public static string FormatDates(IEnumerable<DateOnly> dates) =>
        string.Join(", ", dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    // Reasons recorded before the runners-up were written culture-invariantly may carry a decimal comma ("0,176").
    private static double? Probability(string text) =>
        double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p : null;

    private static string[] Split(string detail, string separator) =>
        detail.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"^(?<label>\S+) p=(?<p>[0-9]+(?:[.,][0-9]+)?)(?:; next: (?<next>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryDetail();

    [GeneratedRegex(@"(?<label>[^\s,]+) p=(?<p>[0-9]+(?:[.,][0-9]+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex LabelAndProbability();
}

/// <summary>
/// The clerk's override as a final suggestion: the suggestion as recorded, with the subcategory (and so the case kind and
/// category, from the rules' table), the procedure (simplified or not) and the court the clerk chose. Everything the
/// clerk did not change stays as suggested.
/// </summary>
public static class IntakeOverride
{
    /// <exception cref="ArgumentException">The subcategory is not one of the rules' subcategories.</exception>
    public static IntakeSuggestion Apply(IntakeSuggestion suggested, IntakeRules rules, string? subcategory, bool? simplified, string? courtId)
    {
        ArgumentNullException.ThrowIfNull(suggested);
        ArgumentNullException.ThrowIfNull(rules);
        var final = suggested;
        if (subcategory is not null)
        {
            var rule = rules.Subcategories.FirstOrDefault(s => s.Id == subcategory)
                ?? throw new ArgumentException($"Unknown subcategory \"{subcategory}\".", nameof(subcategory));
            final = final with { Subcategory = rule.Id, Kind = rule.Kind, Category = rule.Category };
        }

        if (simplified is not null)
        {
            final = final with { SimplifiedEligible = simplified };
        }

        if (courtId is not null)
        {
            final = final with { SuggestedCourtId = courtId };
        }

        return final;
    }
}
