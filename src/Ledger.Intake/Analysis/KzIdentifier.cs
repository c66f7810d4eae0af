namespace Ledger.Intake.Analysis;

/// <summary>
/// IIN / BIN check digit (12 digits; a = Σ dᵢ·i mod 11 for i = 1..11; if a = 10, a = Σ dᵢ·wᵢ mod 11
/// with w = [3,4,5,6,7,8,9,10,11,1,2]; if still 10 the number is invalid; otherwise d12 = a). Kept
/// private to intake until the shared identifiers module is available.
/// </summary>
internal static class KzIdentifier
{
    private static readonly int[] SecondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    public static bool IsValid(string? value)
    {
        if (value is not { Length: 12 } || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        var a = 0;
        for (var i = 0; i < 11; i++)
        {
            a += (value[i] - '0') * (i + 1);
        }

        a %= 11;
        if (a == 10)
        {
            a = 0;
            for (var i = 0; i < 11; i++)
            {
                a += (value[i] - '0') * SecondWeights[i];
            }

            a %= 11;
        }

        return a != 10 && a == value[11] - '0';
    }

    /// <summary>Whether the number reads as a BIN (a legal entity): digit 5 is the entity type 4, 5 or 6 and digits 1-4 a plausible YYMM.</summary>
    public static bool LooksLikeBin(string value) =>
        value.Length == 12 && value[4] is '4' or '5' or '6' && int.Parse(value.AsSpan(2, 2), System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 12;
}
