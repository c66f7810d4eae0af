using Ledger.Domain.Cases;
using Ledger.Projections.Cabinet;
using Ledger.Projections.Publication;
using Ledger.Projections.Tests.Infrastructure;
using Ledger.Projections.Tests.Ledger;

namespace Ledger.Projections.Tests.Publication;

[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class PublicationProjectorTests(StackFixture stack) : IAsyncLifetime
{
    private const string Act = """
        Р Е Ш Е Н И Е
        ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН
        Бостандыкский районный суд города Алматы в составе председательствующего судьи Ахметовой А.М.,
        рассмотрев в порядке упрощённого производства гражданское дело по иску Иванова Ивана Ивановича
        (ИИН 850312300125, г. Алматы, ул. Абая, д. 15, кв. 7) к Петрову Петру Петровичу о взыскании долга по договору займа,
        руководствуясь статьями 272, 715 ГК РК, статьями 223-226 ГПК РК,
        Р Е Ш И Л:
        Иск Иванова И.И. удовлетворить. Взыскать с Петрова П.П. в пользу Иванова И.И. сумму долга 1 500 000 тенге.
        Судья Ахметова А.М.
        """;

    private PublishingLedger _ledger = null!;

    public async Task InitializeAsync() =>
        _ledger = await PublishingLedger.CreateAsync(await stack.CreateDatabaseAsync("publication_projector_tests"));

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public async Task Given_a_judgment_that_enters_into_force_When_the_log_is_followed_Then_a_depersonalized_copy_linked_to_the_original_hash_is_published()
    {
        var c = await _ledger.DecidedCivilCaseAsync(Act);
        await _ledger.CatchUpAsync();

        var published = await _ledger.Search.GetAsync(c.ActId);
        Assert.NotNull(published);
        Assert.Equal(c.DocumentHash, published.OriginalHash);
        Assert.Equal(c.DocumentHash, published.PublishedHash);
        Assert.Equal(c.CaseNumber, published.CaseNumber);
        Assert.Equal("almaty-bostandyk", published.CourtId);
        Assert.Equal("civil", published.CaseKind);
        Assert.Equal("simplified", published.Category);
        Assert.Equal("decision", published.ActKind);
        Assert.Equal(2025, published.Year);
        Assert.Equal(ActOutcomes.Granted, published.Outcome);
        Assert.Equal("ru", published.Language);
        Assert.Contains("ГК 272", published.Articles);
        Assert.Contains("ГК 715", published.Articles);
        Assert.Equal("in-force", published.Status);

        // The parties, the IIN and the address are gone; the judge and the law stay.
        Assert.DoesNotContain("Иванов", published.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Петров", published.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("850312300125", published.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Абая", published.Text, StringComparison.Ordinal);
        Assert.Contains("[ФИО-1]", published.Text, StringComparison.Ordinal);
        Assert.Contains("[ИИН]", published.Text, StringComparison.Ordinal);
        Assert.Contains("Ахметов", published.Text, StringComparison.Ordinal);
        Assert.Contains("1 500 000 тенге", published.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_appeal_that_upholds_the_judgment_When_the_log_is_followed_Then_the_act_is_published()
    {
        var c = await _ledger.DecidedCivilCaseAsync(Act.Replace("1 500 000", "2 000 000", StringComparison.Ordinal), viaUpheldAppeal: true);
        await _ledger.CatchUpAsync();

        var published = await _ledger.Search.GetAsync(c.ActId);
        Assert.NotNull(published);
        Assert.Contains("2 000 000 тенге", published.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_judgment_not_yet_in_force_When_the_log_is_followed_Then_nothing_is_published()
    {
        var c = await _ledger.DecidedCivilCaseAsync(Act.Replace("1 500 000", "3 000 000", StringComparison.Ordinal), enterIntoForce: false);
        await _ledger.CatchUpAsync();

        Assert.Null(await _ledger.Search.GetAsync(c.ActId));
        Assert.Null(await WithheldReasonAsync(c.ActId));
    }

    [Theory]
    [InlineData("в закрытом судебном заседании", "ClosedHearing")]
    [InlineData("об усыновлении ребёнка", "Adoption")]
    [InlineData("в интересах несовершеннолетнего", "Minors")]
    public async Task Given_an_act_in_a_closed_category_When_it_enters_into_force_Then_it_is_never_published_and_the_reason_is_recorded(string words, string category)
    {
        var c = await _ledger.DecidedCivilCaseAsync(Act.Replace("рассмотрев в порядке", $"рассмотрев {words} в порядке", StringComparison.Ordinal));
        await _ledger.CatchUpAsync();

        Assert.Null(await _ledger.Search.GetAsync(c.ActId));
        var (code, categories, reasonRu) = (await WithheldReasonAsync(c.ActId))!.Value;
        Assert.Equal(WithheldReasons.ClosedCategory, code);
        Assert.Contains(category, categories);
        Assert.StartsWith("Акт не публикуется", reasonRu, StringComparison.Ordinal);
        Assert.Equal(0, (await _ledger.Search.SearchAsync(new ActSearchQuery(Text: "займа"))).Hits.Count(h => h.ActId == c.ActId));
    }

    [Fact]
    public async Task Given_a_criminal_code_article_on_sexual_offences_When_the_act_enters_into_force_Then_it_is_withheld()
    {
        var text = Act.Replace("статьями 272, 715 ГК РК", "ч. 1 ст. 121 УК РК", StringComparison.Ordinal);
        var c = await _ledger.DecidedCivilCaseAsync(text);
        await _ledger.CatchUpAsync();

        Assert.Null(await _ledger.Search.GetAsync(c.ActId));
        Assert.Contains("SexualOffence", (await WithheldReasonAsync(c.ActId))!.Value.Categories);
    }

    [Fact]
    public async Task Given_an_act_whose_text_is_not_stored_yet_When_it_arrives_later_Then_it_is_published_on_the_next_pass()
    {
        var text = Act.Replace("1 500 000", "4 000 000", StringComparison.Ordinal);
        var c = await _ledger.DecidedCivilCaseAsync(text, storeText: false);
        await _ledger.CatchUpAsync();

        Assert.Null(await _ledger.Search.GetAsync(c.ActId));
        Assert.Equal(WithheldReasons.TextUnavailable, (await WithheldReasonAsync(c.ActId))!.Value.Code);

        Assert.Equal(c.DocumentHash, _ledger.Texts.AddText(text));
        await _ledger.Projector.RunOnceAsync();

        Assert.NotNull(await _ledger.Search.GetAsync(c.ActId));
        Assert.Null(await WithheldReasonAsync(c.ActId));
    }

    [Fact]
    public async Task Given_a_published_act_When_it_is_set_aside_in_cassation_Then_it_leaves_the_search()
    {
        var c = await _ledger.DecidedCivilCaseAsync(Act.Replace("займа", "займа уникальныйпризнак", StringComparison.Ordinal));
        await _ledger.CatchUpAsync();
        Assert.Single((await _ledger.Search.SearchAsync(new ActSearchQuery(Text: "уникальныйпризнак"))).Hits);

        await _ledger.Ledger.Cases.HandleAsync(new SetAsideJudgment(c.CaseId, c.ActId, "кассация",
            LedgerTestContext.Document("cassation", 1), new DateTimeOffset(2025, 9, 1, 10, 0, 0, TimeSpan.FromHours(5))));
        await _ledger.CatchUpAsync();

        Assert.Equal("set-aside", (await _ledger.Search.GetAsync(c.ActId))!.Status);
        Assert.Empty((await _ledger.Search.SearchAsync(new ActSearchQuery(Text: "уникальныйпризнак"))).Hits);
    }

    [Fact]
    public async Task Given_a_case_filed_as_of_a_closed_category_When_its_judgment_enters_into_force_Then_no_public_copy_exists_and_search_does_not_find_it()
    {
        // Nothing in the text says the case is closed: only the category recorded on the claim keeps it out.
        var c = await _ledger.DecidedCivilCaseAsync(
            Act.Replace("займа", "займа закрытыйпризнак", StringComparison.Ordinal), closedCategories: [ClosedCategory.Adoption]);
        await _ledger.CatchUpAsync();

        Assert.Null(await _ledger.Search.GetAsync(c.ActId));
        Assert.Empty((await _ledger.Search.SearchAsync(new ActSearchQuery(Text: "закрытыйпризнак"))).Hits);
        var (code, categories, reasonRu) = (await WithheldReasonAsync(c.ActId))!.Value;
        Assert.Equal(WithheldReasons.ClosedCategory, code);
        Assert.Equal(["Adoption"], categories);
        Assert.Contains("усыновление", reasonRu, StringComparison.Ordinal);
        Assert.Equal(0L, await _ledger.Ledger.ScalarAsync($"select count(*) from publication.acts where case_id = '{c.CaseId}'"));
    }

    [Fact]
    public async Task Given_a_published_act_When_the_case_is_then_marked_as_of_a_closed_category_Then_the_public_copy_is_withdrawn_from_search()
    {
        var c = await _ledger.DecidedCivilCaseAsync(Act.Replace("займа", "займа отозванныйпризнак", StringComparison.Ordinal));
        await _ledger.CatchUpAsync();
        Assert.NotNull(await _ledger.Search.GetAsync(c.ActId));
        Assert.Single((await _ledger.Search.SearchAsync(new ActSearchQuery(Text: "отозванныйпризнак"))).Hits);

        await _ledger.Ledger.Cases.HandleAsync(new MarkClosedCategory(c.CaseId, ClosedCategory.Minors, new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.FromHours(5))));
        await _ledger.CatchUpAsync();

        Assert.Null(await _ledger.Search.GetAsync(c.ActId));
        Assert.Empty((await _ledger.Search.SearchAsync(new ActSearchQuery(Text: "отозванныйпризнак"))).Hits);
        var (code, categories, _) = (await WithheldReasonAsync(c.ActId))!.Value;
        Assert.Equal(WithheldReasons.ClosedCategory, code);
        Assert.Equal(["Minors"], categories);

        // Rebuilding the read models from the log gives the same answer: the act is not published again.
        await _ledger.Ledger.ScalarAsync("update publication.cursors set position = -1 where name = 'log' returning position");
        await _ledger.Projector.CatchUpAsync();
        Assert.Null(await _ledger.Search.GetAsync(c.ActId));
    }

    [Fact]
    public async Task Given_an_act_waiting_for_its_text_When_the_case_is_marked_closed_Then_the_text_arriving_later_does_not_publish_it()
    {
        var text = Act.Replace("1 500 000", "6 000 000", StringComparison.Ordinal);
        var c = await _ledger.DecidedCivilCaseAsync(text, storeText: false);
        await _ledger.CatchUpAsync();
        Assert.Equal(WithheldReasons.TextUnavailable, (await WithheldReasonAsync(c.ActId))!.Value.Code);

        await _ledger.Ledger.Cases.HandleAsync(new MarkClosedCategory(c.CaseId, ClosedCategory.StateSecrets, new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.FromHours(5))));
        await _ledger.CatchUpAsync();
        _ledger.Texts.AddText(text);
        await _ledger.Projector.RunOnceAsync();

        Assert.Null(await _ledger.Search.GetAsync(c.ActId));
        Assert.Equal(WithheldReasons.ClosedCategory, (await WithheldReasonAsync(c.ActId))!.Value.Code);
    }

    [Fact]
    public async Task Given_participants_admitted_to_cases_When_the_log_is_followed_Then_each_sees_only_their_own_cases()
    {
        var first = await _ledger.DecidedCivilCaseAsync(Act, plaintiff: "Сидоров Семён Семёнович", enterIntoForce: false);
        var second = await _ledger.DecidedCivilCaseAsync(Act, plaintiff: "Кузнецов Кирилл Кириллович", enterIntoForce: false);
        await _ledger.CatchUpAsync();

        var cases = new ParticipantCases(_ledger.Ledger.DataSource);
        var plaintiffCases = await cases.ForParticipantAsync(first.PlaintiffId);
        Assert.Equal([first.CaseId], plaintiffCases.Select(e => e.CaseId));
        Assert.Equal("Plaintiff", plaintiffCases[0].Role);
        Assert.Equal([second.CaseId], (await cases.ForParticipantAsync(second.DefendantId)).Select(e => e.CaseId));
        Assert.Empty(await cases.ForParticipantAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Given_the_projector_ran_When_it_runs_again_Then_nothing_is_processed_twice()
    {
        await _ledger.DecidedCivilCaseAsync(Act.Replace("1 500 000", "5 000 000", StringComparison.Ordinal));
        await _ledger.CatchUpAsync();
        var before = await _ledger.Ledger.ScalarAsync("select count(*) from publication.acts");

        Assert.Equal(0, await _ledger.Projector.RunOnceAsync());
        Assert.Equal(before, await _ledger.Ledger.ScalarAsync("select count(*) from publication.acts"));
        Assert.Equal(
            await _ledger.Ledger.ScalarAsync("select max(leaf_index) from ledger.leaves"),
            await _ledger.Ledger.ScalarAsync("select position from publication.cursors where name = 'log'"));
    }

    private async Task<(string Code, string[] Categories, string ReasonRu)?> WithheldReasonAsync(Guid actId)
    {
        await using var command = _ledger.Ledger.DataSource.CreateCommand(
            "select reason_code, categories, reason_ru from publication.withheld where act_id = @act");
        command.Parameters.AddWithValue("act", actId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetString(2))
            : null;
    }
}
