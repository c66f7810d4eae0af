using System.Text.RegularExpressions;
using Ledger.Domain.Identifiers;

namespace Ledger.Domain.Depersonalization;

/// <summary>A span proposed for replacement before overlaps are resolved.</summary>
internal readonly record struct Candidate(int Start, int Length, EntityType Type, string Reason, int PersonKey = -1)
{
    public int End => Start + Length;
}

/// <summary>
/// Identifiers, contacts, addresses, birth dates, documents, plates and accounts, found by source-generated
/// regular expressions. Each pattern starts with a literal or a narrow class so the scan stays fast.
/// </summary>
internal static partial class PatternDetectors
{
    private const string L = @"\p{L}";
    private const string RuMonths = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря";
    private const string KzMonths = "қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан";

    public static void Find(string text, List<Candidate> output)
    {
        FindTwelveDigitNumbers(text, output);
        foreach (Match m in PhoneRegex().EnumerateMatchesAsMatches(text))
        {
            output.Add(new Candidate(m.Index, m.Length, EntityType.Phone, "rule: phone number +7/8 and 10 digits"));
        }

        foreach (Match m in PhoneAfterLabelRegex().EnumerateMatchesAsMatches(text))
        {
            var g = m.Groups["n"];
            output.Add(new Candidate(g.Index, g.Length, EntityType.Phone, "rule: number after \"тел.\"/\"телефон\""));
        }

        foreach (var v in EmailRegex().EnumerateMatches(text))
        {
            output.Add(new Candidate(v.Index, v.Length, EntityType.Email, "rule: e-mail address"));
        }

        foreach (var v in IbanRegex().EnumerateMatches(text))
        {
            // Bank code 070 is the Treasury Committee: budget accounts where fines are paid are not personal.
            if (IsTreasuryAccount(text.AsSpan(v.Index, v.Length)))
            {
                continue;
            }

            output.Add(new Candidate(v.Index, v.Length, EntityType.BankAccount, "rule: KZ IBAN (KZ + 18 characters)"));
        }

        foreach (var v in CardRegex().EnumerateMatches(text))
        {
            output.Add(new Candidate(v.Index, v.Length, EntityType.BankAccount, "rule: payment card number (16 digits)"));
        }

        foreach (var v in PlateRegex().EnumerateMatches(text))
        {
            output.Add(new Candidate(v.Index, v.Length, EntityType.VehiclePlate, "rule: KZ vehicle plate"));
        }

        foreach (Match m in IdentityDocumentRegex().EnumerateMatchesAsMatches(text))
        {
            var g = m.Groups["n"];
            output.Add(new Candidate(g.Index, g.Length, EntityType.IdentityDocument, $"rule: number after \"{m.Groups["k"].Value}\""));
        }

        foreach (Match m in BirthDateBeforeRegex().EnumerateMatchesAsMatches(text))
        {
            var g = m.Groups["d"];
            output.Add(new Candidate(g.Index, g.Length, EntityType.BirthDate, $"rule: date after \"{m.Groups["k"].Value}\""));
        }

        foreach (Match m in BirthDateAfterRegex().EnumerateMatchesAsMatches(text))
        {
            var g = m.Groups["d"];
            output.Add(new Candidate(g.Index, g.Length, EntityType.BirthDate, $"rule: date before \"{m.Groups["k"].Value}\""));
        }

        foreach (Match m in RussianAddressRegex().EnumerateMatchesAsMatches(text))
        {
            output.Add(new Candidate(m.Index, TrimEnd(text, m.Index, m.Length), EntityType.Address,
                $"rule: address after \"{m.Groups["k"].Value}\""));
        }

        foreach (Match m in KazakhAddressRegex().EnumerateMatchesAsMatches(text))
        {
            output.Add(new Candidate(m.Index, TrimEnd(text, m.Index, m.Length), EntityType.Address,
                $"rule: address before \"{m.Groups["k"].Value}\""));
        }

        foreach (Match m in HouseFlatRegex().EnumerateMatchesAsMatches(text))
        {
            output.Add(new Candidate(m.Index, TrimEnd(text, m.Index, m.Length), EntityType.Address,
                "rule: house and flat numbers"));
        }
    }

    /// <summary>Names of organisations in quotes after (or, in Kazakh, before) the legal form; never replaced.</summary>
    public static void FindProtected(string text, List<(int Start, int End)> output)
    {
        foreach (var v in OrganisationRegex().EnumerateMatches(text))
        {
            output.Add((v.Index, v.Index + v.Length));
        }
    }

