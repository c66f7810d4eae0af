using Ledger.Domain.Cases;
using Ledger.Intake.Analysis;
using Ledger.Intake.Rules;

namespace Ledger.Intake.Tests;

public class SimplifiedProcedureTests
{
    private static readonly IntakeRuleEngine Engine = new(IntakeRules.Default);
    private static SubcategoryRule Debt => IntakeRules.Default.Subcategory("debt-loan");

    [Fact]
    public void Given_the_mrp_table_Then_it_holds_the_published_values()
    {
        Assert.Equal(3692m, IntakeRules.Default.MrpFor(2024).Value.Tenge);
        Assert.Equal(3932m, IntakeRules.Default.MrpFor(2025).Value.Tenge);
        Assert.Equal(4325m, IntakeRules.Default.MrpFor(2026).Value.Tenge);
        Assert.All(IntakeRules.Default.Mrp, m => Assert.False(string.IsNullOrWhiteSpace(m.Source)));
    }

    [Theory]
    [InlineData(432_500, false, 2026, true)]   // exactly 100 × 4 325
    [InlineData(432_501, false, 2026, false)]
    [InlineData(393_200, false, 2025, true)]   // 100 × 3 932
    [InlineData(393_201, false, 2025, false)]
    [InlineData(1_966_000, true, 2025, true)]  // 500 × 3 932
    [InlineData(1_966_001, true, 2025, false)]
    [InlineData(1_846_000, true, 2024, true)]  // 500 × 3 692
    public void Given_a_money_claim_When_its_amount_is_compared_with_the_threshold_Then_the_boundary_is_inclusive(double claim, bool legalEntity, int year, bool eligible)
    {
        var result = Engine.Simplified(Debt, (decimal)claim, legalEntity, year);
        Assert.Equal(eligible, result.Eligible);
        Assert.Equal(year, result.MrpYear);
        Assert.Contains("МРП", result.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_year_missing_from_the_table_When_checked_Then_the_latest_earlier_value_is_used_and_said()
    {
        var result = Engine.Simplified(Debt, 100_000m, false, 2027);
        Assert.Equal((2026, 4325m), (result.MrpYear, result.MrpTenge));
        Assert.Contains("2027 not in the table", result.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_configured_thresholds_When_checked_Then_they_replace_the_defaults()
    {
        var custom = new IntakeRuleEngine(IntakeRules.Default with { Simplified = new SimplifiedThresholds(2000, 4000, "configured", "test") });
        Assert.True(custom.Simplified(Debt, 8_000_000m, false, 2026).Eligible);
        Assert.False(Engine.Simplified(Debt, 8_000_000m, false, 2026).Eligible);
    }

    [Fact]
    public void Given_a_claim_that_is_not_for_money_or_has_no_amount_When_checked_Then_eligibility_is_not_suggested()
    {
        Assert.Null(Engine.Simplified(IntakeRules.Default.Subcategory("divorce"), 100_000m, false, 2026).Eligible);
        Assert.Null(Engine.Simplified(Debt, null, false, 2026).Eligible);
    }
}

public class CompletenessTests
{
    private static readonly IntakeRuleEngine Engine = new(IntakeRules.Default);

    [Fact]
    public void Given_a_debt_claim_without_the_duty_receipt_When_checked_Then_the_missing_items_are_listed()
    {
        var findings = Engine.Completeness(IntakeRules.Default.Subcategory("debt-loan"), "Прошу взыскать долг.\nПриложение:\n1. Копия договора займа", null).Select(f => f.Code).ToList();
        Assert.Contains("present:contract", findings);
        Assert.Contains("missing:copy-for-defendant", findings);
        Assert.Contains("state-duty:missing", findings);
    }

    [Fact]
    public void Given_a_complete_debt_claim_When_checked_Then_nothing_is_missing()
    {
        var text = "Приложение:\n1. Копия искового заявления для ответчика\n2. Квитанция об оплате государственной пошлины\n3. Расписка";
        var findings = Engine.Completeness(IntakeRules.Default.Subcategory("debt-loan"), text, null).Select(f => f.Code).ToList();
        Assert.DoesNotContain(findings, f => f.StartsWith("missing:", StringComparison.Ordinal));
        Assert.Contains("state-duty:paid", findings);
    }

    [Fact]
    public void Given_an_alimony_claim_When_checked_Then_the_state_duty_is_reported_as_exempt_by_category()
    {
        var findings = Engine.Completeness(IntakeRules.Default.Subcategory("alimony"), "Приложение: свидетельство о рождении", ["иск-копия-для-ответчика.pdf"]).Select(f => f.Code).ToList();
        Assert.Contains("state-duty:exempt-by-category", findings);
        Assert.Contains("present:birth-certificate", findings);
    }

    [Fact]
    public void Given_attachments_uploaded_as_separate_files_When_checked_Then_their_names_count()
    {
        var findings = Engine.Completeness(IntakeRules.Default.Subcategory("divorce"), "Прошу расторгнуть брак.", ["Квитанция госпошлина.pdf", "Свидетельство о заключении брака.pdf", "Копия иска для ответчика.pdf"]).Select(f => f.Code).ToList();
        Assert.DoesNotContain(findings, f => f.StartsWith("missing:", StringComparison.Ordinal) || f == "attachments-list:missing");
    }

    [Fact]
    public void Given_no_attachments_list_at_all_When_checked_Then_that_is_a_finding() =>
        Assert.Contains("attachments-list:missing", Engine.Completeness(IntakeRules.Default.Subcategory("divorce"), "Прошу расторгнуть брак.", null).Select(f => f.Code));

    [Fact]
    public void Given_a_claimed_exemption_When_checked_Then_the_clerk_is_asked_to_check_its_ground() =>
        Assert.Contains("state-duty:exemption-claimed", Engine.Completeness(IntakeRules.Default.Subcategory("property"), "Истец освобождён от уплаты госпошлины как инвалид.\nПриложение: выписка из регистра", null).Select(f => f.Code));
}

public class JurisdictionTests
{
    private static readonly IntakeRuleEngine Engine = new(IntakeRules.Default);

    private static FoundParty Party(ParticipantRole role, string address) => new(role, "Сторона", null, false, address, false);

    [Theory]
    [InlineData("г. Алматы, Медеуский район, пр. Достык, 5", "almaty-medeu")]
    [InlineData("Алматы қаласы, Бостандық ауданы, Тимирязев к-сі, 4", "almaty-bostandyk")]
    [InlineData("г. Астана, Есильский район, ул. Сыганак, 1", "astana-esil")]
    [InlineData("г. Экибастуз, ул. Ленина, 12", "ekibastuz-city")]
    [InlineData("г. Алматы, ул. Неизвестная, 1", "almaty-almaly")]
    [InlineData("г. Шымкент, Абайский район, ул. Рашидова, 22", "shymkent-abay")]
    [InlineData("с. Неизвестное", null)]
    public void Given_an_address_When_mapped_Then_the_first_instance_court_is_found(string address, string? court) =>
        Assert.Equal(court, Engine.CourtOf(address));

    [Fact]
    public void Given_a_debt_claim_When_the_defendant_lives_elsewhere_Then_the_defendants_court_is_suggested_and_a_wrong_address_is_flagged()
    {
        var text = "В Медеуский районный суд г. Алматы\nИстец: ...";
        var suggestion = Engine.Court(IntakeRules.Default.Subcategory("debt-loan"),
            [Party(ParticipantRole.Plaintiff, "г. Алматы, Медеуский район"), Party(ParticipantRole.Defendant, "г. Павлодар, ул. Естая, 71")], text);
        Assert.Equal("pavlodar-city", suggestion.CourtId);
        Assert.Empty(suggestion.Alternatives);
        Assert.Equal("almaty-medeu", suggestion.AddressedCourtId);
        Assert.False(suggestion.AddressedCourtCompetent);
    }

    [Theory]
    [InlineData("alimony")]
    [InlineData("reinstatement")]
    [InlineData("consumer")]
    public void Given_a_claim_the_claimant_may_file_at_home_When_filed_there_Then_that_court_is_competent(string subcategory)
    {
        var text = "В Медеуский районный суд г. Алматы\n";
        var suggestion = Engine.Court(IntakeRules.Default.Subcategory(subcategory),
            [Party(ParticipantRole.Plaintiff, "г. Алматы, Медеуский район"), Party(ParticipantRole.Defendant, "г. Павлодар, ул. Естая, 71")], text);
        Assert.Equal("pavlodar-city", suggestion.CourtId);
        Assert.Equal(["almaty-medeu"], suggestion.Alternatives);
        Assert.True(suggestion.AddressedCourtCompetent);
        Assert.Contains("claimant-residence", suggestion.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_claim_on_real_estate_When_the_property_is_elsewhere_Then_the_propertys_court_is_suggested()
    {
        var text = "Спор о доме, расположенном по адресу: г. Костанай, пр. Абая, 5.";
        var suggestion = Engine.Court(IntakeRules.Default.Subcategory("property"), [Party(ParticipantRole.Defendant, "г. Атырау, ул. Сатпаева, 2")], text);
        Assert.Equal("kostanay-city", suggestion.CourtId);
        Assert.Contains("property-location", suggestion.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_rules_data_Then_every_court_it_names_is_a_first_instance_court_in_the_registry() =>
        Assert.All(IntakeRules.Default.Courts.Select(c => c.CourtId).Concat(IntakeRules.Default.Cities.Select(c => c.DefaultCourtId)),
            id => Assert.Equal(CourtLevel.District, CourtRegistry.Find(id)!.Level));

    [Fact]
    public void Given_rules_naming_an_unknown_court_When_loaded_Then_they_are_refused()
    {
        const string json = """
            {"version":"x","mrp":[{"year":2026,"tenge":4325,"source":"s"}],"simplified":{"individualMrp":100,"legalEntityMrp":500,"status":"s","source":"s"},
             "subcategories":[{"id":"debt-loan","kind":"Civil","category":"General","ru":"","en":"","monetary":true,"claimantResidence":false,"stateDutyExempt":false,"propertyLocation":false,"required":[]}],
             "attachments":[],"stateDutyExemptionPatterns":[],"courts":[{"courtId":"nowhere","patterns":["x"]}],"cities":[]}
            """;
        Assert.Throws<InvalidDataException>(() => IntakeRules.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));
    }
}
