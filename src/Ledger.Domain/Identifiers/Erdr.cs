using System.Diagnostics.CodeAnalysis;

namespace Ledger.Domain.Identifiers;

/// <summary>
/// Number of a case in the Unified Register of Pre-trial Investigations (ЕРДР / СДТБТ): 15 digits.
/// Numbers seen in published acts start with the two-digit registration year; no official description
/// of the remaining digits was found, so only the length and the digits are checked.
/// </summary>
public readonly record struct Erdr : IParsable<Erdr>
{
    private Erdr(string value) => Value = value;

    public string Value { get; }

    /// <summary>The two leading digits (registration year, by observed convention; not validated).</summary>
    public int YearDigits => Value is null ? 0 : ((Value[0] - '0') * 10) + (Value[1] - '0');

    public override string ToString() => Value ?? string.Empty;

    /// <exception cref="InvalidIdentifierException">With a message in Russian and English.</exception>
    public static Erdr Parse(string text) =>
        TryParse(text, out var erdr, out var error) ? erdr : throw new InvalidIdentifierException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, out Erdr result) => TryParse(text, out result, out _);

    public static bool TryParse(string? text, out Erdr result, [NotNullWhen(false)] out IdentifierError? error)
    {
        result = default;
        var value = IdentifierText.Normalize(text);
        if (value.StartsWith('№'))
        {
            value = value[1..];
        }

        error = IdentifierText.CheckDigits("Номер ЕРДР", "pre-trial register (ERDR) number", value, 15);
        if (error is not null)
        {
            return false;
        }

        result = new Erdr(value);
        return true;
    }

    static Erdr IParsable<Erdr>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<Erdr>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Erdr result) =>
        TryParse(s, out result);
}
