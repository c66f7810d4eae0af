namespace Ledger.Domain.Identifiers;

/// <summary>
/// The check digit shared by the Kazakh IIN and BIN (12 digits, the 12th is the check digit).
/// First pass: a = Σ dᵢ·i mod 11 for i = 1..11. If a = 10, second pass with the weights
/// 3,4,5,6,7,8,9,10,11,1,2. If the second pass also gives 10, no valid number has these 11 digits.
/// </summary>
public static class KzCheckDigit
{
    private static readonly int[] SecondPassWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    /// <summary>Computes the check digit of the first 11 digits, or null when both passes give 10.</summary>
    public static int? Compute(ReadOnlySpan<char> first11Digits)
    {
        if (first11Digits.Length != 11)
        {
            throw new ArgumentException("Exactly 11 digits are expected.", nameof(first11Digits));
        }

        var sum = 0;
        for (var i = 0; i < 11; i++)
        {
            var d = first11Digits[i] - '0';
            if (d is < 0 or > 9)
            {
                throw new ArgumentException("Only the digits 0-9 are allowed.", nameof(first11Digits));
            }

            sum += d * (i + 1);
        }

        var a = sum % 11;
        if (a != 10)
        {
            return a;
        }

        sum = 0;
        for (var i = 0; i < 11; i++)
        {
            sum += (first11Digits[i] - '0') * SecondPassWeights[i];
        }

        a = sum % 11;
        return a == 10 ? null : a;
    }

    /// <summary>True when the text is 12 ASCII digits whose last digit is the check digit of the first 11.</summary>
    public static bool IsValid(ReadOnlySpan<char> twelveDigits)
    {
        if (twelveDigits.Length != 12)
        {
            return false;
        }

        foreach (var c in twelveDigits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        var check = Compute(twelveDigits[..11]);
        return check is not null && check.Value == twelveDigits[11] - '0';
    }
}
