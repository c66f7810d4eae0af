using Ledger.Domain.Depersonalization;
using Ledger.Domain.Identifiers;

namespace Ledger.Domain.Tests.Depersonalization;

public class IdentifierDetectionTests
{
    [Fact]
    public void Given_a_valid_iin_When_depersonalized_Then_it_is_replaced_by_the_iin_label()
    {
        var result = TestText.Run("Истец (ИИН 791028302728) обратился в суд.");
        Assert.Equal("Истец (ИИН [ИИН]) обратился в суд.", result.Text);
        var r = Assert.Single(result.Replacements);
        Assert.Equal(EntityType.Iin, r.Type);
        Assert.Equal("791028302728", r.Original);
        Assert.Contains("IIN", r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_twelve_digits_with_a_wrong_check_digit_and_no_label_When_depersonalized_Then_they_stay()
    {
        var result = TestText.Run("Номер договора 791028302727 от 12.03.2021.");
        Assert.Empty(result.Replacements);
    }

    [Fact]
    public void Given_a_mistyped_iin_after_the_word_iin_When_depersonalized_Then_it_is_still_removed()
    {
        var result = TestText.Run("ИИН: 791028302727");
        Assert.Equal(["791028302727"], result.Removed(EntityType.Iin));
    }

    [Fact]
    public void Given_a_company_bin_and_an_entrepreneur_bin_When_depersonalized_Then_only_the_entrepreneur_bin_goes()
    {
        var company = IinBinTestsAccess.WithCheckDigit("18034011265");
        var entrepreneur = IinBinTestsAccess.WithCheckDigit("18036004914");
        Assert.False(Bin.Parse(company).IsIndividualEntrepreneur);
        Assert.True(Bin.Parse(entrepreneur).IsIndividualEntrepreneur);
        var result = TestText.Run($"ТОО «Береке» (БИН {company}) и ИП «Ромашка» (БИН {entrepreneur}).");
        Assert.Equal([entrepreneur], result.Removed(EntityType.Bin));
        Assert.Contains(company, result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+7 (701) 123-45-67")]
    [InlineData("8 701 123 45 67")]
    [InlineData("87011234567")]
    [InlineData("+77011234567")]
    [InlineData("8-701-555-12-34")]
    [InlineData("+7(701)4567890")]
    [InlineData("8 (7212) 41-15-20")]
    [InlineData("+7 777 1234567")]
    public void Given_a_phone_number_When_depersonalized_Then_it_is_removed(string phone)
    {
        var result = TestText.Run($"Ответчик извещён по телефону {phone}, но не явился.");
        Assert.Equal([phone], result.Removed(EntityType.Phone));
    }

    [Fact]
    public void Given_a_city_number_after_tel_When_depersonalized_Then_it_is_removed()
    {
        var result = TestText.Run("КСК «Орбита», тел. 25-34-12.");
        Assert.Equal(["25-34-12"], result.Removed(EntityType.Phone));
    }

    [Fact]
    public void Given_amounts_and_article_numbers_When_depersonalized_Then_they_are_not_taken_for_phones()
    {
        const string text = "Взыскать 8 500 000 тенге и 1 200 000 тенге по ч. 2 ст. 188 УК РК, дело № 2-1234/2024.";
        Assert.Empty(TestText.Run(text).Replacements);
    }

    [Theory]
    [InlineData("ivanov.ii@mail.kz")]
    [InlineData("R.Abilov_85@Mail.Ru")]
    [InlineData("sh.karimov@corp.uzkz.com")]
    public void Given_an_email_When_depersonalized_Then_it_is_removed(string email)
    {
        Assert.Equal([email], TestText.Run($"Электронная почта: {email}.").Removed(EntityType.Email));
    }

    [Theory]
    [InlineData("KZ86125KZT5004100100")]
    [InlineData("KZ45 6010 0020 0012 3456")]
    [InlineData("4400 4302 1188 5521")]
    [InlineData("5169-4931-0012-7788")]
    public void Given_a_bank_account_or_card_When_depersonalized_Then_it_is_removed(string account)
    {
        Assert.Equal([account], TestText.Run($"Перечислено на счёт {account} в банке.").Removed(EntityType.BankAccount));
    }

    [Fact]
    public void Given_a_treasury_budget_account_When_depersonalized_Then_it_stays()
    {
        // Bank code 070: the Treasury Committee; fines are paid there.
        Assert.Empty(TestText.Run("Штраф перечислить на счёт KZ24070105KSN0000000.").Replacements);
    }

    [Theory]
    [InlineData("123ABC02")]
    [InlineData("123 ABC 02")]
    [InlineData("456 АВС 05")]
    [InlineData("A123BCD")]
    [InlineData("KZ 123 ABC 09")]
    public void Given_a_vehicle_plate_When_depersonalized_Then_it_is_removed(string plate)
    {
        Assert.Equal([plate], TestText.Run($"Автомобиль с г/н {plate} двигался по трассе.").Removed(EntityType.VehiclePlate));
    }

    [Theory]
    [InlineData("удостоверение личности № 045678912 выдано МВД РК", "045678912")]
    [InlineData("паспорт N12345678", "N12345678")]
    [InlineData("паспорт гражданина РК N 4455667", "N 4455667")]
    [InlineData("водительское удостоверение № BM730610", "BM730610")]
    [InlineData("жеке куәлігі № 048812345", "048812345")]
    public void Given_an_identity_document_number_When_depersonalized_Then_only_the_number_is_removed(string text, string number)
    {
        var result = TestText.Run(text);
        Assert.Equal([number], result.Removed(EntityType.IdentityDocument));
    }

    [Theory]
    [InlineData("Петров П.П., 15.04.1980 года рождения, пояснил", "15.04.1980")]
    [InlineData("родившегося 14 июня 1959 года в г. Алматы", "14 июня 1959 года")]
    [InlineData("дата рождения: 25.09.1983, проживает", "25.09.1983")]
    [InlineData("Гордеев Г.И., 1978 г.р., показал", "1978")]
    [InlineData("1985 жылғы 12 наурызда туған", "1985 жылғы 12 наурызда")]
    [InlineData("19.11.1998 ж.т., мекенжайы", "19.11.1998")]
    [InlineData("туған күні: 13.01.1977", "13.01.1977")]
    public void Given_a_date_of_birth_When_depersonalized_Then_it_is_removed(string text, string date)
    {
        Assert.Equal([date], TestText.Run(text).Removed(EntityType.BirthDate));
    }

    [Fact]
    public void Given_dates_of_events_When_depersonalized_Then_they_stay()
    {
        const string text = "12.03.2021 истец передал деньги, срок возврата 12 марта 2022 года; 2021 жылғы 5 мамырда шарт жасалды.";
        Assert.Empty(TestText.Run(text).Replacements);
    }
}

internal static class IinBinTestsAccess
{
    public static string WithCheckDigit(string first11) => Ledger.Domain.Tests.Identifiers.IinBinTests.WithCheckDigit(first11);
}