    [GeneratedRegex(@"(?<![\p{L}])(?:ТОО|АО|ОАО|ЗАО|ООО|ПАО|ЖШС|АҚ|КСК|ПК|ОЮЛ|ОФ|ОО|КГП|ГКП|РГП|ГУ|РГУ|КГУ|МФО|ЧУ|КТ)\s*«[^»\n]{1,80}»(?:\s*»)?|«[^»\n]{1,80}»\s*(?:ЖШС|АҚ|ЖАҚ|КЕАҚ|ММ|ЖК\b)", RegexOptions.CultureInvariant)]
    private static partial Regex OrganisationRegex();

    private static void FindTwelveDigitNumbers(string text, List<Candidate> output)
    {
        foreach (var v in TwelveDigitsRegex().EnumerateMatches(text))
        {
            var digits = text.AsSpan(v.Index, v.Length);
            var s = digits.ToString();
            if (Iin.TryParse(s, out _))
            {
                output.Add(new Candidate(v.Index, v.Length, EntityType.Iin, "rule: IIN (birth date, century digit, check digit)"));
            }
            else if (Bin.TryParse(s, out var bin))
            {
                if (bin.IsIndividualEntrepreneur)
                {
                    output.Add(new Candidate(v.Index, v.Length, EntityType.Bin, "rule: BIN of an individual entrepreneur (5th digit 6)"));
                }
            }
            else if (LabelBefore(text, v.Index, "ИИН") || LabelBefore(text, v.Index, "ЖСН"))
            {
                output.Add(new Candidate(v.Index, v.Length, EntityType.Iin, "rule: 12 digits after \"ИИН\" (check digit does not match)"));
            }
        }
    }

    private static bool IsTreasuryAccount(ReadOnlySpan<char> iban)
    {
        Span<char> compact = stackalloc char[20];
        var n = 0;
        foreach (var c in iban)
        {
            if (c != ' ' && n < compact.Length)
            {
                compact[n++] = c;
            }
        }

        return n == 20 && compact[4..7].SequenceEqual("070");
    }

    private static bool LabelBefore(string text, int index, string label)
    {
        var from = Math.Max(0, index - 12);
        return text.AsSpan(from, index - from).Contains(label, StringComparison.OrdinalIgnoreCase);
    }

    private static int TrimEnd(string text, int start, int length)
    {
        while (length > 0 && (char.IsWhiteSpace(text[start + length - 1]) || text[start + length - 1] is ',' or ';'))
        {
            length--;
        }

        return length;
    }

    private static IEnumerable<Match> EnumerateMatchesAsMatches(this Regex regex, string text)
    {
        for (var m = regex.Match(text); m.Success; m = m.NextMatch())
        {
            yield return m;
        }
    }

    [GeneratedRegex(@"(?<![\d])\d{12}(?![\d])", RegexOptions.CultureInvariant)]
    private static partial Regex TwelveDigitsRegex();

