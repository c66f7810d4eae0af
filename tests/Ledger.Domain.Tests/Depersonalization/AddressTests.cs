using Ledger.Domain.Depersonalization;

namespace Ledger.Domain.Tests.Depersonalization;

public class AddressTests
{
    [Theory]
    [InlineData("проживающего по адресу: г. Алматы, ул. Абая, д. 15, кв. 7, тел.", "г. Алматы, ул. Абая, д. 15, кв. 7")]
    [InlineData("по адресу: Алматинская обл., улица Толе би, дом 120, квартира 5.", "улица Толе би, дом 120, квартира 5")]
    [InlineData("зарегистрирован: мкр. Самал-2, д. 33, кв. 41, ранее не судим", "мкр. Самал-2, д. 33, кв. 41")]
    [InlineData("офис по пр. Туран, д. 19/1, оф. 305.", "пр. Туран, д. 19/1, оф. 305")]
    [InlineData("проживает: ул. Жибек жолы, д. 209, кв. 93)", "ул. Жибек жолы, д. 209, кв. 93")]
    [InlineData("адрес: пр. Независимости, 25-12, по", "пр. Независимости, 25-12")]
    [InlineData("Мекенжайы: Абай көшесі, 15-үй, 7-пәтер, телефоны", "Абай көшесі, 15-үй, 7-пәтер")]
    [InlineData("Самал-2 шағын ауданы, 33-үй, 41-пәтер мекенжайында", "Самал-2 шағын ауданы, 33-үй, 41-пәтер")]
    [InlineData("Қабанбай батыр көшесі, 136 үй, 63 пәтер, поштасы", "Қабанбай батыр көшесі, 136 үй, 63 пәтер")]
    [InlineData("Тәуке хан даңғылы, 45-үй, 12-пәтер мекенжайындағы", "Тәуке хан даңғылы, 45-үй, 12-пәтер")]
    public void Given_a_street_address_When_depersonalized_Then_the_street_house_and_flat_are_removed(string text, string address)
    {
        var result = TestText.Run(text);
        Assert.Equal([address], result.Removed(EntityType.Address));
        Assert.Contains("[АДРЕС]", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_village_before_the_street_When_depersonalized_Then_the_village_goes_with_the_street()
    {
        var result = TestText.Run("Сайрамский р-н, с. Аксукент, ул. Жибек жолы, д. 14, тел.");
        Assert.Equal(["с. Аксукент, ул. Жибек жолы, д. 14"], result.Removed(EntityType.Address));
    }

    [Fact]
    public void Given_a_court_name_with_a_city_When_depersonalized_Then_it_stays()
    {
        const string text = "Алмалинский районный суд г. Алматы и Алматы қаласы Әуезов аудандық сотының судьясы рассмотрели дело.";
        Assert.Empty(TestText.Run(text).Replacements);
    }
}
