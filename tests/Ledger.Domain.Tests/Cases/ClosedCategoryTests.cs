using System.Text.Json;
using Ledger.Domain.Cases;
using static Ledger.Domain.Tests.Cases.CaseFixture;

namespace Ledger.Domain.Tests.Cases;

/// <summary>Closed categories (minors, sexual offences, adoption, state secrets, closed hearing): recorded on receipt or marked later.</summary>
public class ClosedCategoryTests
{
    private static readonly JsonSerializerOptions Payload = CreatePayloadJson();

    private static JsonSerializerOptions CreatePayloadJson()
    {
        // The ledger's payload form (MartenConfiguration.PayloadJson): web defaults, nulls written, camelCase enums.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never };
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    [Fact]
    public void Given_a_claim_filed_with_closed_categories_When_decided_Then_the_event_and_the_state_carry_them_once_and_in_order()
    {
        var command = new FileClaim(Id, CaseKind.Civil, CaseCategory.SpecialProceedings, "almaty-bostandyk", "2-101-26", "Об усыновлении", Plaintiff,
            [Doc("claim")], T0, [ClosedCategory.Minors, ClosedCategory.Adoption, ClosedCategory.Minors]);

        var filed = Assert.IsType<ClaimFiled>(Assert.Single(CaseDecider.Decide(command, CaseState.Empty)));

        Assert.Equal([ClosedCategory.Minors, ClosedCategory.Adoption], filed.ClosedCategories);
        var state = CaseDecider.Evolve(CaseState.Empty, filed);
        Assert.True(state.IsClosedCategory);
        Assert.Equal([ClosedCategory.Minors, ClosedCategory.Adoption], state.ClosedCategories);
    }

    [Fact]
    public void Given_a_criminal_case_transmitted_with_a_closed_category_When_decided_Then_it_is_recorded()
    {
        var command = new ReceiveCriminalCase(Id, "astana-esil", "1-17-26", "261500031000123", "Прокуратура", [Doc("indictment")], T0, [ClosedCategory.SexualOffence]);

        var received = Assert.IsType<CriminalCaseReceived>(Assert.Single(CaseDecider.Decide(command, CaseState.Empty)));

        Assert.Equal([ClosedCategory.SexualOffence], received.ClosedCategories);
        Assert.Equal([ClosedCategory.SexualOffence], CaseDecider.Fold([received]).ClosedCategories);
    }

    [Fact]
    public void Given_no_closed_category_When_a_case_is_received_Then_its_committed_json_is_what_it_was_before_the_field_existed()
    {
        var received = Assert.IsType<CriminalCaseReceived>(CaseDecider.Decide(
            new ReceiveCriminalCase(Id, "astana-esil", "1-17-26", "261500031000123", "Прокуратура", [Doc("indictment")], T0, []), CaseState.Empty)[0]);
        var filed = Assert.IsType<ClaimFiled>(Civil().Events[0]);

        Assert.Null(received.ClosedCategories);
        Assert.Null(filed.ClosedCategories);
        foreach (var (e, members) in new (CaseEvent, string[])[]
        {
            (received, ["caseId", "courtId", "caseNumber", "erdrNumber", "prosecutorOffice", "materials", "receivedAt"]),
            (filed, ["caseId", "kind", "category", "courtId", "caseNumber", "subject", "claimant", "materials", "filedAt"]),
        })
        {
            using var json = JsonDocument.Parse(JsonSerializer.Serialize(e, e.GetType(), Payload));
            // The members of the payload as committed before closed categories existed (occurredAt and documentHashes included).
            Assert.Equal([.. members, "occurredAt", "documentHashes"], json.RootElement.EnumerateObject().Select(p => p.Name));
        }

        var marked = JsonSerializer.Serialize(received with { ClosedCategories = [ClosedCategory.StateSecrets] }, Payload);
        Assert.Contains("\"closedCategories\":[\"stateSecrets\"]", marked, StringComparison.Ordinal);
        Assert.Equal([ClosedCategory.StateSecrets], JsonSerializer.Deserialize<CriminalCaseReceived>(marked, Payload)!.ClosedCategories);
        Assert.Null(JsonSerializer.Deserialize<CriminalCaseReceived>(JsonSerializer.Serialize(received, Payload), Payload)!.ClosedCategories);
    }

    [Fact]
    public void Given_a_case_in_force_When_a_closed_category_is_marked_Then_it_is_recorded_and_a_repeat_changes_nothing()
    {
        var f = CivilDecided().InForce();

        f.Do(new MarkClosedCategory(Id, ClosedCategory.Minors, Day(61)));

        var marked = Assert.IsType<ClosedCategoryMarked>(f.Events[^1]);
        Assert.Equal((Id, ClosedCategory.Minors, Day(61)), (marked.CaseId, marked.Category, marked.MarkedAt));
        Assert.Equal([ClosedCategory.Minors], f.State.ClosedCategories);
        Assert.Equal(CaseStatus.InForce, f.State.Status);
        Assert.Empty(CaseDecider.Decide(new MarkClosedCategory(Id, ClosedCategory.Minors, Day(62)), f.State));

        f.Do(new MarkClosedCategory(Id, ClosedCategory.Adoption, Day(62)));
        Assert.Equal([ClosedCategory.Minors, ClosedCategory.Adoption], f.State.ClosedCategories);
    }

    [Fact]
    public void Given_a_closed_case_When_a_closed_category_is_marked_Then_it_is_refused_but_a_category_already_recorded_is_a_no_op()
    {
        var f = CivilDecided().InForce().Do(new MarkClosedCategory(Id, ClosedCategory.Adoption, Day(61))).Closed();

        Refusal.Expect("case.closed", new MarkClosedCategory(Id, ClosedCategory.Minors, Day(71)), f.State);
        Assert.Empty(CaseDecider.Decide(new MarkClosedCategory(Id, ClosedCategory.Adoption, Day(71)), f.State));
    }

    [Fact]
    public void Given_no_case_or_an_undefined_category_When_marked_Then_it_is_refused()
    {
        Refusal.Expect("case.unknown", new MarkClosedCategory(Id, ClosedCategory.Minors, T0), CaseState.Empty);
        Refusal.Expect("closed-category.unknown", new MarkClosedCategory(Id, (ClosedCategory)42, Day(2)), Civil().State);
        Refusal.Expect("closed-category.unknown", new FileClaim(Id, CaseKind.Civil, CaseCategory.General, "almaty-bostandyk", "2-101-26", "Иск", Plaintiff,
            [Doc("claim")], T0, [(ClosedCategory)42]), CaseState.Empty);
    }
}
