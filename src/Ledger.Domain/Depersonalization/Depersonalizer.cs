using System.Text;

namespace Ledger.Domain.Depersonalization;

/// <summary>
/// Removes personal data from the text of a judicial act before publication.
/// Replacement scheme: each natural person becomes <c>[ФИО-n]</c>, numbered in order of first appearance
/// and the same for every form of that person's name in the document (inflections, initials, Kazakh suffixes);
/// identifiers become a bracketed label of their kind (<c>[ИИН]</c>, <c>[ТЕЛЕФОН]</c>, <c>[АДРЕС]</c> …).
/// Everything else — article numbers, amounts, dates of events, court and company names, and the names of
/// judges, prosecutors, lawyers and court staff — stays as written.
/// </summary>
public static class Depersonalizer
{
    /// <summary>The label that replaces each kind of datum (person names are numbered).</summary>
    public static string LabelOf(EntityType type) => type switch
    {
        EntityType.PersonName => "[ФИО]",
        EntityType.Iin => "[ИИН]",
        EntityType.Bin => "[БИН]",
        EntityType.Phone => "[ТЕЛЕФОН]",
        EntityType.Email => "[EMAIL]",
        EntityType.Address => "[АДРЕС]",
        EntityType.BirthDate => "[ДАТА РОЖДЕНИЯ]",
        EntityType.IdentityDocument => "[ДОКУМЕНТ]",
        EntityType.VehiclePlate => "[ГОСНОМЕР]",
        EntityType.BankAccount => "[СЧЁТ]",
        _ => "[СКРЫТО]",
    };

    public static DepersonalizationResult Depersonalize(string text, DepersonalizationContext context) =>
        Depersonalize(text, context, NameDictionary.Default);

    public static DepersonalizationResult Depersonalize(string text, DepersonalizationContext context, NameDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(dictionary);

        var candidates = new List<Candidate>();
        PatternDetectors.Find(text, candidates);
        new NameDetector(context, dictionary).Find(text, candidates);

        var protectedSpans = new List<(int Start, int End)>();
        PatternDetectors.FindProtected(text, protectedSpans);
        if (protectedSpans.Count > 0)
        {
            candidates.RemoveAll(c => c.Type == EntityType.PersonName
                && protectedSpans.Exists(p => c.Start < p.End && p.Start < c.End));
        }

        var chosen = Resolve(candidates, text.Length);
        var personNumbers = new Dictionary<int, int>();
        var replacements = new List<Replacement>(chosen.Count);
        var output = new StringBuilder(text.Length);
        var position = 0;
        foreach (var candidate in chosen)
        {
            var c = candidate;
            if (c.Type == EntityType.PersonName && EndsSentence(text, c))
            {
                // "… к Иванову И.И. Ответчик …": the last dot of the initials also ends the sentence; keep it.
                c = c with { Length = c.Length - 1 };
            }

            string label;
            if (c.Type == EntityType.PersonName)
            {
                if (!personNumbers.TryGetValue(c.PersonKey, out var number))
                {
                    number = personNumbers.Count + 1;
                    personNumbers[c.PersonKey] = number;
                }

                label = $"[ФИО-{number}]";
            }
            else
            {
                label = LabelOf(c.Type);
            }

            output.Append(text, position, c.Start - position).Append(label);
            position = c.End;
            replacements.Add(new Replacement(c.Start, c.Length, text.Substring(c.Start, c.Length), label, c.Type, c.Reason));
        }

        output.Append(text, position, text.Length - position);
        return new DepersonalizationResult(output.ToString(), replacements);
    }

    private static bool EndsSentence(string text, Candidate c)
    {
        if (c.Length < 3 || text[c.End - 1] != '.' || !char.IsUpper(text[c.End - 2]))
        {
            return false;
        }

        var k = c.End;
        if (k == text.Length)
        {
            return true;
        }

        if (!char.IsWhiteSpace(text[k]))
        {
            return false;
        }

        while (k < text.Length && char.IsWhiteSpace(text[k]))
        {
            k++;
        }

        return k == text.Length || char.IsUpper(text[k]);
    }

    /// <summary>
    /// Picks non-overlapping candidates: longer spans first (an address wins over the street's namesake),
    /// then by kind. Returns them in text order.
    /// </summary>
    private static List<Candidate> Resolve(List<Candidate> candidates, int textLength)
    {
        candidates.Sort(static (a, b) =>
        {
            var byLength = b.Length.CompareTo(a.Length);
            return byLength != 0 ? byLength : ((int)a.Type).CompareTo((int)b.Type);
        });

        var taken = new List<Candidate>(candidates.Count);
        var occupied = new bool[textLength];
        foreach (var c in candidates)
        {
            if (c.Length <= 0 || c.End > textLength || occupied.AsSpan(c.Start, c.Length).Contains(true))
            {
                continue;
            }

            occupied.AsSpan(c.Start, c.Length).Fill(true);
            taken.Add(c);
        }

        taken.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return taken;
    }
}