    [GeneratedRegex(@"(?<![\d+])(?:\+\s?7|8)[\s\-]?(?:\(?\d{3}\)?[\s\-]?\d{3}|\(?\d{4}\)?[\s\-]?\d{2})[\s\-]?\d{2}[\s\-]?\d{2}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"(?:тел\.|телефон\p{L}*|моб\.|тел:)\s*[:№]?\s*(?<n>\+?\d[\d\s\-\(\)]{4,16}\d)(?!\d)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PhoneAfterLabelRegex();

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"(?<![\p{L}\d])KZ\d{2}(?:\s?[0-9A-Z]{4}){4}(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex IbanRegex();

    [GeneratedRegex(@"(?<![\d])\d{4}[ \-]\d{4}[ \-]\d{4}[ \-]\d{4}(?![\d])", RegexOptions.CultureInvariant)]
    private static partial Regex CardRegex();

    // New format 123ABC02 / 123 ABC 02 (Latin, or Cyrillic look-alikes as typed in Russian texts);
    // old format A123BCD / A 123 BCD (region letter first).
    [GeneratedRegex(@"(?<![\p{L}\d])(?:KZ\s?)?(?:\d{3}\s?[A-ZАВЕКМНОРСТУХ]{2,3}\s?\d{2}|[A-ZАВЕКМНОРСТУХ]\s?\d{3}\s?[A-ZАВЕКМНОРСТУХ]{3})(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex PlateRegex();

    [GeneratedRegex(@"(?<k>водительск\p{L}*\s+удостоверени\p{L}*|жүргізуші\s+куәлі\p{L}*|удостоверени\p{L}*\s+личности|уд\.\s*личн\p{L}*\.?|паспорт\p{L}*|вид\p{L}*\s+на\s+жительство|жеке\s+куәлі\p{L}*|жеке\s+басты\s+куәландыратын\s+құжат\p{L}*|төлқұжат\p{L}*)[^\d\n]{0,40}?(?<n>(?:[A-ZА-Я]{1,2}\s?)?\d{6,9})(?!\d)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex IdentityDocumentRegex();

    [GeneratedRegex(@"(?<k>родил(?:ся|ась)|родивш\p{L}*|рожд[её]нн?\p{L}*|дат\p{L}*\s+рождения|д\.\s?р\.|туған\s+күні|туылған\s+күні|туған|туылған)\s*[:\-–—]?\s*(?:в\s+|:\s*)?(?<d>(?:\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\s+(?:" + RuMonths + @")\s+\d{4}|\d{4}\s+жылғы\s+\d{1,2}\s+(?:" + KzMonths + @")\p{L}*|\d{4}(?=\s*(?:г\.|года|году|ж\.|жылы)))(?:\s?(?:г\.|года|ж\.))?)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BirthDateBeforeRegex();

    [GeneratedRegex(@"(?<![\d.])(?<d>\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\s+(?:" + RuMonths + @")\s+\d{4}|\d{4}\s+жылғы\s+\d{1,2}\s+(?:" + KzMonths + @")\p{L}*|\d{4})\s*(?<k>г\.\s?р\.|г\.\s?рождения|года\s+рождения|г\.\s*р\b|года\s+рожд|ж\.\s?т\.|жылы\s+туған|жылғы\s+туған|жылы\s+туылған|туған|туылған|ж\.\s+туған)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BirthDateAfterRegex();

    private const string StreetName = @"(?:[«""]?[\p{Lu}\d][\p{L}\d\-]*[»""]?|им\.|имени|би|батыра|\d+\-?го)(?:\s+(?:[\p{Lu}\d][\p{L}\d\-]*|би|батыра|батыр|жолы|жырау|ата|хан|[\p{Lu}]\.)){0,2}";
    private const string HouseTail = @"(?:(?:\s*,\s*|\s+)(?:д\.|дом|здание|зд\.|уч\.|участок)\s*№?\s*\d+[а-яА-Яa-zA-Z]?(?:[/\-]\d+[а-яА-Я]?)?)?(?:(?:\s*,\s*|\s+)(?:корп\.|корпус|стр\.|строение|блок)\s*№?\s*\d+[а-яА-Я]?)?(?:(?:\s*,\s*|\s+)(?:кв\.|квартира|кв-ра|комн\.|комната|оф\.|офис)\s*№?\s*\d+[а-яА-Я]?)?";

    [GeneratedRegex(@"(?<![\p{L}])(?:(?:г\.|с\.|пос\.|п\.|село|город|пгт\.?)\s?[\p{Lu}][\p{L}\-]+(?:\s[\p{Lu}][\p{L}\-]+)?,\s*)?(?<k>ул\.|улиц[аеыу]|пр\.|пр-т\.?|просп\.|проспект[аеу]?|мкр\.|мкр|мкрн\.?|микрорайон[аеу]?|пер\.|переул(?:ок|ке|ка)|б-р\.?|бульвар[аеу]?|шоссе|тракт[аеу]?|ж/м|жилой\s+массив|жилом\s+массиве)\s*" + StreetName + @"(?:(?:\s*,\s*|\s+)\d+[а-яА-Яa-zA-Z]?(?:[/\-]\d+[а-яА-Я]?)?(?=[\s,.;)]|$))?" + HouseTail, RegexOptions.CultureInvariant)]
    private static partial Regex RussianAddressRegex();

    [GeneratedRegex(@"(?<![\p{L}\d])[\p{Lu}\d][\p{L}\d\-]*\s+(?:(?:[\p{Lu}\d][\p{L}\d\-]*|батыр|би|жырау|жолы|ата|ана|хан)\s+)?(?<k>көшесі|көш\.|даңғылы|даңғ\.|шағын\s+ауданы|шағынауданы|ш/а|ықшам\s+ауданы|ықшамауданы|тұйық\s+көшесі|тұрғын\s+алабы|бульвары|алаңы)\p{L}*(?:(?:\s*,\s*|\s+)(?:\d+[а-яәөүұқғңһі]?(?:[/\-]\d+)?\s*\-?\s*(?:үй|пәтер|кеңсе)\p{L}*|(?:үй|пәтер)\s*№?\s*\d+[а-я]?|\d+[а-я]?(?:[/\-]\d+)?(?=[\s,.;)]|$)))*", RegexOptions.CultureInvariant)]
    private static partial Regex KazakhAddressRegex();

    // "д. 15, кв. 7" without a street (the street was on another line or omitted).
    [GeneratedRegex(@"(?<![\p{L}])(?:(?:д\.|дом)\s*№?\s*\d+[а-яА-Я]?(?:[/\-]\d+)?\s*,?\s*(?:кв\.|квартира)\s*№?\s*\d+|(?:кв\.|квартир[аеуы])\s*№?\s*\d+(?![\d.,]\d)|(?<=дома\s*№\s*)\d+[а-яА-Я]?(?:[/\-]\d+)?|(?<=(?:үй|үйдің)\s*№\s*)\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex HouseFlatRegex();
}
