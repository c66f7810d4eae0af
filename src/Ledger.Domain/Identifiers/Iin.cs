using System.Diagnostics.CodeAnalysis;

namespace Ledger.Domain.Identifiers;

public enum Sex
{
    Male,
    Female,
}

/// <summary>
/// Individual identification number (ИИН / ЖСН) of a natural person: 12 digits.
/// Digits 1–6 are the birth date YYMMDD; digit 7 gives the century and the sex
/// (1/2 = 1800s, 3/4 = 1900s, 5/6 = 2000s; odd male, even female); 8–11 serial; 12 check digit.
/// </summary>
public readonly record struct Iin : IParsable<Iin>
{
    private Iin(string value, DateOnly birthDate, Sex sex)
    {
        Value = value;
        BirthDate = birthDate;
        Sex = sex;
    }

    /// <summary>The 12 digits.</summary>
    public string Value { get; }

    public DateOnly BirthDate { get; }

    public Sex Sex { get; }

    public override string ToString() => Value ?? string.Empty;

    /// <summary>Parses an IIN; spaces and dashes inside the number are ignored.</summary>
    /// <exception cref="InvalidIdentifierException">With a message in Russian and English.</exception>
    public static Iin Parse(string text) =>
        TryParse(text, out var iin, out var error) ? iin : throw new InvalidIdentifierException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, out Iin result) => TryParse(text, out result, out _);

    public static bool TryParse(string? text, out Iin result, [NotNullWhen(false)] out IdentifierError? error)
    {
        result = default;
        var value = IdentifierText.Normalize(text);
        error = IdentifierText.CheckDigits("ИИН", "IIN", value, 12);
        if (error is not null)
        {
            return false;
        }

        var centuryDigit = value[6] - '0';
        if (centuryDigit is < 1 or > 6)
        {
            error = new IdentifierError(IdentifierErrorKind.BadCenturyDigit,
                $"ИИН {value} недействителен: седьмая цифра (век и пол) должна быть от 1 до 6, а указано {centuryDigit}.",
                $"The IIN {value} is invalid: the 7th digit (century and sex) must be 1 to 6, not {centuryDigit}.");
            return false;
        }

        var century = centuryDigit switch { 1 or 2 => 1800, 3 or 4 => 1900, _ => 2000 };
        var year = century + ((value[0] - '0') * 10) + (value[1] - '0');
        var month = ((value[2] - '0') * 10) + (value[3] - '0');
        var day = ((value[4] - '0') * 10) + (value[5] - '0');
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = new IdentifierError(IdentifierErrorKind.BadDate,
                $"ИИН {value} недействителен: первые шесть цифр {value[..6]} не являются датой рождения (ГГММДД).",
                $"The IIN {value} is invalid: its first six digits {value[..6]} are not a birth date (YYMMDD).");
            return false;
        }

        error = IdentifierText.CheckControl("ИИН", "IIN", value);
        if (error is not null)
        {
            return false;
        }

        result = new Iin(value, new DateOnly(year, month, day), centuryDigit % 2 == 1 ? Sex.Male : Sex.Female);
        return true;
    }

    /// <summary>True when the text is a valid IIN.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _, out _);

    static Iin IParsable<Iin>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<Iin>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Iin result) =>
        TryParse(s, out result);
}
