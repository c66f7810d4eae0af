using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Domain.Depersonalization;

namespace Ledger.Domain.Tests.Depersonalization;

public class KeptTextTests
{
    [Fact]
    public void Given_articles_amounts_courts_companies_and_event_dates_When_depersonalized_Then_nothing_changes()
    {
        const string text = """
            Специализированный межрайонный экономический суд г. Алматы, рассмотрев дело № 2-1547/2024 по иску
            ТОО «Алтын Дала Логистик» (БИН 180340112656) к АО «Сарыарка Энерго Сервис» о взыскании 2 418 775 тенге
            по ст. 917 ГК РК и пункту 1 статьи 715 ГК РК, установил: 15.11.2021 заключён договор; 12 марта 2022 года
            произведена оплата 30 МРП. ЕРДР № 247519502909020. Руководствуясь ст.ст. 223-226 ГПК РК, суд решил.
            Қазақстан Республикасы Азаматтық кодексінің 715-бабына сәйкес, 2024 жылғы 3 сәуірде 6 920 теңге өндірілсін.
            """;
        var result = TestText.Run(text);
        Assert.Empty(result.Replacements);
        Assert.Equal(text, result.Text);
    }

    private static readonly string[] Fragments =
    [
        "Истец Иванов И.И. (ИИН 791028302728) ", "проживающий по адресу: г. Алматы, ул. Абая, д. 15, кв. 7, ",
        "тел. +7 (701) 123-45-67, ", "e-mail: ivanov@mail.kz. ", "Суд взыскал 1 500 000 тенге по ст. 917 ГК РК. ",
        "Свидетель Петренко Олег Викторович, 15.04.1980 года рождения, показал. ", "Судья Ахметова А.М. ",
        "Жауапкер Сейтқалиеваға түсіндірілді. ", "Автомобиль 123ABC02. ", "Счёт KZ86125KZT5004100100. ",
        "\n", "12.03.2021 ", "Абай көшесі, 15-үй, 7-пәтер. ", "ТОО «Береке» ", "паспорт N12345678 ",
    ];

    private static Arbitrary<string> Texts() =>
        Gen.ListOf(Gen.Elements(Fragments)).Select(parts => string.Concat(parts)).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property Output_is_the_input_with_exactly_the_reported_spans_replaced()
    {
        return Prop.ForAll(Texts(), text =>
        {
            var result = Depersonalizer.Depersonalize(text, DepersonalizationContext.Empty);
            var rebuilt = new System.Text.StringBuilder();
            var position = 0;
            foreach (var r in result.Replacements)
            {
                if (r.Start < position || r.End > text.Length || text.Substring(r.Start, r.Length) != r.Original)
                {
                    return false;
                }

                rebuilt.Append(text, position, r.Start - position).Append(r.ReplacementText);
                position = r.End;
            }

            rebuilt.Append(text, position, text.Length - position);
            return rebuilt.ToString() == result.Text;
        });
    }

    [Property(MaxTest = 100)]
    public Property Depersonalizing_the_output_again_finds_nothing_more()
    {
        return Prop.ForAll(Texts(), text =>
        {
            var once = Depersonalizer.Depersonalize(text, DepersonalizationContext.Empty);
            var twice = Depersonalizer.Depersonalize(once.Text, DepersonalizationContext.Empty);
            return (twice.Replacements.Count == 0).Label(string.Join(" | ", twice.Replacements.Select(r => r.Original)));
        });
    }
}
