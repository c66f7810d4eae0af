using System.Globalization;
using System.Text;

namespace Ledger.Projections.Publication;

/// <summary>
/// Builds the Kazakh half of a search query. PostgreSQL has no Kazakh stemmer, so documents keep their lower-cased
/// word forms (configuration <c>publication.kazakh_simple</c>) and the query does the work: each word loses its common
/// case, plural and possessive endings (<c>қарыздың</c> → <c>қарыз</c>) and is matched as a prefix (<c>қарыз:*</c>), which
/// finds every suffixed form of the stem — Kazakh adds suffixes and does not change the stem.
/// Quoted phrases become phrase queries (<c>&lt;-&gt;</c>), a leading minus excludes a word, "or"/"или"/"немесе"
/// between words gives an alternative, as in <c>websearch_to_tsquery</c>.
/// </summary>
public static class SearchQueryText
{
    private const int MinimumStem = 3;

    // Longest first within each group. Case endings, then possessive and plural endings.
    private static readonly string[] CaseEndings =
    [
        "ндағы", "ндегі", "дағы", "дегі", "тағы", "тегі",
        "менен", "ның", "нің", "дың", "дің", "тың", "тің",
        "ндан", "нден", "дан", "ден", "тан", "тен", "нан", "нен",
        "мен", "бен", "пен", "нда", "нде", "на", "не", "ға", "ге", "қа", "ке",
        "ын", "ін", "ны", "ні", "ды", "ді", "ты", "ті", "да", "де", "та", "те",
    ];

    private static readonly string[] StemEndings =
    [
        "лары", "лері", "дары", "дері", "тары", "тері",
        "лар", "лер", "дар", "дер", "тар", "тер",
        "мыз", "міз", "сы", "сі", "ым", "ім", "ың", "ің", "ы", "і",
    ];

    /// <summary>Removes common Kazakh endings from a lower-case word, keeping at least three letters (four before a one- or two-letter ending).</summary>
    public static string KazakhStem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var stem = word;
        stem = Strip(stem, CaseEndings);
        stem = Strip(stem, StemEndings);
        return stem;
    }

    /// <summary>The <c>to_tsquery</c> text of the Kazakh half (prefix terms), or null when the query has no words.</summary>
    public static string? KazakhTsQuery(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var clauses = new List<string>();
        var pendingOr = false;
        foreach (var (words, quoted, negated) in Tokens(query))
        {
            if (!quoted && !negated && words.Count == 1 && words[0] is "or" or "или" or "немесе")
            {
                pendingOr = clauses.Count > 0;
                continue;
            }

            var terms = words.Select(w => Quote(KazakhStem(w)) + ":*").ToArray();
            if (terms.Length == 0)
            {
                continue;
            }

            var clause = terms.Length == 1 ? terms[0] : "(" + string.Join(" <-> ", terms) + ")";
            if (negated)
            {
                clause = "!" + clause;
            }

            if (pendingOr)
            {
                clauses[^1] = "(" + clauses[^1] + " | " + clause + ")";
                pendingOr = false;
            }
            else
            {
                clauses.Add(clause);
            }
        }

        return clauses.Count == 0 || clauses.All(c => c.StartsWith('!')) ? null : string.Join(" & ", clauses);
    }

    private static string Strip(string word, string[] endings)
    {
        foreach (var ending in endings)
        {
            // A short ending needs a longer stem: «шарты» is «шарт» + «ы», not «шар» + «ты».
            var minimumStem = ending.Length <= 2 ? MinimumStem + 1 : MinimumStem;
            if (word.Length - ending.Length >= minimumStem && word.EndsWith(ending, StringComparison.Ordinal))
            {
                return word[..^ending.Length];
            }
        }

        return word;
    }

    private static string Quote(string word) => "'" + word.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Splits a query into words (letters and digits only, lower case), phrases in quotes and negated words.</summary>
    private static IEnumerable<(List<string> Words, bool Quoted, bool Negated)> Tokens(string query)
    {
        var i = 0;
        while (i < query.Length)
        {
            while (i < query.Length && char.IsWhiteSpace(query[i]))
            {
                i++;
            }

            if (i >= query.Length)
            {
                yield break;
            }

            var negated = false;
            if (query[i] == '-')
            {
                negated = true;
                i++;
            }

            if (i < query.Length && query[i] is '"' or '«' or '“')
            {
                var close = query.IndexOfAny(['"', '»', '”'], i + 1);
                var end = close < 0 ? query.Length : close;
                yield return (Words(query[(i + 1)..end]), true, negated);
                i = end + 1;
                continue;
            }

            var start = i;
            while (i < query.Length && !char.IsWhiteSpace(query[i]))
            {
                i++;
            }

            yield return (Words(query[start..i]), false, negated);
        }
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
