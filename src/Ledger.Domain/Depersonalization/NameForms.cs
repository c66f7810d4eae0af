namespace Ledger.Domain.Depersonalization;

/// <summary>
/// Inflected forms of personal names in Russian (all six cases, both genders) and Kazakh
/// (case suffixes attached to the nominative, in every vowel-harmony variant), in lower case.
/// The sets are deliberately generous: a form is only ever looked up for a capitalised word.
/// </summary>
public static class NameForms
{
    /// <summary>Kazakh case and possessive-case suffixes, all harmony variants.</summary>
    public static readonly IReadOnlyList<string> KazakhSuffixes =
    [
        "ға", "ге", "қа", "ке", "на", "не", "а", "е",
        "ның", "нің", "дың", "дің", "тың", "тің",
        "ны", "ні", "ды", "ді", "ты", "ті", "н",
        "мен", "бен", "пен",
        "нан", "нен", "дан", "ден", "тан", "тен",
        "да", "де", "та", "те", "нда", "нде",
        "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі",
    ];

    private static readonly HashSet<string> KazakhSuffixSet = new(KazakhSuffixes, StringComparer.Ordinal);

    /// <summary>True when the text is a Kazakh case suffix (as written after a hyphen: "И.И.-ге").</summary>
    public static bool IsKazakhSuffix(ReadOnlySpan<char> text) =>
        KazakhSuffixSet.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text);

    /// <summary>Russian forms of a name given in the nominative (lower case), the nominative included.</summary>
    public static IEnumerable<string> RussianForms(string nominative)
    {
        var w = nominative;
        yield return w;
        if (w.Length < 2)
        {
            yield break;
        }

        string[] endings;
        string stem;
        if (EndsWithAny(w, "ий", "ый", "ой"))
        {
            stem = w[..^2];
            endings = ["ого", "его", "ому", "ему", "им", "ым", "ом", "ем", "ия", "ию", "ием", "ии", "ая", "ую", "ой"];
            if (w.EndsWith("ой", StringComparison.Ordinal) || w.EndsWith("ей", StringComparison.Ordinal))
            {
                // Nouns like Цой, Гордей: Цоя, Цою, Цоем.
                foreach (var e in (string[])["я", "ю", "ем", "е"])
                {
                    yield return w[..^1] + e;
                }
            }
        }
        else if (EndsWithAny(w, "ая", "яя"))
        {
            stem = w[..^2];
            endings = ["ой", "ую", "ей", "юю", "ою"];
        }
        else if (w.EndsWith("ия", StringComparison.Ordinal))
        {
            stem = w[..^2];
            endings = ["ии", "ию", "ией", "иею"];
        }
        else if (EndsWithAny(w, "а", "я"))
        {
            stem = w[..^1];
            endings = ["ы", "и", "е", "у", "ю", "ой", "ей", "ою", "ею"];
        }
        else if (w.EndsWith('ь'))
        {
            stem = w[..^1];
            endings = ["я", "ю", "ем", "ём", "е", "и", "ью", "ей"];
        }
        else if (w.EndsWith('й'))
        {
            stem = w[..^1];
            endings = ["я", "ю", "ем", "ём", "е"];
        }
        else if (EndsWithAny(w, "о", "е", "и", "у", "ю", "ы", "э", "ә", "і", "ү", "ұ"))
        {
            yield break;
        }
        else
        {
            stem = w;
            endings = ["а", "у", "ом", "ем", "ым", "е", "ой", "ою", "ы", "ым", "ых"];
        }

        foreach (var e in endings)
        {
            yield return stem + e;
        }
    }

    /// <summary>All forms: Russian cases and Kazakh suffixes on the nominative.</summary>
    public static IEnumerable<string> AllForms(string nominative)
    {
        var w = nominative.ToLowerInvariant();
        foreach (var f in RussianForms(w))
        {
            yield return f;
        }

        foreach (var s in KazakhSuffixes)
        {
            yield return w + s;
        }

        // -ұлы / -қызы take the possessive forms: Серікқызына, Асқарұлының.
        if (EndsWithAny(w, "ұлы", "улы", "қызы", "кызы", "ули"))
        {
            foreach (var s in (string[])["на", "ның", "н", "мен", "нан", "нда", "нен", "нің", "не"])
            {
                yield return w + s;
            }
        }
    }

    /// <summary>
    /// If the lower-case word is an inflected Russian-style surname (-ов/-ев/-ин/-ын and the -ский family),
    /// returns its stem shared by all genders and cases ("ивановой" → "иванов"), otherwise null.
    /// </summary>
    public static string? SurnameStem(ReadOnlySpan<char> lower)
    {
        var candidates = new List<int>(4) { lower.Length };
        foreach (var s in KazakhSuffixes)
        {
            if (lower.Length > s.Length + 4 && lower.EndsWith(s, StringComparison.Ordinal))
            {
                candidates.Add(lower.Length - s.Length);
            }
        }

        foreach (var length in candidates)
        {
            var w = lower[..length];
            foreach (var e in OvEndings)
            {
                if (w.Length >= e.Length + 5 && w.EndsWith(e, StringComparison.Ordinal))
                {
                    var stem = w[..^e.Length];
                    if (EndsWithAny(stem, "ов", "ев", "ёв", "ин", "ын") && !IsNonNameEnding(stem))
                    {
                        return stem.ToString();
                    }
                }
            }

            foreach (var e in SkyEndings)
            {
                if (w.Length >= e.Length + 5 && w.EndsWith(e, StringComparison.Ordinal))
                {
                    var stem = w[..^e.Length];
                    if (EndsWithAny(stem, "ск", "цк"))
                    {
                        return stem.ToString();
                    }
                }
            }
        }

        return null;
    }

    /// <summary>True for a patronymic in any case: -ович/-евич/-ична/-овна/-евна, -ұлы/-қызы (+ suffixes).</summary>
    public static bool IsPatronymic(ReadOnlySpan<char> lower)
    {
        if (lower.Length < 6)
        {
            return false;
        }

        foreach (var root in (string[])["ович", "евич", "ьич", "овн", "евн", "ичн"])
        {
            var i = lower.LastIndexOf(root, StringComparison.Ordinal);
            if (i >= 2)
            {
                var rest = lower[(i + root.Length)..];
                if (rest.Length <= 4 && IsAllowedPatronymicEnding(root, rest))
                {
                    return true;
                }
            }
        }

        foreach (var root in (string[])["ұлы", "улы", "қызы", "кызы"])
        {
            var i = lower.LastIndexOf(root, StringComparison.Ordinal);
            if (i >= 3)
            {
                var rest = lower[(i + root.Length)..];
                if (rest.Length == 0 || IsKazakhSuffix(rest) || rest is "ның" or "нің" or "на" or "н" or "нан" or "нда" or "мен")
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsAllowedPatronymicEnding(string root, ReadOnlySpan<char> rest)
    {
        if (root is "ович" or "евич" or "ьич")
        {
            return rest is "" or "а" or "у" or "ем" or "ом" or "е" || IsKazakhSuffix(rest);
        }

        // -овн-, -евн-, -ичн-: feminine, the ending is required.
        return rest is "а" or "ы" or "е" or "у" or "ой" or "ою"
            || (rest.Length > 1 && rest[0] == 'а' && IsKazakhSuffix(rest[1..]));
    }

    private static readonly string[] OvEndings = ["ыми", "ой", "ою", "ым", "ых", "ом", "а", "у", "е", "ы", ""];
    private static readonly string[] SkyEndings = ["ого", "ому", "ими", "ий", "им", "ом", "ая", "ой", "ую", "их", "ие"];

    // "-ин"/"-ов" words that are not surnames and often start a sentence or sit next to initials.
    private static bool IsNonNameEnding(ReadOnlySpan<char> stem) =>
        stem is "один" or "основ" or "причин" or "мужчин" or "господин" or "гражданин" or "половин"
            or "середин" or "картин" or "машин" or "магазин" or "вершин" or "глубин" or "годов" or "домов";

    internal static bool EndsWithAny(ReadOnlySpan<char> w, params ReadOnlySpan<string> endings)
    {
        foreach (var e in endings)
        {
            if (w.EndsWith(e, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
