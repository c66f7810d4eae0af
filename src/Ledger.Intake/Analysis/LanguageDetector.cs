using System.Text.RegularExpressions;

namespace Ledger.Intake.Analysis;

/// <summary>The language of a filing: "ru", "kk", or "unknown" (no Cyrillic text), with the evidence counted.</summary>
public sealed record LanguageGuess(string Language, double KazakhScore, int KazakhLetters, int KazakhWords, int RussianWords);

/// <summary>
/// Tells Kazakh from Russian: Kazakh-specific letters (ә ғ қ ң ө ұ ү һ і) and frequent Kazakh words
/// against frequent Russian words. Mixed filings (a Kazakh claim quoting Russian documents) go to the
/// language with more evidence.
/// </summary>
public static partial class LanguageDetector
{
    private static readonly HashSet<string> KazakhWords = new(StringComparer.Ordinal)
    {
        "және", "бойынша", "туралы", "талап", "арыз", "сот", "соты", "сотына", "жауапкер", "талапкер", "талапкердің",
        "мен", "бен", "пен", "үшін", "осы", "бұл", "жылғы", "берілген", "сомасы", "сомасын", "өндіріп", "алу", "қоса",
        "тиіс", "емес", "болып", "табылады", "негізінде", "азаматтық", "қылмыстық", "әкімшілік", "кодексінің", "бабы",
        "бабына", "бабының", "қаласы", "ауданы", "сұраймын", "мекенжайы", "қазақстан", "республикасының", "теңге",
    };

    private static readonly HashSet<string> RussianWords = new(StringComparer.Ordinal)
    {
        "и", "в", "на", "по", "с", "о", "не", "что", "от", "для", "к", "из", "за", "о", "об", "при", "суд", "суда",
        "истец", "ответчик", "ответчика", "истца", "заявление", "исковое", "прошу", "взыскать", "сумму", "года", "статьи",
        "кодекса", "республики", "казахстан", "города", "района", "является", "также", "был", "была", "тенге",
    };

    public static LanguageGuess Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        var kazakhLetters = lower.Count(c => "әғқңөұүһі".Contains(c, StringComparison.Ordinal));
        var cyrillic = lower.Count(c => c is >= 'а' and <= 'я' or 'ё' || "әғқңөұүһі".Contains(c, StringComparison.Ordinal));
        var kazakhWords = 0;
        var russianWords = 0;
        foreach (Match word in Word().Matches(lower))
        {
            if (KazakhWords.Contains(word.Value))
            {
                kazakhWords++;
            }
            else if (RussianWords.Contains(word.Value))
            {
                russianWords++;
            }
        }

        if (cyrillic == 0)
        {
            return new LanguageGuess("unknown", 0, 0, 0, 0);
        }

        // Kazakh letters are about 6-8% of letters in Kazakh text and nearly absent in Russian.
        var letterShare = (double)kazakhLetters / cyrillic;
        var wordShare = kazakhWords + russianWords == 0 ? 0.5 : (double)kazakhWords / (kazakhWords + russianWords);
        var score = Math.Clamp((0.5 * Math.Min(1, letterShare / 0.04)) + (0.5 * wordShare), 0, 1);
        return new LanguageGuess(score >= 0.5 ? "kk" : "ru", Math.Round(score, 3), kazakhLetters, kazakhWords, russianWords);
    }

    [GeneratedRegex(@"[\p{L}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
