using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Domain.Cases;

namespace Ledger.Intake.Analysis;

/// <summary>A sum of money in a filing: value in tenge, the text it was read from, and whether the sentence states the claim ("цена иска", "взыскать", "өндіріп").</summary>
public sealed record MoneyMention(decimal Tenge, string Text, bool IsClaim);

/// <summary>A party named in a filing: role, name, IIN/BIN with its check-digit result, address, legal entity or person.</summary>
public sealed record FoundParty(ParticipantRole Role, string Name, string? Identifier, bool IdentifierValid, string? Address, bool IsLegalEntity);

/// <summary>An article of a code cited in a filing: the code (ГПК, УК, УПК, ГК, ТК, КоБС, АППК, КоАП), the article number and the text as written.</summary>
public sealed record CitedArticle(string Code, string Article, string Text)
{
    public override string ToString() => $"{Code} РК, ст. {Article}";
}

/// <summary>Rules that read facts from filing text: money in tenge, parties with IIN/BIN, dates, cited articles, the attachments list.</summary>
public static partial class FilingFacts
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["январ"] = 1, ["феврал"] = 2, ["март"] = 3, ["апрел"] = 4, ["ма"] = 5, ["июн"] = 6, ["июл"] = 7, ["август"] = 8,
        ["сентябр"] = 9, ["октябр"] = 10, ["ноябр"] = 11, ["декабр"] = 12,
        ["қаңтар"] = 1, ["ақпан"] = 2, ["наурыз"] = 3, ["сәуір"] = 4, ["мамыр"] = 5, ["маусым"] = 6, ["шілде"] = 7,
        ["тамыз"] = 8, ["қыркүйек"] = 9, ["қазан"] = 10, ["қараша"] = 11, ["желтоқсан"] = 12,
    };

    private static readonly Dictionary<string, string> Codes = new(StringComparer.Ordinal)
    {
        ["гпк"] = "ГПК", ["апк"] = "ГПК", ["уак"] = "УК", ["ук"] = "УК", ["қк"] = "УК", ["упк"] = "УПК", ["қпк"] = "УПК",
        ["гк"] = "ГК", ["ак"] = "ГК", ["тк"] = "ТК", ["ек"] = "ТК", ["кобс"] = "КоБС", ["ннок"] = "КоБС", ["нжок"] = "КоБС",
        ["аппк"] = "АППК", ["әрпк"] = "АППК", ["коап"] = "КоАП", ["әқбтк"] = "КоАП",
    };

    // ------------------------------------------------------------------ money

    public static IReadOnlyList<MoneyMention> Amounts(string text)
    {
        var found = new List<MoneyMention>();
        foreach (Match m in Money().Matches(text))
        {
            var number = m.Groups["n"].Success ? m.Groups["n"].Value : m.Groups["p"].Value;
            if (!TryNumber(number, out var value))
            {
                continue;
            }

            var scale = (m.Groups["m"].Success ? m.Groups["m"] : m.Groups["pm"]).Value.ToLowerInvariant();
            value *= scale switch
            {
                var s when s.StartsWith("млрд", StringComparison.Ordinal) || s.StartsWith("миллиард", StringComparison.Ordinal) => 1_000_000_000m,
                var s when s.StartsWith("млн", StringComparison.Ordinal) || s.StartsWith("миллион", StringComparison.Ordinal) => 1_000_000m,
                var s when s.StartsWith("тыс", StringComparison.Ordinal) || s.StartsWith("мың", StringComparison.Ordinal) => 1_000m,
                _ => 1m,
            };
            // The whole sentence: Russian puts the verb before the sum ("взыскать 100 тенге"), Kazakh after it ("100 теңге өндіріп алу").
            var sentenceStart = Math.Max(SentenceBreak(text, m.Index - 1, -1), 0);
            var sentenceEnd = SentenceBreak(text, m.Index + m.Length, 1);
            var context = (text[sentenceStart..m.Index] + " " + text[(m.Index + m.Length)..(sentenceEnd < 0 ? text.Length : sentenceEnd)]).ToLowerInvariant();
            var isClaim = ClaimWords().IsMatch(context);
            found.Add(new MoneyMention(decimal.Round(value, 2), m.Value.Trim(), isClaim));
        }

        return found;
    }

    /// <summary>The claim amount: the sum stated as the price of the claim, else the largest sum in a sentence that claims money, else none.</summary>
    public static MoneyMention? ClaimAmount(IReadOnlyList<MoneyMention> amounts)
    {
        var price = amounts.Where(a => a.IsClaim).ToList();
        return price.Count > 0 ? price.MaxBy(a => a.Tenge) : null;
    }

    /// <summary>The index of the next sentence break ('\n', ';', or a full stop before a space) from <paramref name="from"/> in a direction, or -1.</summary>
    private static int SentenceBreak(string text, int from, int step)
    {
        for (var i = from; i >= 0 && i < text.Length; i += step)
        {
            if (text[i] is '\n' or ';' || (text[i] == '.' && (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]))))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryNumber(string raw, out decimal value)
    {
        var s = raw.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        // "1.500.000" groups thousands; "2,5" or "2.5" is a decimal.
        if (GroupedDots().IsMatch(s))
        {
            s = s.Replace(".", "", StringComparison.Ordinal);
        }

        s = s.Replace(',', '.');
        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint, Invariant, out value);
    }

    [GeneratedRegex(@"(?:(?<n>\d{1,3}(?:[ \u00A0]\d{3})+(?:[.,]\d{1,2})?|\d{1,3}(?:\.\d{3}){2,}|\d+(?:[.,]\d{1,2})?)\s*(?<m>млрд\.?|млн\.?|миллион\w*|миллиард\w*|тыс\.?|тысяч\w*|мың)?\s*(?:\([^)]{1,120}\)\s*)?(?:тенге|теңге|тг\.?|₸|kzt)(?![\p{L}]))|(?:₸\s*(?<p>\d{1,3}(?:[ \u00A0]\d{3})+|\d+(?:[.,]\d{1,2})?)\s*(?<pm>млн|тыс)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Money();

    [GeneratedRegex(@"^\d{1,3}(\.\d{3})+$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupedDots();

    [GeneratedRegex(@"цена иска|взыска|сумм[аеуы] иска|в размере|задолженност|өндір|талап қоюдың бағасы|талап бағасы|сомасын|сомасы", RegexOptions.CultureInvariant)]
    private static partial Regex ClaimWords();

    // ------------------------------------------------------------------ dates

    public static IReadOnlyList<DateOnly> Dates(string text)
    {
        var dates = new List<DateOnly>();
        foreach (Match m in NumericDate().Matches(text))
        {
            Add(dates, int.Parse(m.Groups["y"].Value, Invariant), int.Parse(m.Groups["mo"].Value, Invariant), int.Parse(m.Groups["d"].Value, Invariant));
        }

        foreach (Match m in RussianDate().Matches(text.ToLowerInvariant()))
        {
            if (MonthOf(m.Groups["mo"].Value) is { } month)
            {
                Add(dates, int.Parse(m.Groups["y"].Value, Invariant), month, int.Parse(m.Groups["d"].Value, Invariant));
            }
        }

        foreach (Match m in KazakhDate().Matches(text.ToLowerInvariant()))
        {
            if (MonthOf(m.Groups["mo"].Value) is { } month)
            {
                Add(dates, int.Parse(m.Groups["y"].Value, Invariant), month, int.Parse(m.Groups["d"].Value, Invariant));
            }
        }

        return dates.Distinct().Order().ToArray();
    }

    private static int? MonthOf(string word)
    {
        foreach (var (stem, month) in Months.OrderByDescending(kv => kv.Key.Length))
        {
            if (word.StartsWith(stem, StringComparison.Ordinal) && (stem != "ма" || word is "мая" or "май"))
            {
                return month;
            }
        }

        return null;
    }

    private static void Add(List<DateOnly> dates, int year, int month, int day)
    {
        if (year is >= 1900 and <= 2100 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            dates.Add(new DateOnly(year, month, day));
        }
    }

    [GeneratedRegex(@"\b(?<d>\d{1,2})\.(?<mo>\d{1,2})\.(?<y>\d{4})\b", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\b(?<d>\d{1,2})\s+(?<mo>[а-яё]{3,9})\s+(?<y>\d{4})\s*(?:г\.|года|г\b|ж\.|жыл)", RegexOptions.CultureInvariant)]
    private static partial Regex RussianDate();

    [GeneratedRegex(@"(?<y>\d{4})\s*жыл(?:ғы|дың)?\s+(?<d>\d{1,2})\s+(?<mo>[а-яәғқңөұүһі]{4,10})", RegexOptions.CultureInvariant)]
    private static partial Regex KazakhDate();

    // ------------------------------------------------------------------ articles

    public static IReadOnlyList<CitedArticle> Articles(string text)
    {
        var found = new List<CitedArticle>();
        foreach (Match m in RussianArticle().Matches(text))
        {
            if (Codes.TryGetValue(m.Groups["code"].Value.ToLowerInvariant(), out var code))
            {
                // "ст. 272 и 715 ГК РК", "статей 52, 56 ТК": every number of the list.
                foreach (var number in ArticleList().Split(m.Groups["n"].Value).Where(n => n.Length > 0))
                {
                    found.Add(new CitedArticle(code, number, m.Value.Trim()));
                }
            }
        }

        foreach (Match m in KazakhArticle().Matches(text))
        {
            if (Codes.TryGetValue(m.Groups["code"].Value.ToLowerInvariant(), out var code))
            {
                found.Add(new CitedArticle(code, m.Groups["n"].Value, m.Value.Trim()));
            }
        }

        return found.DistinctBy(a => (a.Code, a.Article)).ToArray();
    }

    [GeneratedRegex(@"\s*(?:,|\bи\b)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ArticleList();

    [GeneratedRegex(@"(?:ст\.|стст\.|стать[яиейюё]\w*)\s*(?<n>\d{1,4}(?:-\d{1,4})?(?:\s*(?:,|\bи\b)\s*\d{1,4}(?:-\d{1,4})?)*)(?:[^.\n;]{0,40}?)\b(?<code>ГПК|УПК|УК|ГК|ТК|КоБС|АППК|КоАП)(?:\s*РК)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RussianArticle();

    [GeneratedRegex(@"(?:ҚР\s+)?(?<code>АПК|ҚК|ҚПК|АК|ЕК|ННОК|НжОК|ӘРПК|ӘҚБтК)(?:-ның|-нің|-тың|-тің)?\s+(?<n>\d{1,4})\s*-\s*(?:бап|баб)\w*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KazakhArticle();

    // ------------------------------------------------------------------ parties

    public static IReadOnlyList<FoundParty> Parties(string text)
    {
        var parties = new List<FoundParty>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var m = PartyLabel().Match(lines[i]);
            if (!m.Success)
            {
                continue;
            }

            var role = RoleOf(m.Groups["label"].Value.ToLowerInvariant());
            var block = m.Groups["rest"].Value;
            for (var j = i + 1; j < lines.Length && j <= i + 3 && !string.IsNullOrWhiteSpace(lines[j]) && !PartyLabel().IsMatch(lines[j]) && !HeadingLine().IsMatch(lines[j]); j++)
            {
                block += " " + lines[j].Trim();
            }

            var id = Identifier().Match(block);
            var identifier = id.Success ? id.Groups["id"].Value : null;
            var name = NameOf(block);
            if (name.Length == 0)
            {
                continue;
            }

            var address = AddressPattern().Match(block) is { Success: true } a ? a.Groups["a"].Value.Trim().TrimEnd('.', ',', ';') : null;
            var legal = LegalForm().IsMatch(name) || (identifier is not null && KzIdentifier.LooksLikeBin(identifier));
            parties.Add(new FoundParty(role, name, identifier, KzIdentifier.IsValid(identifier), address, legal));
        }

        return parties;
    }

    private static ParticipantRole RoleOf(string label) => label switch
    {
        var l when l.StartsWith("ответчик", StringComparison.Ordinal) || l.StartsWith("жауапкер", StringComparison.Ordinal) => ParticipantRole.Defendant,
        var l when l.StartsWith("потерпевш", StringComparison.Ordinal) || l.StartsWith("жәбірленуші", StringComparison.Ordinal) => ParticipantRole.Victim,
        var l when l.StartsWith("обвиняем", StringComparison.Ordinal) || l.StartsWith("подсудим", StringComparison.Ordinal) || l.StartsWith("айыпталушы", StringComparison.Ordinal) || l.StartsWith("сотталушы", StringComparison.Ordinal) => ParticipantRole.Accused,
        var l when l.StartsWith("лицо,", StringComparison.Ordinal) => ParticipantRole.Accused,
        var l when l.StartsWith("трет", StringComparison.Ordinal) || l.StartsWith("үшінші", StringComparison.Ordinal)
            || l.StartsWith("заинтересован", StringComparison.Ordinal) || l.StartsWith("мүдделі", StringComparison.Ordinal) => ParticipantRole.ThirdParty,
        _ => ParticipantRole.Plaintiff,
    };

    private static string NameOf(string block)
    {
        var cut = block.IndexOfAny([',', ';', '(']);
        var name = cut >= 0 ? block[..cut] : block;
        var marker = IdentifierMarker().Match(name);
        if (marker.Success)
        {
            name = name[..marker.Index];
        }

        return name.Trim().TrimEnd('.', ' ');
    }

    /// <summary>The text of the attachments list ("Приложение", "Қосымша") or null when the filing has none.</summary>
    public static string? AttachmentsSection(string text)
    {
        var m = AttachmentsHeading().Matches(text);
        return m.Count == 0 ? null : text[m[^1].Index..];
    }

    [GeneratedRegex(@"^\s*(?<label>истец|истица|ответчик|ответчица|заявитель|потерпевш\w*|обвиняем\w*|подсудим\w*|третье лицо|заинтересованное лицо|лицо, привлекаем\w*[^:]{0,40}|лицо, в отношении которого[^:]{0,40}|талапкер|талап қоюшы|жауапкер|арыз беруші|жәбірленуші|айыпталушы|сотталушы|үшінші тұлға|мүдделі тұлға)\s*(?:\([^)]{0,40}\))?\s*[:：]\s*(?<rest>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartyLabel();

    // A heading also ends a party's block when, as Kazakh titles do, the kind of document comes last ("... туралы ТАЛАП АРЫЗ").
    [GeneratedRegex(@"^\s*(?:исковое|заявление|жалоба|талап|арыз|шағым|цена иска|приложени|қосымша|прошу|сұраймын)|\sтуралы\s+(?:талап\s+)?(?:арыз|шағым)\w*\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"(?:(?:ИИН|БИН|ЖСН|БСН|IIN|BIN)\s*[:№]?\s*)?(?<!\d)(?<id>\d{12})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\b(?:ИИН|БИН|ЖСН|БСН)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierMarker();

    [GeneratedRegex(@"(?:адрес\w*|по адресу|мекенжайы|мекенжай|тұратын жері|орналасқан жері)\s*[:：]?\s*(?<a>[^;\n]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"^(?:ТОО|АО|ИП|ГУ|КГУ|РГУ|РГП|ГКП|ЖШС|АҚ|ЖК|ММ|КММ)\b|товарищество|акционерное|управлени|департамент|акимат|әкімдігі|басқармасы|банк|коммунальное", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LegalForm();

    [GeneratedRegex(@"^\s*(?:приложени[ея]|қосымша(?:лар)?)\b", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex AttachmentsHeading();
}
