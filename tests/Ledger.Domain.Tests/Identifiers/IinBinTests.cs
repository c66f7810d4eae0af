using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Domain.Identifiers;

namespace Ledger.Domain.Tests.Identifiers;

public class IinBinTests
{
    [Fact]
    public void Given_the_first_domain_example_When_parsed_Then_the_second_pass_check_digit_2_is_accepted()
    {
        // DOMAIN.md: 061211600012, first pass gives 10, second pass gives 2.
        Assert.Equal(10, FirstPass("06121160001"));
        Assert.Equal(2, KzCheckDigit.Compute("06121160001"));
        var iin = Iin.Parse("061211600012");
        Assert.Equal(new DateOnly(2006, 12, 11), iin.BirthDate);
        Assert.Equal(Sex.Female, iin.Sex);
    }

    [Fact]
    public void Given_the_second_domain_example_When_parsed_Then_birth_date_and_sex_are_read()
    {
        var iin = Iin.Parse("791028302728");
        Assert.Equal(new DateOnly(1979, 10, 28), iin.BirthDate);
        Assert.Equal(Sex.Male, iin.Sex);
        Assert.Equal("791028302728", iin.Value);
    }

    [Fact]
    public void Given_spaces_inside_When_parsed_Then_they_are_ignored()
    {
        Assert.True(Iin.TryParse("791028 302728", out var iin));
        Assert.Equal("791028302728", iin.Value);
    }

