using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledger.Domain.Cases;

/// <summary>
/// The public case number: "{kind digit}-{sequence}-{two-digit year}", unique within a court;
/// kind digit 1 criminal, 2 civil, 3 administrative. Example: "2-1234-26" is civil case 1234 of 2026.
/// </summary>
public readonly partial record struct CaseNumber(CaseKind Kind, int Sequence, int Year)
{
    public static int KindDigit(CaseKind kind) => kind switch
    {
        CaseKind.Criminal => 1,
        CaseKind.Civil => 2,
        CaseKind.Administrative => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown case kind."),
    };

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{KindDigit(Kind)}-{Sequence}-{Year % 100:D2}");

    public static string Format(CaseKind kind, int sequence, int year) => new CaseNumber(kind, sequence, year).ToString();

    /// <summary>Parses "K-N-YY"; the century is taken from <paramref name="referenceYear"/>.</summary>
    public static bool TryParse(string? text, int referenceYear, out CaseNumber number)
    {
        number = default;
        if (text is null)
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var kind = match.Groups[1].Value switch
        {
            "1" => CaseKind.Criminal,
            "2" => CaseKind.Civil,
            _ => CaseKind.Administrative,
        };
        var sequence = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var yy = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        number = new CaseNumber(kind, sequence, (referenceYear / 100 * 100) + yy);
        return sequence > 0;
    }

    [GeneratedRegex("^([123])-([0-9]{1,6})-([0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
