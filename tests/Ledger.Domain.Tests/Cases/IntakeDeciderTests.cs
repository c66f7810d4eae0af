using Ledger.Domain.Cases;
using static Ledger.Domain.Tests.Cases.CaseFixture;

namespace Ledger.Domain.Tests.Cases;

public class IntakeAssessmentTests
{
    private static RecordIntakeAssessment Record(IntakeSuggestion? suggestion = null, DocumentRef? filing = null, string model = "model-v1", Guid? assessmentId = null) =>
        new(Id, assessmentId ?? AssessmentId, filing ?? Doc("claim"), suggestion ?? Suggestion, model, [new IntakeReason("amount.tenge", "350 000 тг")], T0.AddMinutes(5));

    [Fact]
    public void Given_a_filed_claim_When_an_intake_assessment_is_recorded_Then_it_is_pending_and_the_case_itself_is_unchanged()
    {
        var before = Civil().State;
        var events = CaseDecider.Decide(Record(), before);
        var assessed = Assert.IsType<IntakeAssessed>(Assert.Single(events));
        Assert.Equal(Suggestion, assessed.Suggestion);
        Assert.Equal([Doc("claim").Sha256Hex], assessed.DocumentHashes);

        var after = events.Aggregate(before, CaseDecider.Evolve);
        var record = after.Intake[AssessmentId];
        Assert.Equal(IntakeStatus.Pending, record.Status);
        Assert.Equal("model-v1", record.ModelVersion);
        Assert.Equal((before.Status, before.Kind, before.Category, before.CourtId, before.JudgeId), (after.Status, after.Kind, after.Category, after.CourtId, after.JudgeId));
        Assert.Equal(before.Deadlines, after.Deadlines);
    }

    [Fact]
    public void Given_a_received_criminal_case_When_an_assessment_is_recorded_Then_it_is_accepted() =>
        Assert.IsType<IntakeAssessed>(Assert.Single(CaseDecider.Decide(
            Record(Suggestion with { Kind = CaseKind.Criminal, Subcategory = "criminal", Parties = [], ClaimAmountTenge = null, SimplifiedEligible = null }),
            Criminal().State)));

    [Fact]
    public void Given_a_recorded_assessment_When_it_is_recorded_again_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(Record(), Civil().Assessed().State));

    [Fact]
    public void Given_a_recorded_assessment_When_the_same_id_is_used_for_another_document_Then_it_is_refused() =>
        Refusal.Expect("intake.id-reused", Record(filing: Doc("other-claim")), Civil().Assessed().State);

    [Fact]
    public void Given_a_recorded_assessment_When_a_second_filing_is_assessed_under_a_new_id_Then_both_are_kept()
    {
        var state = Civil().Assessed().Do(Record(filing: Doc("amended-claim"), assessmentId: Guid.NewGuid())).State;
        Assert.Equal(2, state.Intake.Count);
    }

    [Fact]
    public void Given_no_case_When_an_assessment_is_recorded_Then_the_case_is_not_found() =>
        Refusal.Expect("case.unknown", Record(), CaseState.Empty);

    [Fact]
    public void Given_an_accepted_case_When_an_assessment_is_recorded_Then_it_is_refused_as_too_late() =>
        Refusal.Expect("case.already-accepted", Record(), Civil().Accepted().State);

    [Fact]
    public void Given_a_returned_case_When_an_assessment_is_recorded_Then_it_is_refused() =>
        Refusal.Expect("case.closed", Record(), Civil().Do(new ReturnCase(Id, Judge.ParticipantId, "Не подписан", null, Day(1))).State);

    [Fact]
    public void Given_a_filed_claim_When_the_filing_reference_is_invalid_Then_it_is_refused() =>
        Refusal.Expect("document.invalid", Record(filing: Doc("claim") with { Sha256Hex = "XYZ" }), Civil().State);

    [Theory]
    [InlineData("subcategory")]
    [InlineData("language")]
    [InlineData("party-name")]
    [InlineData("amount")]
    public void Given_a_filed_claim_When_the_suggestion_is_malformed_Then_it_is_refused(string defect)
    {
        var bad = defect switch
        {
            "subcategory" => Suggestion with { Subcategory = " " },
            "language" => Suggestion with { Language = "" },
            "party-name" => Suggestion with { Parties = [new IntakeParty(ParticipantRole.Defendant, "", null, false, null)] },
            _ => Suggestion with { ClaimAmountTenge = -1m },
        };
        Refusal.Expect("intake.suggestion-invalid", Record(bad), Civil().State);
    }

    [Fact]
    public void Given_a_filed_claim_When_the_suggested_court_is_not_a_first_instance_court_Then_it_is_refused() =>
        Refusal.Expect("court.unknown", Record(Suggestion with { SuggestedCourtId = "almaty-regional" }), Civil().State);

    [Fact]
    public void Given_a_filed_claim_When_no_model_version_is_given_Then_it_is_refused() =>
        Refusal.Expect("intake.model-version-required", Record(model: " "), Civil().State);
}

public class IntakeReviewTests
{
    private static ReviewIntake Review(IntakeSuggestion? final = null, string? note = null, Guid? clerk = null, Guid? assessmentId = null) =>
        new(Id, assessmentId ?? AssessmentId, clerk ?? Clerk, final ?? Suggestion, note, T0.AddMinutes(30));

