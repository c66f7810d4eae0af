using Ledger.Domain.Cases;
using Ledger.Projections.Publication;

namespace Ledger.Projections.Tests.Publication;

public sealed class ActMetadataTests
{
    [Theory]
    [InlineData("осуждён по ч. 2 ст. 188 УК РК", "УК 188")]
    [InlineData("руководствуясь статьями 272, 715 ГК РК", "ГК 272")]
    [InlineData("на основании статьи 52 Трудового кодекса и ст. 52 ТК РК", "ТК 52")]
    [InlineData("ҚК-нің 188-бабының 2-бөлігі бойынша", "УК 188")]
    [InlineData("АК 715-бабын басшылыққа алып", "ГК 715")]
    [InlineData("ӘҚБтК-нің 610-бабы", "КоАП 610")]
    public void Given_an_article_cited_in_Russian_or_Kazakh_When_extracted_Then_it_is_normalized_to_the_Russian_code_and_number(string text, string expected)
    {
        var articles = ActMetadata.Articles(text);
        Assert.Contains(expected, articles);
        Assert.Contains(expected.Split(' ')[1], articles);
    }

    [Theory]
    [InlineData("ст. 188 УК", "УК 188")]
    [InlineData("ҚК 188", "УК 188")]
    [InlineData("188", "188")]
    [InlineData("статья", null)]
    public void Given_an_article_filter_When_normalized_Then_it_has_the_stored_form(string filter, string? expected) =>
        Assert.Equal(expected, ActMetadata.NormalizeArticleFilter(filter));

    [Theory]
    [InlineData("Р Е Ш И Л: Иск удовлетворить частично.", ActKind.Decision, ActOutcomes.PartiallyGranted)]
    [InlineData("РЕШИЛ: В удовлетворении иска отказать.", ActKind.Decision, ActOutcomes.Denied)]
    [InlineData("РЕШИЛ: Взыскать с ответчика 100 000 тенге.", ActKind.Decision, ActOutcomes.Granted)]
    [InlineData("ПРИГОВОРИЛ: Признать виновным по ч. 2 ст. 188 УК.", ActKind.Verdict, ActOutcomes.Convicted)]
    [InlineData("ПРИГОВОРИЛ: Оправдать за отсутствием состава.", ActKind.Verdict, ActOutcomes.Acquitted)]
    [InlineData("ШЕШТІ: Талап қанағаттандырылсын.", ActKind.Decision, ActOutcomes.Granted)]
    [InlineData("ҮКІМ ЕТТІ: кінәлі деп танылсын.", ActKind.Verdict, ActOutcomes.Convicted)]
    public void Given_the_operative_part_When_classified_Then_the_outcome_is_read(string text, ActKind kind, string expected) =>
        Assert.Equal(expected, ActMetadata.Outcome("Суд установил, что истец просил удовлетворить иск.\n" + text, kind, null));

    [Fact]
    public void Given_Kazakh_and_Russian_texts_When_the_language_is_detected_Then_each_is_recognised()
    {
        Assert.Equal("kk", ActMetadata.DetectLanguage("Сот талап арызды қанағаттандырды, жауапкерден қарыз өндірілсін."));
        Assert.Equal("ru", ActMetadata.DetectLanguage(
            "Суд, рассмотрев в открытом судебном заседании гражданское дело, удовлетворил иск о взыскании долга с ТОО «Құрылыс»."));
    }

    [Theory]
    [InlineData("қарыздың", "қарыз")]
    [InlineData("қарызды", "қарыз")]
    [InlineData("қарызын", "қарыз")]
    [InlineData("шарттың", "шарт")]
    [InlineData("жауапкерден", "жауапкер")]
    [InlineData("соттың", "сот")]
    [InlineData("сот", "сот")]
    [InlineData("талаптары", "талап")]
    public void Given_a_Kazakh_word_form_When_stemmed_Then_the_common_endings_go(string word, string stem) =>
        Assert.Equal(stem, SearchQueryText.KazakhStem(word));

    [Fact]
    public void Given_a_web_style_query_When_the_Kazakh_half_is_built_Then_phrases_exclusions_and_alternatives_are_kept()
    {
        Assert.Equal("'қарыз':* & 'өндіру':*", SearchQueryText.KazakhTsQuery("қарызды өндіру"));
        Assert.Equal("('қарыз':* <-> 'шарт':*) & !'алимент':*", SearchQueryText.KazakhTsQuery("\"қарыз шарты\" -алимент"));
        Assert.Equal("('сот':* | 'қарыз':*)", SearchQueryText.KazakhTsQuery("сот немесе қарыз"));
        Assert.Null(SearchQueryText.KazakhTsQuery("  -жоқ "));
        Assert.Null(SearchQueryText.KazakhTsQuery(" !!! "));
    }

    [Fact]
    public void Given_a_headline_with_markup_When_escaped_Then_only_the_highlights_are_tags()
    {
        var html = ActSearch.SnippetHtml("a <b> & \uE000суд\uE001 \"x\"");
        Assert.Equal("a &lt;b&gt; &amp; <mark>суд</mark> &quot;x&quot;", html);
    }
}
