using Ledger.Projections.Publication;
using Ledger.Projections.Tests.Infrastructure;

namespace Ledger.Projections.Tests.Publication;

/// <summary>Search over acts published through the real pipeline (ledger → log → projector) on real PostgreSQL.</summary>
[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class ActSearchTests(StackFixture stack) : IAsyncLifetime
{
    private const string LoanRu = """
        РЕШЕНИЕ ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН
        Суд, рассмотрев гражданское дело по иску Иванова Ивана Ивановича к Петрову Петру Петровичу о взыскании долга
        по договору займа, установил: между сторонами заключён договор займа, ответчик сумму займа не вернул.
        Руководствуясь статьями 715, 722 ГК РК, суд
        РЕШИЛ: Иск удовлетворить. Взыскать с ответчика долг по договору займа в сумме 800 000 тенге.
        """;

    private const string LoanRuOnce = """
        РЕШЕНИЕ ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН
        Суд, рассмотрев гражданское дело по иску Смирновой Анны Олеговны к Орлову Олегу Петровичу о разделе имущества,
        установил: стороны спорят о разделе квартиры; упоминается также прежний договор займа между ними.
        Руководствуясь статьёй 218 ГК РК, суд
        РЕШИЛ: В удовлетворении иска отказать.
        """;

    private const string LabourRu = """
        РЕШЕНИЕ ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН
        Суд, рассмотрев гражданское дело по иску Бекова Ержана Маратовича к ТОО «Құрылыс-Сервис» о восстановлении на работе,
        установил: работник уволен без законного основания. Руководствуясь статьёй 52 ТК РК, суд
        РЕШИЛ: Иск удовлетворить частично. Восстановить истца на работе.
        """;

    private const string LoanKk = """
        ШЕШІМ ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ АТЫНАН
        Сот Серікбаев Асқар Маратұлының Жұмабаев Ерлан Серікұлына қарыз шарты бойынша қарызды өндіру туралы талап арызын қарап,
        мыналарды анықтады: тараптар арасында қарыз шарты жасалған, жауапкер қарыздың сомасын қайтармаған.
        АК 715-бабын басшылыққа алып, сот ШЕШТІ: Талап қанағаттандырылсын. Жауапкерден 500 000 теңге қарыз өндірілсін.
        """;

    private const string Markup = """
        РЕШЕНИЕ
        Суд рассмотрел спор о товарном знаке <script>alert("x")</script> & «Тулпар» и установил нарушение исключительного права.
        Руководствуясь статьёй 1025 ГК РК, суд РЕШИЛ: иск удовлетворить.
        """;

    private static PublishingLedger? _shared;
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, Guid> Acts = [];

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is not null)
            {
                return;
            }

            _shared = await PublishingLedger.CreateAsync(await stack.CreateDatabaseAsync("act_search_tests"));
            Acts["loan"] = (await _shared.DecidedCivilCaseAsync(LoanRu, courtId: "almaty-bostandyk")).ActId;
            Acts["loan-once"] = (await _shared.DecidedCivilCaseAsync(LoanRuOnce, plaintiff: "Смирнова Анна Олеговна", defendant: "Орлов Олег Петрович", courtId: "astana-esil")).ActId;
            Acts["labour"] = (await _shared.DecidedCivilCaseAsync(LabourRu, plaintiff: "Беков Ержан Маратович", courtId: "astana-esil",
                issuedAt: new DateTimeOffset(2024, 5, 6, 10, 0, 0, TimeSpan.FromHours(5)))).ActId;
            Acts["loan-kk"] = (await _shared.DecidedCivilCaseAsync(LoanKk, plaintiff: "Серікбаев Асқар Маратұлы", defendant: "Жұмабаев Ерлан Серікұлы", courtId: "shymkent-abay")).ActId;
            Acts["markup"] = (await _shared.DecidedCivilCaseAsync(Markup, courtId: "almaty-medeu")).ActId;
            await _shared.CatchUpAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static ActSearch Search => _shared!.Search;

    [Fact]
    public async Task Given_an_inflected_Russian_phrase_When_searching_Then_stemming_finds_the_acts_and_the_denser_match_ranks_first()
    {
        var page = await Search.SearchAsync(new ActSearchQuery(Text: "договора займов"));

        Assert.Equal([Acts["loan"], Acts["loan-once"]], page.Hits.Select(h => h.ActId).Where(id => id != Acts["loan-kk"]).ToArray());
        Assert.True(page.Hits[0].Rank > page.Hits[1].Rank);
        Assert.Contains("<mark>", page.Hits[0].SnippetHtml, StringComparison.Ordinal);
        Assert.Contains("<mark>договор", page.Hits[0].SnippetHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Given_a_Kazakh_word_in_another_case_form_When_searching_Then_the_Kazakh_act_is_found_with_the_word_highlighted()
    {
        // The act says «қарыздың», «қарызды», «қарыз»; the reader types «қарызын» (accusative with possessive).
        var page = await Search.SearchAsync(new ActSearchQuery(Text: "қарызын өндіру"));

        var hit = Assert.Single(page.Hits);
        Assert.Equal(Acts["loan-kk"], hit.ActId);
        Assert.Equal("kk", hit.Language);
        Assert.Contains("<mark>", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.Contains("ГК 715", hit.Articles);
        Assert.Equal(ActOutcomes.Granted, hit.Outcome);
        Assert.DoesNotContain("Серікбаев", hit.SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_filters_When_searching_Then_only_matching_acts_are_returned()
    {
        Assert.Equal([Acts["loan-once"]], (await Search.SearchAsync(new ActSearchQuery(Text: "договор займа", CourtId: "astana-esil"))).Hits.Select(h => h.ActId));
        Assert.Equal([Acts["labour"]], (await Search.SearchAsync(new ActSearchQuery(Year: 2024))).Hits.Select(h => h.ActId));
        Assert.Equal([Acts["labour"]], (await Search.SearchAsync(new ActSearchQuery(Article: "ТК 52"))).Hits.Select(h => h.ActId));
        Assert.Equal([Acts["labour"]], (await Search.SearchAsync(new ActSearchQuery(Outcome: ActOutcomes.PartiallyGranted))).Hits.Select(h => h.ActId));
        Assert.Equal([Acts["loan-once"]], (await Search.SearchAsync(new ActSearchQuery(Outcome: ActOutcomes.Denied))).Hits.Select(h => h.ActId));

        var byArticle = (await Search.SearchAsync(new ActSearchQuery(Article: "ст. 715 ГК"))).Hits.Select(h => h.ActId).ToHashSet();
        Assert.Equal(new HashSet<Guid> { Acts["loan"], Acts["loan-kk"] }, byArticle);
        Assert.Empty((await Search.SearchAsync(new ActSearchQuery(Text: "займа", CaseKind: "criminal"))).Hits);
        Assert.Equal(5, (await Search.SearchAsync(new ActSearchQuery(Category: "simplified", PageSize: 50))).Total);
    }

    [Fact]
    public async Task Given_markup_in_an_act_When_a_snippet_is_made_Then_it_is_escaped_and_only_the_highlight_is_markup()
    {
        var hit = Assert.Single((await Search.SearchAsync(new ActSearchQuery(Text: "товарный знак"))).Hits);

        // ts_headline drops what its parser takes for tags; everything else that is markup in HTML is escaped.
        Assert.DoesNotContain("<script", hit.SnippetHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&amp;", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.Contains("&quot;x&quot;", hit.SnippetHtml, StringComparison.Ordinal);
        var withoutMarks = hit.SnippetHtml.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal);
        Assert.DoesNotContain('<', withoutMarks);
    }

    [Fact]
    public async Task Given_more_results_than_a_page_When_paging_Then_pages_do_not_overlap_and_the_total_counts_all()
    {
        var first = await Search.SearchAsync(new ActSearchQuery(Text: "решение or шешім", PageSize: 2, Page: 1));
        var second = await Search.SearchAsync(new ActSearchQuery(Text: "решение or шешім", PageSize: 2, Page: 2));
        var third = await Search.SearchAsync(new ActSearchQuery(Text: "решение or шешім", PageSize: 2, Page: 3));

        Assert.Equal(5, first.Total);
        Assert.False(first.TotalIsLowerBound);
        Assert.Equal(2, first.Hits.Count);
        Assert.Equal(2, second.Hits.Count);
        Assert.Single(third.Hits);
        Assert.Equal(5, first.Hits.Concat(second.Hits).Concat(third.Hits).Select(h => h.ActId).Distinct().Count());
    }

    [Fact]
    public async Task Given_an_exclusion_and_a_phrase_When_searching_Then_the_web_search_syntax_is_honoured()
    {
        var excluded = await Search.SearchAsync(new ActSearchQuery(Text: "займа -квартиры"));
        Assert.Contains(Acts["loan"], excluded.Hits.Select(h => h.ActId));
        Assert.DoesNotContain(Acts["loan-once"], excluded.Hits.Select(h => h.ActId));

        var phrase = await Search.SearchAsync(new ActSearchQuery(Text: "\"восстановлении на работе\""));
        Assert.Equal([Acts["labour"]], phrase.Hits.Select(h => h.ActId));
    }
}
