using System.Diagnostics.CodeAnalysis;

namespace Ledger.Domain.Identifiers;

/// <summary>The 5th digit of a BIN.</summary>
public enum BinEntityType
{
    /// <summary>4: resident legal entity.</summary>
    ResidentEntity = 4,

    /// <summary>5: non-resident legal entity.</summary>
    NonResidentEntity = 5,

    /// <summary>6: individual entrepreneur in the form of joint entrepreneurship (ИП(С)).</summary>
    IndividualEntrepreneur = 6,
}

/// <summary>The 6th digit of a BIN.</summary>
public enum BinDivision
{
    HeadOffice = 0,
    Branch = 1,
    RepresentativeOffice = 2,
    PeasantFarm = 3,
}

/// <summary>
/// Business identification number (БИН / БСН): 12 digits. Digits 1–4 are the registration YYMM;
/// 5 the entity type; 6 the division; 7–11 serial; 12 the check digit (same algorithm as the IIN).
/// </summary>
public readonly record struct Bin : IParsable<Bin>
{
    private Bin(string value, int year, int month, BinEntityType type, BinDivision division)
    {
        Value = value;
        RegistrationYear = year;
        RegistrationMonth = month;
        EntityType = type;
        Division = division;
    }

    /// <summary>The 12 digits.</summary>
    public string Value { get; }

    /// <summary>Two-digit registration year as written in the BIN (00–99).</summary>
    public int RegistrationYear { get; }

    public int RegistrationMonth { get; }

    public BinEntityType EntityType { get; }

    public BinDivision Division { get; }

    /// <summary>True for an individual entrepreneur: a natural person, removed from published acts.</summary>
    public bool IsIndividualEntrepreneur => EntityType == BinEntityType.IndividualEntrepreneur;

    public override string ToString() => Value ?? string.Empty;

    /// <exception cref="InvalidIdentifierException">With a message in Russian and English.</exception>
    public static Bin Parse(string text) =>
        TryParse(text, out var bin, out var error) ? bin : throw new InvalidIdentifierException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, out Bin result) => TryParse(text, out result, out _);

    public static bool TryParse(string? text, out Bin result, [NotNullWhen(false)] out IdentifierError? error)
    {
        result = default;
        var value = IdentifierText.Normalize(text);
        error = IdentifierText.CheckDigits("БИН", "BIN", value, 12);
        if (error is not null)
        {
            return false;
        }

        var month = ((value[2] - '0') * 10) + (value[3] - '0');
        if (month is < 1 or > 12)
        {
            error = new IdentifierError(IdentifierErrorKind.BadDate,
                $"БИН {value} недействителен: цифры 3–4 ({value.Substring(2, 2)}) должны быть месяцем регистрации 01–12.",
                $"The BIN {value} is invalid: digits 3-4 ({value.Substring(2, 2)}) must be the registration month 01-12.");
            return false;
        }

        var type = value[4] - '0';
        if (type is < 4 or > 6)
        {
            error = new IdentifierError(IdentifierErrorKind.BadTypeDigit,
                $"БИН {value} недействителен: пятая цифра (тип) должна быть 4, 5 или 6, а указано {type}.",
                $"The BIN {value} is invalid: the 5th digit (entity type) must be 4, 5 or 6, not {type}.");
            return false;
        }

        var division = value[5] - '0';
        if (division > 3)
        {
            error = new IdentifierError(IdentifierErrorKind.BadDivisionDigit,
                $"БИН {value} недействителен: шестая цифра (подразделение) должна быть от 0 до 3, а указано {division}.",
                $"The BIN {value} is invalid: the 6th digit (division) must be 0 to 3, not {division}.");
            return false;
        }

        error = IdentifierText.CheckControl("БИН", "BIN", value);
        if (error is not null)
        {
            return false;
        }

        var year = ((value[0] - '0') * 10) + (value[1] - '0');
        result = new Bin(value, year, month, (BinEntityType)type, (BinDivision)division);
        return true;
    }

    public static bool IsValid(string? text) => TryParse(text, out _, out _);

    static Bin IParsable<Bin>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<Bin>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Bin result) =>
        TryParse(s, out result);
}
