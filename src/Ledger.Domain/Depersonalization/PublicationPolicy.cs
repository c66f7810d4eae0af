using Ledger.Domain.Cases;

namespace Ledger.Domain.Depersonalization;

/// <summary>The decision whether an act may be published.</summary>
public sealed record PublicationDecision(bool MayPublish, IReadOnlyList<ClosedCategory> ClosedCategories, string ReasonRu, string ReasonEn);

/// <summary>
/// Closed categories are never published. <see cref="Decide"/> takes the categories recorded for the case;
/// <see cref="SuggestClosedCategories"/> scans the text for signs of a closed category, so that a case whose
/// category was not recorded goes to a person for review rather than straight to publication.
/// </summary>
public static class PublicationPolicy
{
    public static PublicationDecision Decide(IEnumerable<ClosedCategory> recordedCategories)
    {
        ArgumentNullException.ThrowIfNull(recordedCategories);
        var closed = recordedCategories.Distinct().Order().ToArray();
        if (closed.Length == 0)
        {
            return new PublicationDecision(true, closed,
                "Акт может быть опубликован после обезличивания.", "The act may be published after depersonalization.");
        }

        var ru = string.Join(", ", closed.Select(NameRu));
        var en = string.Join(", ", closed.Select(c => c.ToString()));
        return new PublicationDecision(false, closed,
            $"Акт не публикуется: дело относится к закрытой категории ({ru}).",
            $"The act is not published: the case is in a closed category ({en}).");
    }

    /// <summary>Closed categories suggested by the text (for human review; never a reason to publish).</summary>
    public static IReadOnlyList<ClosedCategory> SuggestClosedCategories(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        var found = new List<ClosedCategory>();
        if (ContainsAny(lower, "несовершеннолетн", "малолетн", "кәмелетке толмаған", "ювенальн"))
        {
            found.Add(ClosedCategory.Minors);
        }

        if (ContainsAny(lower, "изнасилован", "половой неприкосновенности", "сексуальн", "насильственные действия сексуального",
                "ст. 120 ук", "ст. 121 ук", "ст. 122 ук", "ст. 124 ук", "статьи 120 ук", "статьей 120 ук", "статьи 121 ук",
                "статьи 122 ук", "статьи 124 ук", "жыныстық", "зорлау"))
        {
            found.Add(ClosedCategory.SexualOffence);
        }

        if (ContainsAny(lower, "усыновлен", "удочерен", "бала асырап алу", "асырап ал"))
        {
            found.Add(ClosedCategory.Adoption);
        }

        if (ContainsAny(lower, "государственные секреты", "государственного секрета", "государственных секретов",
                "государственную тайну", "мемлекеттік құпия"))
        {
            found.Add(ClosedCategory.StateSecrets);
        }

        if (ContainsAny(lower, "закрытом судебном заседании", "закрытое судебное заседание", "жабық сот отырысында"))
        {
            found.Add(ClosedCategory.ClosedHearing);
        }

        return found;
    }

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

    private static string NameRu(ClosedCategory c) => c switch
    {
        ClosedCategory.Minors => "несовершеннолетние",
        ClosedCategory.SexualOffence => "половые преступления",
        ClosedCategory.Adoption => "усыновление",
        ClosedCategory.StateSecrets => "государственные секреты",
        ClosedCategory.ClosedHearing => "закрытое судебное заседание",
        _ => c.ToString(),
    };
}
