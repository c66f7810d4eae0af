using System.Text;
using Ledger.Domain.Cases;
using Ledger.Intake.Rules;

namespace Ledger.Intake.Tests;

/// <summary>The reasons recorded in an intake-assessed event read back into the confidence, runners-up, terms, articles and dates the clerk's queue shows; the clerk's override as a final suggestion.</summary>
public class ReasonSummaryTests(CommittedPipeline committed) : IClassFixture<CommittedPipeline>
{
    [Fact]
    public void Given_an_assessment_When_its_reasons_are_read_back_Then_they_give_what_the_pipeline_found()
    {
        var text = File.ReadAllText(Path.Combine(Fixtures.CorpusPath, "handwritten", "debt-loan", "hw-03.ru.txt")) + "\nСогласно ст. 148 ГПК РК прошу взыскать долг.";
        var a = committed.Pipeline.Assess(new MemoryStream(Encoding.UTF8.GetBytes(text)), "claim.txt", "text/plain", IntakeContext.On(new DateOnly(2026, 2, 2)));

        var summary = IntakeReasonSummary.Read(a.Reasons);

        Assert.Equal(Math.Round(a.Classification.Confidence, 3), summary.Confidence);
        Assert.Equal(a.Classification.Alternatives.Select(x => x.Label), summary.Alternatives.Select(x => x.Label));
        Assert.Equal(a.Classification.Alternatives.Select(x => Math.Round(x.Probability, 3)), summary.Alternatives.Select(x => x.Probability));
        Assert.Equal(a.Classification.TopTerms, summary.TopTerms);
        Assert.Equal(a.Articles.Select(x => x.ToString()), summary.Articles);
        Assert.Equal(a.Dates, summary.Dates);
        Assert.Contains(new DateOnly(2024, 6, 10), summary.Dates);
    }

    [Fact]
    public void Given_a_russian_culture_When_a_filing_is_assessed_Then_the_recorded_probabilities_use_a_decimal_point()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            // The API assesses on the request's culture (ru by default), whose decimal separator is a comma.
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ru-RU");
            var text = File.ReadAllText(Path.Combine(Fixtures.CorpusPath, "handwritten", "consumer", "hw-01.ru.txt"));
            var a = committed.Pipeline.Assess(new MemoryStream(Encoding.UTF8.GetBytes(text)), "claim.txt", "text/plain", IntakeContext.On(new DateOnly(2026, 2, 2)));
            var detail = a.Reasons.Single(r => r.Rule == "model.category").Detail;
            Assert.DoesNotMatch(@"p=\d+,", detail);
            Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(detail, @"p=\d\.\d{3}"));
            Assert.True(IntakeReasonSummary.Read(a.Reasons).Alternatives[0].Probability > 0);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Given_runners_up_recorded_with_a_decimal_comma_When_read_Then_their_probabilities_are_kept() =>
        Assert.Equal([0.176, 0.017], IntakeReasonSummary.Read([new IntakeReason("model.category", "debt-loan p=0.512; next: consumer p=0,176, property p=0,017")])
            .Alternatives.Select(x => x.Probability));

    [Fact]
    public void Given_reasons_erased_or_missing_When_read_Then_the_parts_are_empty_not_an_error()
    {
        var summary = IntakeReasonSummary.Read([new IntakeReason("model.category", PersonalData.Erased), new IntakeReason("dates", "not a date")]);
        Assert.Null(summary.Confidence);
        Assert.Empty(summary.Alternatives);
        Assert.Empty(summary.Dates);
        Assert.Empty(IntakeReasonSummary.Read(null).TopTerms);
    }

    [Fact]
    public void Given_a_suggestion_When_the_clerk_overrides_the_subcategory_procedure_and_court_Then_kind_and_category_follow_the_rules_and_the_rest_stays()
    {
        var suggested = new IntakeSuggestion(CaseKind.Civil, CaseCategory.General, "debt-loan", "ru",
            [new IntakeParty(ParticipantRole.Plaintiff, "Ким Виктория", "061211600012", true, null)], 350_000m, true, "almaty-bostandyk", ["state-duty:missing"]);

        var final = IntakeOverride.Apply(suggested, IntakeRules.Default, "alimony", simplified: false, courtId: "almaty-medeu");

        Assert.Equal(("alimony", CaseKind.Civil, CaseCategory.Alimony), (final.Subcategory, final.Kind, final.Category));
        Assert.False(final.SimplifiedEligible);
        Assert.Equal("almaty-medeu", final.SuggestedCourtId);
        Assert.Equal(suggested.Parties, final.Parties);
        Assert.Equal(350_000m, final.ClaimAmountTenge);
        Assert.True(IntakeOverride.Apply(suggested, IntakeRules.Default, null, null, null).SameAs(suggested));
        Assert.Throws<ArgumentException>(() => IntakeOverride.Apply(suggested, IntakeRules.Default, "tax", null, null));
    }
}