    [Theory]
    [InlineData("791028302727", IdentifierErrorKind.BadCheckDigit, "контрольная цифра должна быть 8")]
    [InlineData("79102830272", IdentifierErrorKind.WrongLength, "12 цифр")]
    [InlineData("79102830272A", IdentifierErrorKind.NotDigits, "только из цифр")]
    [InlineData("791328302728", IdentifierErrorKind.BadDate, "датой рождения")]
    [InlineData("791028702728", IdentifierErrorKind.BadCenturyDigit, "седьмая цифра")]
    [InlineData("", IdentifierErrorKind.Empty, "не указан")]
    public void Given_a_bad_iin_When_parsed_Then_the_error_says_why(string text, IdentifierErrorKind kind, string ru)
    {
        Assert.False(Iin.TryParse(text, out _, out var error));
        Assert.Equal(kind, error.Kind);
        Assert.Contains(ru, error.MessageRu, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.MessageEn));
        var ex = Assert.Throws<InvalidIdentifierException>(() => Iin.Parse(text));
        Assert.Equal(kind, ex.Error.Kind);
    }

    [Theory]
    [InlineData("4", BinEntityType.ResidentEntity, false)]
    [InlineData("5", BinEntityType.NonResidentEntity, false)]
    [InlineData("6", BinEntityType.IndividualEntrepreneur, true)]
    public void Given_a_bin_When_parsed_Then_the_type_digit_is_read(string type, BinEntityType expected, bool ip)
    {
        var bin = WithCheckDigit("0507" + type + "000124");
        var parsed = Bin.Parse(bin);
        Assert.Equal(expected, parsed.EntityType);
        Assert.Equal(ip, parsed.IsIndividualEntrepreneur);
        Assert.Equal(7, parsed.RegistrationMonth);
        Assert.Equal(BinDivision.HeadOffice, parsed.Division);
    }

    [Fact]
    public void Given_an_iin_When_parsed_as_bin_Then_it_is_refused_because_the_type_digit_is_a_day()
    {
        Assert.False(Bin.TryParse("791028302728", out _, out var error));
        Assert.Equal(IdentifierErrorKind.BadTypeDigit, error.Kind);
    }

    [Fact]
    public void Given_erdr_numbers_When_parsed_Then_only_15_digits_pass()
    {
        Assert.True(Erdr.TryParse("№ 247511030001234", out var erdr));
        Assert.Equal(24, erdr.YearDigits);
        Assert.False(Erdr.TryParse("24751103000123", out _, out var error));
        Assert.Equal(IdentifierErrorKind.WrongLength, error.Kind);
    }

    [Property(MaxTest = 500)]
    public Property Any_eleven_digits_with_computed_check_digit_validate_unless_both_passes_give_ten()
    {
        return Prop.ForAll(ElevenDigits().ToArbitrary(), digits =>
        {
            var check = KzCheckDigit.Compute(digits);
            if (check is null)
            {
                // No twelfth digit can make the number valid.
                return Enumerable.Range(0, 10).All(d => !KzCheckDigit.IsValid(digits + d));
            }

            return KzCheckDigit.IsValid(digits + check.Value)
                && Enumerable.Range(0, 10).Where(d => d != check.Value).All(d => !KzCheckDigit.IsValid(digits + d));
        });
    }

    [Property(MaxTest = 500)]
    public Property Any_one_digit_change_outside_position_11_is_detected_when_the_first_pass_decides_both_numbers()
    {
        var gen =
            from digits in ElevenDigits()
            where KzCheckDigit.Compute(digits) is not null
            from position in Gen.Elements(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11)
            from delta in Gen.Choose(1, 9)
            select (Number: digits + KzCheckDigit.Compute(digits)!.Value, Position: position, Delta: delta);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var chars = t.Number.ToCharArray();
            chars[t.Position] = (char)('0' + ((chars[t.Position] - '0' + t.Delta) % 10));
            var changed = new string(chars);
            var decidedByFirstPass = FirstPass(t.Number[..11]) != 10 && FirstPass(changed[..11]) != 10;
            return (!decidedByFirstPass || !KzCheckDigit.IsValid(changed)).Label($"{t.Number} -> {changed}")
                .And(KzCheckDigit.IsValid(t.Number));
        });
    }

    [Fact]
    public void Given_the_official_weights_When_digit_11_changes_Then_the_first_pass_cannot_see_it()
    {
        // The first-pass weight of digit 11 is 11, which is 0 modulo 11: this is a property of the
        // official algorithm, not of this implementation. 791028302728 -> 791028302718 stays valid.
        Assert.True(Iin.IsValid("791028302728"));
        Assert.True(Iin.IsValid("791028302718"));
    }

    [Fact]
    public void Given_random_one_digit_changes_When_counted_Then_almost_all_are_detected()
    {
        var random = new Random(20241125);
        int tried = 0, detected = 0;
        while (tried < 20_000)
        {
            var digits = string.Concat(Enumerable.Range(0, 11).Select(_ => random.Next(10)));
            if (KzCheckDigit.Compute(digits) is not { } check)
            {
                continue;
            }

            var chars = (digits + check).ToCharArray();
            var position = random.Next(12);
            chars[position] = (char)('0' + ((chars[position] - '0' + random.Next(1, 10)) % 10));
            tried++;
            detected += KzCheckDigit.IsValid(chars) ? 0 : 1;
        }

        // Changes of digit 11 (1 in 12) escape the first pass; everything else is caught but for
        // rare second-pass coincidences.
        Assert.InRange(detected / (double)tried, 0.88, 0.95);
    }

    [Property(MaxTest = 300)]
    public Property Any_valid_birth_date_and_serial_give_an_iin_with_that_date_unless_no_check_digit_exists()
    {
        var gen =
            from days in Gen.Choose(0, 365 * 120)
            from female in Gen.Elements(false, true)
            from serial in Gen.Choose(0, 9999)
            select (Date: new DateOnly(1900, 1, 1).AddDays(days), Female: female, Serial: serial);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var centuryDigit = (t.Date.Year >= 2000 ? 5 : 3) + (t.Female ? 1 : 0);
            var first11 = $"{t.Date:yyMMdd}{centuryDigit}{t.Serial:D4}";
            var check = KzCheckDigit.Compute(first11);
            if (check is null)
            {
                return !Iin.IsValid(first11 + "0");
            }

            var iin = Iin.Parse(first11 + check.Value);
            return iin.BirthDate == t.Date && iin.Sex == (t.Female ? Sex.Female : Sex.Male);
        });
    }

    internal static int FirstPass(string first11) =>
        first11.Select((c, i) => (c - '0') * (i + 1)).Sum() % 11;

    internal static Gen<string> ElevenDigits() =>
        Gen.ArrayOf(Gen.Choose(0, 9), 11).Select(a => string.Concat(a));

    internal static string WithCheckDigit(string first11) =>
        first11 + (KzCheckDigit.Compute(first11) ?? throw new InvalidOperationException("no check digit"));
}