    [Fact]
    public void Given_a_pending_suggestion_When_the_clerk_keeps_it_Then_it_is_confirmed_with_the_clerks_id()
    {
        var state = Civil().Assessed().Do(Review()).State;
        var reviewed = Assert.IsType<IntakeReviewed>(Civil().Assessed().Do(Review()).Events[^1]);
        Assert.Equal(IntakeReviewOutcome.Confirmed, reviewed.Outcome);
        Assert.Equal(Clerk, reviewed.ClerkId);
        var record = state.Intake[AssessmentId];
        Assert.Equal(IntakeStatus.Confirmed, record.Status);
        Assert.Equal(Clerk, record.ClerkId);
        Assert.True(record.Final!.SameAs(Suggestion));
    }

    [Fact]
    public void Given_a_pending_suggestion_When_an_equal_copy_is_confirmed_Then_it_counts_as_confirmed()
    {
        var copy = Suggestion with { Parties = Suggestion.Parties.ToList(), Completeness = [.. Suggestion.Completeness] };
        var reviewed = Assert.IsType<IntakeReviewed>(Assert.Single(CaseDecider.Decide(Review(copy), Civil().Assessed().State)));
        Assert.Equal(IntakeReviewOutcome.Confirmed, reviewed.Outcome);
    }

    [Fact]
    public void Given_a_pending_suggestion_When_the_clerk_changes_a_value_with_a_note_Then_it_is_overridden_and_the_final_values_are_kept()
    {
        var final = Suggestion with { Subcategory = "consumer", SuggestedCourtId = "almaty-medeu" };
        var f = Civil().Assessed().Do(Review(final, "Спор о защите прав потребителя, иск по месту жительства истца"));
        var reviewed = Assert.IsType<IntakeReviewed>(f.Events[^1]);
        Assert.Equal(IntakeReviewOutcome.Overridden, reviewed.Outcome);
        var record = f.State.Intake[AssessmentId];
        Assert.Equal(IntakeStatus.Overridden, record.Status);
        Assert.Equal("consumer", record.Final!.Subcategory);
        Assert.Equal("debt-loan", record.Suggested.Subcategory);

        // The review records a decision; it does not re-register the case.
        Assert.Equal(("almaty-bostandyk", CaseCategory.General, CaseStatus.Received), (f.State.CourtId, f.State.Category, f.State.Status));
    }

    [Fact]
    public void Given_a_pending_suggestion_When_the_clerk_overrides_it_without_a_note_Then_it_is_refused() =>
        Refusal.Expect("reason.required", Review(Suggestion with { SimplifiedEligible = false }), Civil().Assessed().State);

    [Fact]
    public void Given_a_reviewed_suggestion_When_the_same_review_arrives_again_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(Review(), Civil().Assessed().Do(Review()).State));

    [Fact]
    public void Given_a_reviewed_suggestion_When_a_different_review_arrives_Then_it_is_refused() =>
        Refusal.Expect("intake.already-reviewed", Review(Suggestion with { Language = "kk" }, "Иск на казахском языке"), Civil().Assessed().Do(Review()).State);

    [Fact]
    public void Given_a_case_without_that_assessment_When_it_is_reviewed_Then_the_assessment_is_not_found() =>
        Refusal.Expect("intake.unknown", Review(assessmentId: Guid.NewGuid()), Civil().Assessed().State);

    [Fact]
    public void Given_no_case_When_a_review_arrives_Then_the_case_is_not_found() =>
        Refusal.Expect("case.unknown", Review(), CaseState.Empty);

    [Fact]
    public void Given_a_pending_suggestion_When_no_clerk_is_named_Then_it_is_refused() =>
        Refusal.Expect("intake.clerk-required", Review(clerk: Guid.Empty), Civil().Assessed().State);

    [Fact]
    public void Given_a_pending_suggestion_When_the_final_values_are_malformed_Then_it_is_refused() =>
        Refusal.Expect("intake.suggestion-invalid", Review(Suggestion with { Subcategory = "" }, "исправлено"), Civil().Assessed().State);

    [Fact]
    public void Given_a_pending_suggestion_When_the_final_court_is_unknown_Then_it_is_refused() =>
        Refusal.Expect("court.unknown", Review(Suggestion with { SuggestedCourtId = "nowhere" }, "другой суд"), Civil().Assessed().State);

    [Fact]
    public void Given_a_pending_suggestion_When_the_case_was_accepted_meanwhile_Then_the_review_is_refused() =>
        Refusal.Expect("case.already-accepted", Review(), Civil().Assessed().Accepted().State);

    [Fact]
    public void Given_a_pending_suggestion_When_the_case_was_returned_Then_the_review_is_refused() =>
        Refusal.Expect("case.closed", Review(), Civil().Assessed().Do(new ReturnCase(Id, Judge.ParticipantId, "Не подписан", null, Day(1))).State);

    [Fact]
    public void Given_intake_events_When_they_are_folded_Then_no_acceptance_or_judgment_follows()
    {
        var f = Civil().Assessed().Do(Review());
        Assert.All(f.Events, e => Assert.IsNotType<CaseAccepted>(e));
        Assert.All(f.Events, e => Assert.IsNotType<JudgmentIssued>(e));
        Assert.Null(f.State.AcceptedAt);
        Assert.Null(f.State.CurrentActId);
        Assert.Equal(CaseFixture.Json(f.State), CaseFixture.Json(CaseDecider.Fold(f.Events)));
    }
}
