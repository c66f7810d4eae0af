namespace Ledger.Domain.Identifiers;

/// <summary>Why a text is not a valid identifier, with a sentence for people in Russian and in English.</summary>
public sealed record IdentifierError(IdentifierErrorKind Kind, string MessageRu, string MessageEn)
{
    public override string ToString() => $"{MessageRu} / {MessageEn}";
}

public enum IdentifierErrorKind
{
    Empty,
    WrongLength,
    NotDigits,
    BadCheckDigit,
    BadDate,
    BadCenturyDigit,
    BadTypeDigit,
    BadDivisionDigit,
}

/// <summary>Thrown by the <c>Parse</c> methods; carries the same error as <c>TryParse</c> returns.</summary>
public sealed class InvalidIdentifierException(IdentifierError error) : FormatException(error.ToString())
{
    public IdentifierError Error { get; } = error;
}

internal static class IdentifierText
{
    /// <summary>Removes spaces and dashes that people put inside long numbers.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        Span<char> buffer = stackalloc char[Math.Min(text.Length, 64)];
        var n = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-' or '\u00A0' or '\t')
            {
                continue;
            }

            if (n == buffer.Length)
            {
                return text.Trim();
            }

            buffer[n++] = c;
        }

        return new string(buffer[..n]);
    }

    public static IdentifierError? CheckDigits(string name, string nameEn, string value, int length)
    {
        if (value.Length == 0)
        {
            return new IdentifierError(IdentifierErrorKind.Empty, $"{name} не указан.", $"The {nameEn} is empty.");
        }

        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return new IdentifierError(IdentifierErrorKind.NotDigits,
                    $"{name} должен состоять только из цифр, а в «{value}» есть другие знаки.",
                    $"The {nameEn} must contain digits only; \"{value}\" has other characters.");
            }
        }

        if (value.Length != length)
        {
            return new IdentifierError(IdentifierErrorKind.WrongLength,
                $"{name} состоит из {length} цифр, а указано {value.Length}.",
                $"The {nameEn} has {length} digits; {value.Length} were given.");
        }

        return null;
    }

    public static IdentifierError? CheckControl(string name, string nameEn, string value)
    {
        var expected = KzCheckDigit.Compute(value.AsSpan(0, 11));
        if (expected is null)
        {
            return new IdentifierError(IdentifierErrorKind.BadCheckDigit,
                $"{name} {value} недействителен: по первым 11 цифрам контрольный разряд не вычисляется.",
                $"The {nameEn} {value} is invalid: no check digit exists for its first 11 digits.");
        }

        if (expected.Value != value[11] - '0')
        {
            return new IdentifierError(IdentifierErrorKind.BadCheckDigit,
                $"{name} {value} введён с ошибкой: контрольная цифра должна быть {expected.Value}, а не {value[11]}.",
                $"The {nameEn} {value} has a typo: the check digit should be {expected.Value}, not {value[11]}.");
        }

        return null;
    }
}
