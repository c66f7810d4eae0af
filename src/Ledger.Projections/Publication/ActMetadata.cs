using System.Text.RegularExpressions;
using Ledger.Domain.Cases;

namespace Ledger.Projections.Publication;

/// <summary>Outcome of a published act, as a search filter (kebab-case in URLs and JSON).</summary>
public static class ActOutcomes
{
    public const string Granted = "granted";
    public const string PartiallyGranted = "partially-granted";
    public const string Denied = "denied";
    public const string Convicted = "convicted";
    public const string Acquitted = "acquitted";
    public const string Terminated = "terminated";
    public const string LeftWithoutConsideration = "left-without-consideration";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } =
        [Granted, PartiallyGranted, Denied, Convicted, Acquitted, Terminated, LeftWithoutConsideration, Other];
}

/// <summary>
/// Facts about an act read from its text: the language, the articles of the codes it cites and its outcome (from the
/// operative part after «РЕШИЛ:», «ПРИГОВОРИЛ:», «ШЕШІМ ЕТТІ:», «ҮКІМ ЕТТІ:» …).
/// </summary>
public static partial class ActMetadata
{
    /// <summary>
    /// "kk" when Kazakh-only letters (ә ғ қ ң ө ұ ү һ і) make up at least 4 % of the letters, else "ru". In Kazakh text
    /// they are about one letter in ten; a Russian act naming a Kazakh company or person has far fewer.
    /// </summary>
    public static string DetectLanguage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int letters = 0, kazakh = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            letters++;
            if ("әғқңөұүһіӘҒҚҢӨҰҮҺІ".Contains(c, StringComparison.Ordinal))
            {
                kazakh++;
            }
        }

        return letters > 0 && kazakh * 25 >= letters ? "kk" : "ru";
    }

    /// <summary>
    /// The articles cited, each as "CODE N" (Russian abbreviation of the code: УК, ГК, ГПК, УПК, КоАП, АППК, ТК, НК,
    /// КоБС) and as the bare number "N", so that a filter can ask for "УК 188" or just "188". Sorted, distinct.
    /// </summary>
    public static IReadOnlyList<string> Articles(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match m in RussianArticle().Matches(text))
        {
            foreach (Match number in ArticleNumber().Matches(m.Groups["nums"].Value))
            {
                Add(found, number.Value, m.Groups["code"].Value);
            }
        }

        foreach (Match m in KazakhArticle().Matches(text))
        {
            Add(found, m.Groups["num"].Value, m.Groups["code"].Value);
        }

        return [.. found];
    }

    /// <summary>Normalizes an article filter typed by a reader ("ст. 188 УК", "188", "ҚК 188") to the stored form.</summary>
    public static string? NormalizeArticleFilter(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }

        var number = ArticleNumber().Match(filter);
        if (!number.Success)
        {
            return null;
        }

        var code = CodeWord().Match(filter);
        return code.Success && NormalizeCode(code.Value) is { } c ? $"{c} {number.Value}" : number.Value;
    }

    /// <summary>The outcome from the operative part of the act and the outcome summary recorded with the judgment.</summary>
    public static string Outcome(string text, ActKind kind, string? recordedOutcome)
    {
        ArgumentNullException.ThrowIfNull(text);
        var operative = OperativePart(text);
        var probe = ((recordedOutcome ?? "") + "\n" + operative).ToLowerInvariant();
        if (ContainsAny(probe, "оправда", "ақтал", "ақтау"))
        {
            return ActOutcomes.Acquitted;
        }

        if (ContainsAny(probe, "признать виновн", "признать его виновн", "признать её виновн", "кінәлі деп танылсын", "кінәлі деп тану"))
        {
            return ActOutcomes.Convicted;
        }

        if (ContainsAny(probe, "без рассмотрения", "қараусыз қалдыр"))
        {
            return ActOutcomes.LeftWithoutConsideration;
        }

        if (ContainsAny(probe, "прекратить", "прекращено", "тоқтатылсын", "тоқтату"))
        {
            return ActOutcomes.Terminated;
        }

        if (ContainsAny(probe, "частично", "ішінара"))
        {
            return ActOutcomes.PartiallyGranted;
        }

        if (ContainsAny(probe, "отказать", "оставить без удовлетворения", "бас тартылсын", "қанағаттандырусыз"))
        {
            return ActOutcomes.Denied;
        }

        if (ContainsAny(probe, "удовлетворить", "взыскать", "қанағаттандырылсын", "өндірілсін", "өндіріп алынсын"))
        {
            return ActOutcomes.Granted;
        }

        return ActOutcomes.Other;
    }

    /// <summary>The operative part: the text after the last operative keyword, or the whole text when none is found.</summary>
    public static string OperativePart(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var last = OperativeKeyword().Matches(text).LastOrDefault();
        return last is null ? text : text[(last.Index + last.Length)..];
    }

    private static void Add(SortedSet<string> found, string number, string code)
    {
        var n = number.TrimStart('0');
        if (n.Length == 0)
        {
            return;
        }

        found.Add(n);
        if (NormalizeCode(code) is { } c)
        {
            found.Add($"{c} {n}");
        }
    }

    private static string? NormalizeCode(string code) => code.ToUpperInvariant() switch
    {
        "УК" or "ҚК" => "УК",
        "ГК" or "АК" => "ГК",
        "ГПК" or "АПК" => "ГПК",
        "УПК" or "ҚПК" => "УПК",
        "КОАП" or "ӘҚБТК" => "КоАП",
        "АППК" or "ӘРПК" => "АППК",
        "ТК" or "ЕК" => "ТК",
        "НК" => "НК",
        "КОБС" => "КоБС",
        _ => null,
    };

    private static bool ContainsAny(string text, params ReadOnlySpan<string> needles)
    {
        foreach (var n in needles)
        {
            if (text.Contains(n, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // "ч. 2 ст. 188 УК РК", "статьи 272 ГК РК", "ст.ст. 15, 917 ГК" (first number), "статьей 190 Уголовного кодекса" is not coded.
    [GeneratedRegex(@"\bст(?:\.\s*ст\.|\.|атья|атьи|атье|атью|атьей|атьёй|атьям|атьями|атьях|атей)\s*(?<nums>\d{1,4}(?:\s*(?:,|и|-|–)\s*\d{1,4})*)[^;\n]{0,40}?\b(?<code>УК|ГК|ГПК|УПК|КоАП|АППК|ТК|НК|КоБС)\b", RegexOptions.CultureInvariant)]
    private static partial Regex RussianArticle();

    // "ҚК-нің 188-бабының 2-бөлігі", "АК 272-бабы", "ӘҚБтК-нің 610-бабы".
    [GeneratedRegex(@"\b(?<code>ҚК|АК|АПК|ҚПК|ӘҚБтК|ӘРПК|ЕК)(?:-?(?:нің|тің|ның|тың|не|ге|сі|ы))?\s+(?<num>\d{1,4})\s*-\s*ба[пб]", RegexOptions.CultureInvariant)]
    private static partial Regex KazakhArticle();

    [GeneratedRegex(@"\d{1,4}", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleNumber();

    [GeneratedRegex(@"(?i)\b(?:УК|ГК|ГПК|УПК|КоАП|АППК|ТК|НК|КоБС|ҚК|АК|АПК|ҚПК|ӘҚБтК|ӘРПК|ЕК)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CodeWord();

    [GeneratedRegex(@"(?:Р\s*Е\s*Ш\s*И\s*Л|П\s*Р\s*И\s*Г\s*О\s*В\s*О\s*Р\s*И\s*Л|П\s*О\s*С\s*Т\s*А\s*Н\s*О\s*В\s*И\s*Л|О\s*П\s*Р\s*Е\s*Д\s*Е\s*Л\s*И\s*Л|ШЕШІМ\s+ЕТТІ|ШЕШТІ|ҮКІМ\s+ЕТТІ|ҚАУЛЫ\s+ЕТТІ|ҰЙҒАРДЫ)\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex OperativeKeyword();
}
