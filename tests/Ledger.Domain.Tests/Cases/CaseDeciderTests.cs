using Ledger.Domain.Cases;
using Ledger.Domain.Terms;
using static Ledger.Domain.Tests.Cases.CaseFixture;

namespace Ledger.Domain.Tests.Cases;

public class ReceivingTests
{
    [Fact]
    public void Given_no_case_When_a_criminal_case_is_received_Then_it_is_registered_with_its_erdr_number()
    {
        var events = CaseDecider.Decide(new ReceiveCriminalCase(Id, "astana-esil", "1-17-26", "261500031000123", "Прокуратура", [Doc("indictment")], T0), CaseState.Empty);
        var received = Assert.IsType<CriminalCaseReceived>(Assert.Single(events));
        Assert.Equal("261500031000123", received.ErdrNumber);
        var state = CaseDecider.Fold(events);
        Assert.Equal(CaseStatus.Received, state.Status);
        Assert.Equal(CaseKind.Criminal, state.Kind);
        Assert.Equal(1, state.Version);
    }

    [Fact]
    public void Given_a_received_criminal_case_When_it_is_received_again_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(new ReceiveCriminalCase(Id, "astana-esil", "1-17-26", "261500031000123", "Прокуратура", [Doc("indictment")], T0), Criminal().State));

    [Fact]
    public void Given_a_case_When_another_case_is_received_under_the_same_id_Then_it_is_refused() =>
        Refusal.Expect("case.already-exists", new ReceiveCriminalCase(Id, "astana-esil", "1-18-26", "261500031000124", "Прокуратура", [Doc("x")], T0), Criminal().State);

    [Fact]
    public void Given_no_case_When_the_erdr_number_is_not_15_digits_Then_it_is_refused() =>
        Refusal.Expect("erdr.invalid", new ReceiveCriminalCase(Id, "astana-esil", "1-17-26", "2615000310001", "Прокуратура", [Doc("x")], T0), CaseState.Empty);

    [Fact]
    public void Given_no_case_When_the_court_is_unknown_Then_it_is_refused() =>
        Refusal.Expect("court.unknown", new ReceiveCriminalCase(Id, "nowhere", "1-17-26", "261500031000123", "Прокуратура", [Doc("x")], T0), CaseState.Empty);

    [Fact]
    public void Given_no_case_When_a_criminal_case_has_a_civil_number_Then_it_is_refused() =>
        Refusal.Expect("case-number.invalid", new ReceiveCriminalCase(Id, "astana-esil", "2-17-26", "261500031000123", "Прокуратура", [Doc("x")], T0), CaseState.Empty);

    [Fact]
    public void Given_no_case_When_the_case_number_year_is_not_the_year_of_receipt_Then_it_is_refused() =>
        Refusal.Expect("case-number.invalid", new FileClaim(Id, CaseKind.Civil, CaseCategory.General, "almaty-bostandyk", "2-101-25", "Иск", Plaintiff, [Doc("claim")], T0), CaseState.Empty);

    [Fact]
    public void Given_no_case_When_a_case_arrives_without_materials_Then_it_is_refused() =>
        Refusal.Expect("materials.required", new ReceiveCriminalCase(Id, "astana-esil", "1-17-26", "261500031000123", "Прокуратура", [], T0), CaseState.Empty);

    [Fact]
    public void Given_no_case_When_a_material_hash_is_not_sha256_hex_Then_it_is_refused() =>
        Refusal.Expect("document.invalid", new ReceiveCriminalCase(Id, "astana-esil", "1-17-26", "261500031000123", "Прокуратура", [Doc("x") with { Sha256Hex = "ABC" }], T0), CaseState.Empty);

    [Fact]
    public void Given_no_case_When_a_civil_claim_is_filed_Then_the_claimant_is_a_participant_and_the_acceptance_term_runs()
    {
        var state = Civil().State;
        Assert.Equal(CaseStatus.Received, state.Status);
        Assert.Contains(Plaintiff.ParticipantId, state.Participants.Keys);
        var term = Assert.Single(state.Deadlines);
        Assert.Equal("civil.acceptance", term.SourceRowId);
        Assert.Equal(new DateOnly(2026, 2, 9), term.DueOn); // five working days after Monday 2 February
    }

    [Fact]
    public void Given_a_filed_claim_When_it_is_filed_again_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(new FileClaim(Id, CaseKind.Civil, CaseCategory.General, "almaty-bostandyk", "2-101-26", "Иск", Plaintiff, [Doc("claim")], T0), Civil().State));

    [Fact]
    public void Given_no_case_When_a_claim_is_filed_as_criminal_Then_it_is_refused() =>
        Refusal.Expect("case.kind-mismatch", new FileClaim(Id, CaseKind.Criminal, CaseCategory.General, "almaty-bostandyk", "1-101-26", "Иск", Plaintiff, [Doc("claim")], T0), CaseState.Empty);

    [Fact]
    public void Given_no_case_When_a_claim_has_no_subject_Then_it_is_refused() =>
        Refusal.Expect("claim.subject-required", new FileClaim(Id, CaseKind.Civil, CaseCategory.General, "almaty-bostandyk", "2-101-26", " ", Plaintiff, [Doc("claim")], T0), CaseState.Empty);

    [Fact]
    public void Given_no_case_When_the_claimant_is_not_a_plaintiff_Then_it_is_refused() =>
        Refusal.Expect("participant.invalid", new FileClaim(Id, CaseKind.Civil, CaseCategory.General, "almaty-bostandyk", "2-101-26", "Иск", Defendant, [Doc("claim")], T0), CaseState.Empty);

    [Fact]
    public void Given_no_case_When_the_claimant_iin_is_malformed_Then_it_is_refused() =>
        Refusal.Expect("participant.invalid", new FileClaim(Id, CaseKind.Civil, CaseCategory.General, "almaty-bostandyk", "2-101-26", "Иск", Plaintiff with { Iin = "12345" }, [Doc("claim")], T0), CaseState.Empty);

    [Fact]
    public void Given_no_case_When_any_other_command_arrives_Then_the_case_is_not_found() =>
        Refusal.Expect("case.unknown", new AcceptCase(Id, Judge, T0), CaseState.Empty);

    [Fact]
    public void Given_a_case_When_a_command_names_another_case_Then_it_is_refused() =>
        Refusal.Expect("case.id-mismatch", new AcceptCase(Guid.NewGuid(), Judge, T0), Civil().State);
}

public class AcceptanceTests
{
    [Fact]
    public void Given_a_received_case_When_a_judge_accepts_it_Then_the_judge_is_assigned_and_the_acceptance_term_is_met()
    {
        var state = Civil().Do(new AcceptCase(Id, Judge, Day(1))).State;
        Assert.Equal(CaseStatus.Accepted, state.Status);
        Assert.Equal(Judge.ParticipantId, state.JudgeId);
        Assert.Equal(DeadlineStatus.Met, state.Deadlines.Single(d => d.SourceRowId == "civil.acceptance").Status);
    }

    [Fact]
    public void Given_a_received_criminal_case_When_it_is_accepted_after_five_days_Then_the_term_is_breached()
    {
        var state = Criminal().Do(new AcceptCase(Id, Judge, Day(6))).State;
        var term = state.Deadlines.Single(d => d.SourceRowId == "criminal.decision-on-received-case");
        Assert.Equal(new DateOnly(2026, 2, 7), term.DueOn);
        Assert.Equal(DeadlineStatus.Breached, term.Status);
    }

    [Fact]
    public void Given_an_accepted_case_When_the_same_judge_accepts_it_again_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(new AcceptCase(Id, Judge, Day(2)), Civil().Accepted().State));

    [Fact]
    public void Given_an_accepted_case_When_another_judge_accepts_it_Then_it_is_refused() =>
        Refusal.Expect("case.already-accepted", new AcceptCase(Id, OtherJudge, Day(2)), Civil().Accepted().State);

    [Fact]
    public void Given_a_received_case_When_a_non_judge_accepts_it_Then_it_is_refused() =>
        Refusal.Expect("judge.required", new AcceptCase(Id, Lawyer, Day(1)), Civil().State);

    [Fact]
    public void Given_a_received_case_When_the_judge_is_already_a_party_Then_it_is_refused() =>
        Refusal.Expect("participant.role-conflict", new AcceptCase(Id, Plaintiff with { Role = ParticipantRole.Judge, Iin = null }, Day(1)), Civil().State);

    [Fact]
    public void Given_a_received_case_When_it_is_returned_Then_it_is_closed_and_terms_end()
    {
        var state = Civil().Do(new ReturnCase(Id, Judge.ParticipantId, "Иск не подписан", Doc("return-ruling"), Day(1))).State;
        Assert.Equal(CaseStatus.Returned, state.Status);
        Assert.All(state.Deadlines, d => Assert.NotEqual(DeadlineStatus.Running, d.Status));
    }

    [Fact]
    public void Given_a_returned_case_When_it_is_returned_again_Then_nothing_happens()
    {
        var cmd = new ReturnCase(Id, Judge.ParticipantId, "Иск не подписан", null, Day(1));
        Assert.Empty(CaseDecider.Decide(cmd, Civil().Do(cmd).State));
    }

    [Fact]
    public void Given_an_accepted_case_When_it_is_returned_Then_it_is_refused() =>
        Refusal.Expect("case.already-accepted", new ReturnCase(Id, Judge.ParticipantId, "Иск не подписан", null, Day(2)), Civil().Accepted().State);

    [Fact]
    public void Given_a_received_case_When_it_is_returned_without_a_reason_Then_it_is_refused() =>
        Refusal.Expect("reason.required", new ReturnCase(Id, Judge.ParticipantId, "", null, Day(1)), Civil().State);

    [Fact]
    public void Given_a_returned_case_When_it_is_accepted_Then_it_is_refused() =>
        Refusal.Expect("case.closed", new AcceptCase(Id, Judge, Day(2)), Civil().Do(new ReturnCase(Id, Judge.ParticipantId, "Неподсудно", null, Day(1))).State);
}

public class ParticipantAndMaterialTests
{
    [Fact]
    public void Given_an_accepted_case_When_participants_are_admitted_Then_only_new_ones_are_recorded()
    {
        var fixture = Civil().Do(new AcceptCase(Id, Judge, Day(1)));
        var events = CaseDecider.Decide(new AdmitParticipants(Id, [Plaintiff, Defendant, Lawyer], Day(1)), fixture.State);
        var admitted = Assert.IsType<ParticipantsAdmitted>(Assert.Single(events));
        Assert.Equal([Defendant.ParticipantId, Lawyer.ParticipantId], admitted.Participants.Select(p => p.ParticipantId));
    }

    [Fact]
    public void Given_admitted_participants_When_they_are_admitted_again_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(new AdmitParticipants(Id, [Defendant, Lawyer], Day(2)), Civil().Accepted().State));

    [Fact]
    public void Given_an_admitted_participant_When_admitted_in_another_role_Then_it_is_refused() =>
        Refusal.Expect("participant.role-conflict", new AdmitParticipants(Id, [Defendant with { Role = ParticipantRole.ThirdParty }], Day(2)), Civil().Accepted().State);

    [Fact]
    public void Given_a_case_When_a_judge_is_admitted_as_a_participant_Then_it_is_refused() =>
        Refusal.Expect("participant.judge-by-acceptance", new AdmitParticipants(Id, [OtherJudge], Day(2)), Civil().Accepted().State);

    [Fact]
    public void Given_a_case_When_a_participant_has_no_name_Then_it_is_refused() =>
        Refusal.Expect("participant.invalid", new AdmitParticipants(Id, [Defendant with { DisplayName = "" }], Day(2)), Civil().State);

    [Fact]
    public void Given_a_case_When_a_participant_attaches_a_material_Then_its_hash_is_committed()
    {
        var materialId = Guid.NewGuid();
        var events = CaseDecider.Decide(new AttachMaterial(Id, materialId, Doc("response"), Defendant.ParticipantId, Day(3)), Civil().Accepted().State);
        var attached = Assert.IsType<MaterialAttached>(Assert.Single(events));
        Assert.Equal([Sha("response")], attached.DocumentHashes);
    }

    [Fact]
    public void Given_an_attached_material_When_it_is_attached_again_Then_nothing_happens()
    {
        var materialId = Guid.NewGuid();
        var cmd = new AttachMaterial(Id, materialId, Doc("response"), Defendant.ParticipantId, Day(3));
        Assert.Empty(CaseDecider.Decide(cmd, Civil().Accepted().Do(cmd).State));
    }

    [Fact]
    public void Given_an_attached_material_When_its_id_is_reused_for_another_file_Then_it_is_refused()
    {
        var materialId = Guid.NewGuid();
        var state = Civil().Accepted().Do(new AttachMaterial(Id, materialId, Doc("response"), Defendant.ParticipantId, Day(3))).State;
        Refusal.Expect("material.id-reused", new AttachMaterial(Id, materialId, Doc("other"), Defendant.ParticipantId, Day(3)), state);
    }

    [Fact]
    public void Given_a_case_When_a_stranger_attaches_a_material_Then_it_is_refused() =>
        Refusal.Expect("participant.unknown", new AttachMaterial(Id, Guid.NewGuid(), Doc("x"), Guid.NewGuid(), Day(3)), Civil().Accepted().State);

    [Fact]
    public void Given_a_closed_case_When_a_material_is_attached_Then_it_is_refused() =>
        Refusal.Expect("case.closed", new AttachMaterial(Id, Guid.NewGuid(), Doc("late"), Defendant.ParticipantId, Day(80)), CivilDecided().InForce().Closed().State);

    [Fact]
    public void Given_a_closed_case_When_participants_are_admitted_Then_it_is_refused() =>
        Refusal.Expect("case.closed", new AdmitParticipants(Id, [Witness with { ParticipantId = Guid.NewGuid() }], Day(80)), CivilDecided().InForce().Closed().State);
}

public class MotionTests
{
    private static FileMotion Motion(Guid? by = null) => new(Id, MotionId, by ?? Defendant.ParticipantId, "expert-examination", Doc("motion"), Day(3));

    [Fact]
    public void Given_an_accepted_case_When_a_party_files_a_motion_Then_it_is_pending()
    {
        var state = Civil().Accepted().Do(Motion()).State;
        Assert.Equal(MotionStatus.Pending, state.Motions[MotionId].Status);
    }

    [Fact]
    public void Given_a_filed_motion_When_it_is_filed_again_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(Motion(), Civil().Accepted().Do(Motion()).State));

    [Fact]
    public void Given_a_received_case_When_a_motion_is_filed_Then_it_is_refused() =>
        Refusal.Expect("case.not-accepted", Motion(Plaintiff.ParticipantId), Civil().State);

    [Fact]
    public void Given_a_case_When_a_witness_files_a_motion_Then_it_is_refused() =>
        Refusal.Expect("motion.not-a-party", Motion(Witness.ParticipantId), Civil().Accepted().State);

    [Fact]
    public void Given_a_case_When_a_motion_has_no_kind_Then_it_is_refused() =>
        Refusal.Expect("motion.kind-required", Motion() with { Kind = "" }, Civil().Accepted().State);

    [Fact]
    public void Given_a_pending_motion_When_the_judge_decides_it_Then_it_is_decided()
    {
        var state = Civil().Accepted().Do(Motion()).Do(new DecideMotion(Id, MotionId, Judge.ParticipantId, MotionOutcome.Granted, Doc("ruling"), Day(4))).State;
        Assert.Equal(MotionOutcome.Granted, state.Motions[MotionId].Outcome);
    }

    [Fact]
    public void Given_a_decided_motion_When_the_same_decision_repeats_Then_nothing_happens()
    {
        var cmd = new DecideMotion(Id, MotionId, Judge.ParticipantId, MotionOutcome.Denied, null, Day(4));
        Assert.Empty(CaseDecider.Decide(cmd, Civil().Accepted().Do(Motion()).Do(cmd).State));
    }

    [Fact]
    public void Given_a_decided_motion_When_a_different_decision_arrives_Then_it_is_refused()
    {
        var state = Civil().Accepted().Do(Motion()).Do(new DecideMotion(Id, MotionId, Judge.ParticipantId, MotionOutcome.Denied, null, Day(4))).State;
        Refusal.Expect("motion.already-decided", new DecideMotion(Id, MotionId, Judge.ParticipantId, MotionOutcome.Granted, null, Day(5)), state);
    }

    [Fact]
    public void Given_a_pending_motion_When_another_judge_decides_it_Then_it_is_refused() =>
        Refusal.Expect("judge.not-assigned", new DecideMotion(Id, MotionId, OtherJudge.ParticipantId, MotionOutcome.Granted, null, Day(4)), Civil().Accepted().Do(Motion()).State);

    [Fact]
    public void Given_no_such_motion_When_it_is_decided_Then_it_is_not_found() =>
        Refusal.Expect("motion.unknown", new DecideMotion(Id, MotionId, Judge.ParticipantId, MotionOutcome.Granted, null, Day(4)), Civil().Accepted().State);
}

public class PreparationTests
{
    [Fact]
    public void Given_an_accepted_civil_case_When_preparation_is_completed_Then_the_two_month_term_starts()
    {
        var state = Civil().Accepted().Prepared().State;
        Assert.Equal(CaseStatus.ReadyForTrial, state.Status);
        var term = state.Deadlines.Single(d => d.SourceRowId == "civil.consideration.general");
        Assert.Equal(new DateOnly(2026, 4, 6), term.DueOn); // 6 February + 2 months
        Assert.True(term.ExcludesSuspension);
    }

    [Fact]
    public void Given_an_alimony_case_When_preparation_is_completed_Then_the_one_month_term_starts() =>
        Assert.Equal(new DateOnly(2026, 3, 6), Civil(CaseCategory.Alimony).Accepted().Prepared().State.Deadlines.Single(d => d.Kind == "consideration").DueOn);

    [Fact]
    public void Given_a_strike_case_When_it_is_filed_Then_ten_working_days_run_from_filing() =>
        Assert.Equal(new DateOnly(2026, 2, 16), Civil(CaseCategory.StrikeIllegal).State.Deadlines.Single(d => d.Kind == "consideration").DueOn);

    [Fact]
    public void Given_a_prepared_case_When_preparation_is_completed_again_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(new CompletePreparation(Id, Judge.ParticipantId, Day(5)), Civil().Accepted().Prepared().State));

    [Fact]
    public void Given_a_received_case_When_preparation_is_completed_Then_it_is_refused() =>
        Refusal.Expect("case.not-accepted", new CompletePreparation(Id, Judge.ParticipantId, Day(1)), Civil().State);

    [Fact]
    public void Given_a_suspended_case_When_preparation_is_completed_Then_it_is_refused() =>
        Refusal.Expect("case.suspended", new CompletePreparation(Id, Judge.ParticipantId, Day(8)), Civil().Accepted().Suspended(day: 3).State);

    [Fact]
    public void Given_an_accepted_case_When_another_judge_completes_preparation_Then_it_is_refused() =>
        Refusal.Expect("judge.not-assigned", new CompletePreparation(Id, OtherJudge.ParticipantId, Day(4)), Civil().Accepted().State);

    [Fact]
    public void Given_a_decided_criminal_case_When_preparation_is_completed_Then_it_is_refused() =>
        Refusal.Expect("judgment.already-issued", new CompletePreparation(Id, Judge.ParticipantId, Day(16)), Criminal().Accepted().Heard().Decided().State);
}

public class HearingTests
{
    [Fact]
    public void Given_a_prepared_case_When_a_video_hearing_is_scheduled_Then_it_is_recorded_with_its_link()
    {
        var fixture = Civil().Accepted().Prepared().Scheduled();
        var scheduled = Assert.IsType<HearingScheduled>(fixture.Events[^1]);
        Assert.Equal("https://vks.sud.kz/room/42", scheduled.VideoRoomUrl);
        Assert.Equal(HearingStatus.Scheduled, fixture.State.Hearings[HearingId].Status);
    }

    [Fact]
    public void Given_a_scheduled_hearing_When_it_is_scheduled_again_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(new ScheduleHearing(Id, HearingId, Day(14), HearingFormat.Video, "Зал 3", "https://vks.sud.kz/room/42", [], Day(5)), Civil().Accepted().Prepared().Scheduled().State));

    [Fact]
    public void Given_a_scheduled_hearing_When_its_id_is_reused_for_another_time_Then_it_is_refused() =>
        Refusal.Expect("hearing.id-reused", new ScheduleHearing(Id, HearingId, Day(20), HearingFormat.InPerson, "Зал 3", null, [], Day(5)), Civil().Accepted().Prepared().Scheduled().State);

    [Fact]
    public void Given_a_received_case_When_a_hearing_is_scheduled_Then_it_is_refused() =>
        Refusal.Expect("case.not-accepted", new ScheduleHearing(Id, HearingId, Day(14), HearingFormat.InPerson, "Зал 3", null, [], Day(1)), Civil().State);

    [Fact]
    public void Given_a_suspended_case_When_a_hearing_is_scheduled_Then_it_is_refused() =>
        Refusal.Expect("case.suspended", new ScheduleHearing(Id, HearingId, Day(14), HearingFormat.InPerson, "Зал 3", null, [], Day(7)), Civil().Accepted().Prepared().Suspended().State);

    [Fact]
    public void Given_a_decided_case_When_a_hearing_is_scheduled_Then_it_is_refused() =>
        Refusal.Expect("hearing.stage", new ScheduleHearing(Id, Guid.NewGuid(), Day(30), HearingFormat.InPerson, "Зал 3", null, [], Day(16)), CivilDecided().State);

    [Fact]
    public void Given_a_case_When_a_hearing_is_scheduled_in_the_past_Then_it_is_refused() =>
        Refusal.Expect("hearing.in-past", new ScheduleHearing(Id, HearingId, Day(3), HearingFormat.InPerson, "Зал 3", null, [], Day(5)), Civil().Accepted().Prepared().State);

    [Fact]
    public void Given_a_case_When_a_video_hearing_has_no_https_link_Then_it_is_refused() =>
        Refusal.Expect("hearing.video-link-required", new ScheduleHearing(Id, HearingId, Day(14), HearingFormat.Video, "Зал 3", "http://insecure.example/room", [], Day(5)), Civil().Accepted().Prepared().State);

    [Fact]
    public void Given_a_case_When_a_hearing_lists_a_stranger_Then_it_is_refused() =>
        Refusal.Expect("participant.unknown", new ScheduleHearing(Id, HearingId, Day(14), HearingFormat.InPerson, "Зал 3", null, [Guid.NewGuid()], Day(5)), Civil().Accepted().Prepared().State);

    [Fact]
    public void Given_a_criminal_case_When_the_trial_is_set_less_than_three_days_after_notice_Then_it_is_refused()
    {
        var ex = Refusal.Expect("hearing.too-soon", new ScheduleHearing(Id, HearingId, Day(6), HearingFormat.InPerson, "Зал 1", null, [], Day(4)), Criminal().Accepted().State);
        Assert.Contains("09.02.2026", ex.MessageRu, StringComparison.Ordinal); // 6 February + 3 days
    }

    [Fact]
    public void Given_a_criminal_case_When_the_trial_is_set_three_days_after_notice_Then_it_is_scheduled() =>
        Assert.Single(CaseDecider.Decide(new ScheduleHearing(Id, HearingId, Day(7), HearingFormat.Mobile, "Выездное заседание", null, [], Day(4)), Criminal().Accepted().State));

    [Fact]
    public void Given_a_scheduled_hearing_When_it_is_held_Then_its_recordings_are_committed()
    {
        var fixture = Civil().Accepted().Prepared().Scheduled().Held();
        var held = Assert.IsType<HearingHeld>(fixture.Events[^1]);
        Assert.Equal([Sha("h-14")], held.DocumentHashes);
        Assert.Equal(1, fixture.State.HearingsHeld);
    }

    [Fact]
    public void Given_a_held_hearing_When_it_is_held_again_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(new HoldHearing(Id, HearingId, [Recording("again")], Day(14, 13)), Civil().Accepted().Prepared().Heard().State));

    [Fact]
    public void Given_a_scheduled_hearing_When_it_is_held_before_its_time_Then_it_is_refused() =>
        Refusal.Expect("hearing.not-started", new HoldHearing(Id, HearingId, [Recording("early")], Day(13)), Civil().Accepted().Prepared().Scheduled().State);

    [Fact]
    public void Given_a_scheduled_hearing_When_it_is_held_without_a_recording_Then_it_is_refused() =>
        Refusal.Expect("hearing.recording-required", new HoldHearing(Id, HearingId, [], Day(14, 12)), Civil().Accepted().Prepared().Scheduled().State);

    [Fact]
    public void Given_a_suspended_case_When_a_scheduled_hearing_is_held_Then_it_is_refused() =>
        Refusal.Expect("case.suspended", new HoldHearing(Id, HearingId, [Recording("x")], Day(14, 12)), Civil().Accepted().Prepared().Scheduled(onDay: 5).Suspended(day: 6).State);

    [Fact]
    public void Given_no_such_hearing_When_it_is_held_Then_it_is_not_found() =>
        Refusal.Expect("hearing.unknown", new HoldHearing(Id, Guid.NewGuid(), [Recording("x")], Day(14, 12)), Civil().Accepted().Prepared().State);

    [Fact]
    public void Given_a_scheduled_hearing_When_it_is_postponed_Then_it_cannot_be_held()
    {
        var state = Civil().Accepted().Prepared().Scheduled().Do(new PostponeHearing(Id, HearingId, "Неявка ответчика", Day(10))).State;
        Assert.Equal(HearingStatus.Postponed, state.Hearings[HearingId].Status);
        Refusal.Expect("hearing.postponed", new HoldHearing(Id, HearingId, [Recording("x")], Day(14, 12)), state);
    }

    [Fact]
    public void Given_a_postponed_hearing_When_it_is_postponed_again_Then_nothing_happens()
    {
        var cmd = new PostponeHearing(Id, HearingId, "Неявка ответчика", Day(10));
        Assert.Empty(CaseDecider.Decide(cmd, Civil().Accepted().Prepared().Scheduled().Do(cmd).State));
    }

    [Fact]
    public void Given_a_held_hearing_When_it_is_postponed_Then_it_is_refused() =>
        Refusal.Expect("hearing.already-held", new PostponeHearing(Id, HearingId, "Поздно", Day(15)), Civil().Accepted().Prepared().Heard().State);

    [Fact]
    public void Given_a_scheduled_hearing_When_it_is_postponed_without_a_reason_Then_it_is_refused() =>
        Refusal.Expect("reason.required", new PostponeHearing(Id, HearingId, "", Day(10)), Civil().Accepted().Prepared().Scheduled().State);

    [Fact]
    public void Given_no_such_hearing_When_it_is_postponed_Then_it_is_not_found() =>
        Refusal.Expect("hearing.unknown", new PostponeHearing(Id, Guid.NewGuid(), "Причина", Day(10)), Civil().Accepted().State);
}

public class SuspensionTests
{
    [Fact]
    public void Given_a_prepared_case_When_proceedings_are_suspended_Then_the_case_is_suspended_with_its_ground()
    {
        var state = Civil().Accepted().Prepared().Suspended().State;
        Assert.Equal(CaseStatus.Suspended, state.Status);
        Assert.Equal(SuspensionGround.ExpertExamination, state.CurrentSuspension!.Ground);
    }

    [Fact]
    public void Given_a_suspended_case_When_it_is_suspended_again_on_the_same_ground_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(new SuspendProceedings(Id, Judge.ParticipantId, SuspensionGround.ExpertExamination, null, null, Day(7)), Civil().Accepted().Prepared().Suspended().State));

    [Fact]
    public void Given_a_suspended_case_When_it_is_suspended_on_another_ground_Then_it_is_refused() =>
        Refusal.Expect("case.suspended", new SuspendProceedings(Id, Judge.ParticipantId, SuspensionGround.DefendantSearch, null, null, Day(7)), Civil().Accepted().Prepared().Suspended().State);

    [Fact]
    public void Given_a_civil_case_When_it_is_suspended_on_a_criminal_ground_Then_it_is_refused() =>
        Refusal.Expect("suspension.ground-not-allowed", new SuspendProceedings(Id, Judge.ParticipantId, SuspensionGround.AccusedAbsconded, null, null, Day(6)), Civil().Accepted().Prepared().State);

    [Fact]
    public void Given_a_received_case_When_it_is_suspended_Then_it_is_refused() =>
        Refusal.Expect("case.not-accepted", new SuspendProceedings(Id, Judge.ParticipantId, SuspensionGround.ExpertExamination, null, null, Day(1)), Civil().State);

    [Fact]
    public void Given_a_decided_case_When_it_is_suspended_Then_it_is_refused() =>
        Refusal.Expect("judgment.already-issued", new SuspendProceedings(Id, Judge.ParticipantId, SuspensionGround.ExpertExamination, null, null, Day(16)), CivilDecided().State);

    [Fact]
    public void Given_a_case_When_another_judge_suspends_it_Then_it_is_refused() =>
        Refusal.Expect("judge.not-assigned", new SuspendProceedings(Id, OtherJudge.ParticipantId, SuspensionGround.ExpertExamination, null, null, Day(6)), Civil().Accepted().Prepared().State);

    [Fact]
    public void Given_a_suspended_case_When_it_is_resumed_Then_the_suspended_days_are_added_to_the_term()
    {
        var state = Civil().Accepted().Prepared().Suspended(day: 8).Resumed(day: 18).State;
        Assert.Equal(CaseStatus.ReadyForTrial, state.Status);
        var period = Assert.Single(state.Suspensions);
        Assert.Equal(Day(18), period.To);
        // 6 Feb + 2 months = 6 Apr; suspended 10 Feb to 20 Feb (10 days) → 16 Apr.
        Assert.Equal(new DateOnly(2026, 4, 16), state.Deadlines.Single(d => d.Kind == "consideration").DueOn);
    }

    [Fact]
    public void Given_a_resumed_case_When_it_is_resumed_again_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(new ResumeProceedings(Id, Judge.ParticipantId, null, Day(20)), Civil().Accepted().Prepared().Suspended().Resumed(day: 18).State));

    [Fact]
    public void Given_a_never_suspended_case_When_it_is_resumed_Then_it_is_refused() =>
        Refusal.Expect("case.not-suspended", new ResumeProceedings(Id, Judge.ParticipantId, null, Day(6)), Civil().Accepted().Prepared().State);

    [Fact]
    public void Given_a_suspended_case_When_another_judge_resumes_it_Then_it_is_refused() =>
        Refusal.Expect("judge.not-assigned", new ResumeProceedings(Id, OtherJudge.ParticipantId, null, Day(9)), Civil().Accepted().Prepared().Suspended().State);

    [Fact]
    public void Given_a_case_suspended_past_its_term_When_time_passes_Then_the_excluded_term_is_not_breached()
    {
        var state = Civil().Accepted().Prepared().Suspended(day: 8)
            .Do(new AttachMaterial(Id, Guid.NewGuid(), Doc("expert-opinion"), Defendant.ParticipantId, Day(90))).State;
        Assert.Equal(DeadlineStatus.Running, state.Deadlines.Single(d => d.Kind == "consideration").Status);
    }
}

public class JudgmentTests
{
    private static IssueJudgment Issue(Guid? judge = null, ActKind kind = ActKind.Decision, int day = 15) =>
        new(Id, ActId, kind, judge ?? Judge.ParticipantId, Doc("judgment"), "Иск удовлетворить", Day(day));

    [Fact]
    public void Given_a_heard_case_When_the_assigned_judge_issues_a_judgment_Then_the_term_is_met_and_the_appeal_window_opens()
    {
        var fixture = Civil().Accepted().Prepared().Heard().Do(Issue());
        var state = fixture.State;
        Assert.Equal(CaseStatus.Decided, state.Status);
        Assert.Equal([Sha("judgment")], fixture.Events[^1].DocumentHashes);
        Assert.Equal(DeadlineStatus.Met, state.Deadlines.Single(d => d.Kind == "consideration").Status);
        var window = state.Deadlines.Single(d => d.Kind == "appeal");
        Assert.Equal(ActId, window.SubjectId);
        Assert.Equal(new DateOnly(2026, 3, 17), window.DueOn); // 17 Feb + 1 month
    }

    [Fact]
    public void Given_a_case_past_its_term_When_the_judgment_is_issued_Then_the_term_is_breached()
    {
        var state = Civil().Accepted().Prepared().Scheduled(onDay: 5, forDay: 60).Held(day: 60).Do(Issue(day: 70)).State;
        Assert.Equal(DeadlineStatus.Breached, state.Deadlines.Single(d => d.Kind == "consideration").Status);
    }

    [Fact]
    public void Given_a_suspended_case_When_a_judgment_is_issued_Then_it_is_refused() =>
        Refusal.Expect("case.suspended", Issue(), Civil().Accepted().Prepared().Heard().Suspended(day: 14).State);

    [Fact]
    public void Given_a_heard_case_When_another_judge_issues_the_judgment_Then_it_is_refused() =>
        Refusal.Expect("judge.not-assigned", Issue(OtherJudge.ParticipantId), Civil().Accepted().Prepared().Heard().State);

    [Fact]
    public void Given_a_received_case_When_a_judgment_is_issued_Then_it_is_refused() =>
        Refusal.Expect("case.not-accepted", Issue(), Civil().State);

    [Fact]
    public void Given_a_decided_case_When_another_judgment_is_issued_Then_it_is_refused() =>
        Refusal.Expect("judgment.already-issued", Issue() with { ActId = Guid.NewGuid() }, CivilDecided().State);

    [Fact]
    public void Given_a_decided_case_When_the_same_judgment_is_issued_again_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(Issue(), CivilDecided().State));

    [Fact]
    public void Given_a_civil_case_When_a_verdict_is_issued_Then_it_is_refused() =>
        Refusal.Expect("judgment.kind-mismatch", Issue(kind: ActKind.Verdict), Civil().Accepted().Prepared().Heard().State);

    [Fact]
    public void Given_a_civil_case_without_preparation_When_a_judgment_is_issued_Then_it_is_refused() =>
        Refusal.Expect("judgment.preparation-incomplete", Issue(), Civil().Accepted().Heard().State);

    [Fact]
    public void Given_a_case_without_a_hearing_When_a_judgment_is_issued_Then_it_is_refused() =>
        Refusal.Expect("judgment.no-hearing", Issue(), Civil().Accepted().Prepared().State);

    [Fact]
    public void Given_a_simplified_case_When_a_decision_is_issued_without_a_hearing_Then_it_is_accepted() =>
        Assert.Single(CaseDecider.Decide(Issue(), Civil(CaseCategory.Simplified).Accepted().State));

    [Fact]
    public void Given_a_heard_criminal_case_When_a_verdict_is_issued_Then_the_fifteen_day_window_opens() =>
        Assert.Equal(new DateOnly(2026, 3, 4), Criminal().Accepted().Heard().Decided().State.Deadlines.Single(d => d.Kind == "appeal").DueOn);

    [Fact]
    public void Given_a_decided_case_When_the_appeal_term_has_ended_Then_the_judgment_enters_into_force()
    {
        var state = CivilDecided().InForce(day: 44).State;
        Assert.Equal(CaseStatus.InForce, state.Status);
        Assert.Equal(ActStatus.InForce, state.Acts[ActId].Status);
        Assert.Equal(DeadlineStatus.Expired, state.Deadlines.Single(d => d.Kind == "appeal").Status);
    }

    [Fact]
    public void Given_a_decided_case_When_it_enters_into_force_during_the_appeal_term_Then_it_is_refused()
    {
        var ex = Refusal.Expect("judgment.appeal-term-running", new EnterJudgmentIntoForce(Id, ActId, Day(43)), CivilDecided().State);
        Assert.Contains("17.03.2026", ex.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_judgment_in_force_When_it_enters_into_force_again_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(new EnterJudgmentIntoForce(Id, ActId, Day(61)), CivilDecided().InForce().State));

    [Fact]
    public void Given_an_appealed_judgment_When_it_enters_into_force_Then_it_is_refused() =>
        Refusal.Expect("appeal.pending", new EnterJudgmentIntoForce(Id, ActId, Day(60)), CivilDecided().Appealed().State);

    [Fact]
    public void Given_no_such_judgment_When_it_enters_into_force_Then_it_is_not_found() =>
        Refusal.Expect("act.unknown", new EnterJudgmentIntoForce(Id, Guid.NewGuid(), Day(60)), CivilDecided().State);
}

public class AppealTests
{
    private static FileAppeal Appeal(Guid? by = null, int day = 20, Guid? reinstatement = null) =>
        new(Id, AppealId, ActId, by ?? Defendant.ParticipantId, Doc("appeal"), reinstatement, Day(day));

    private static DecideAppeal Decision(AppealOutcome outcome, DocumentRef? amended = null) =>
        new(Id, AppealId, outcome, "almaty-regional", Doc("appeal-decision-" + outcome), amended, Day(50));

    [Fact]
    public void Given_a_decided_case_When_a_party_appeals_in_time_Then_the_case_is_under_appeal()
    {
        var state = CivilDecided().Appealed().State;
        Assert.Equal(CaseStatus.UnderAppeal, state.Status);
        Assert.Equal(DeadlineStatus.Met, state.Deadlines.Single(d => d.Kind == "appeal").Status);
    }

    [Fact]
    public void Given_a_filed_appeal_When_it_is_filed_again_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(Appeal(), CivilDecided().Appealed().State));

    [Fact]
    public void Given_a_case_without_a_judgment_When_an_appeal_is_filed_Then_it_is_refused() =>
        Refusal.Expect("appeal.no-judgment", Appeal(), Civil().Accepted().Prepared().State);

    [Fact]
    public void Given_a_decided_case_When_the_appeal_names_an_unknown_act_Then_it_is_not_found() =>
        Refusal.Expect("act.unknown", Appeal() with { ActId = Guid.NewGuid() }, CivilDecided().State);

    [Fact]
    public void Given_a_decided_case_When_the_appeal_is_filed_after_the_term_Then_it_is_refused()
    {
        var ex = Refusal.Expect("appeal.term-expired", Appeal(day: 44), CivilDecided().State);
        Assert.Contains("17.03.2026", ex.MessageKk, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_late_appeal_When_the_reinstatement_motion_was_denied_Then_it_is_refused()
    {
        var state = CivilDecided()
            .Do(new FileMotion(Id, MotionId, Defendant.ParticipantId, "reinstate-appeal-term", Doc("reinstate"), Day(40)))
            .Do(new DecideMotion(Id, MotionId, Judge.ParticipantId, MotionOutcome.Denied, null, Day(41))).State;
        Refusal.Expect("appeal.term-not-reinstated", Appeal(day: 44, reinstatement: MotionId), state);
    }

    [Fact]
    public void Given_a_late_appeal_When_the_term_was_reinstated_Then_it_is_accepted_as_late()
    {
        var state = CivilDecided()
            .Do(new FileMotion(Id, MotionId, Defendant.ParticipantId, "reinstate-appeal-term", Doc("reinstate"), Day(40)))
            .Do(new DecideMotion(Id, MotionId, Judge.ParticipantId, MotionOutcome.Granted, null, Day(41))).State;
        var appeal = Assert.IsType<AppealFiled>(Assert.Single(CaseDecider.Decide(Appeal(day: 44, reinstatement: MotionId), state)));
        Assert.True(appeal.LateWithReinstatedTerm);
    }

    [Fact]
    public void Given_a_decided_case_When_a_witness_appeals_Then_it_is_refused() =>
        Refusal.Expect("appeal.not-a-party", Appeal(Witness.ParticipantId), CivilDecided().State);

    [Fact]
    public void Given_a_decided_case_When_a_stranger_appeals_Then_it_is_refused() =>
        Refusal.Expect("participant.unknown", Appeal(Guid.NewGuid()), CivilDecided().State);

    [Fact]
    public void Given_a_judgment_in_force_When_an_appeal_is_filed_Then_it_is_refused() =>
        Refusal.Expect("judgment.in-force", Appeal(day: 61), CivilDecided().InForce().State);

    [Fact]
    public void Given_an_appeal_When_it_is_upheld_Then_the_judgment_enters_into_force()
    {
        var fixture = CivilDecided().Appealed().Do(Decision(AppealOutcome.Upheld));
        Assert.Equal(["appeal-decided", "judgment-entered-into-force"], fixture.Events.TakeLast(2).Select(e => e.EventType));
        Assert.Equal(CaseStatus.InForce, fixture.State.Status);
    }

    [Fact]
    public void Given_an_appeal_When_the_judgment_is_amended_Then_the_amended_text_is_committed_and_in_force()
    {
        var fixture = CivilDecided().Appealed().Do(Decision(AppealOutcome.Amended, Doc("amended-judgment")));
        var amended = fixture.Events.OfType<JudgmentAmended>().Single();
        Assert.Equal([Sha("amended-judgment")], amended.DocumentHashes);
        Assert.Equal(Sha("amended-judgment"), fixture.State.Acts[ActId].AmendedDocumentHash);
        Assert.Equal(CaseStatus.InForce, fixture.State.Status);
    }

    [Fact]
    public void Given_an_appeal_When_the_judgment_is_set_aside_Then_the_case_returns_for_a_new_consideration()
    {
        var state = CivilDecided().Appealed().Do(Decision(AppealOutcome.SetAside)).State;
        Assert.Equal(ActStatus.SetAside, state.Acts[ActId].Status);
        Assert.Null(state.CurrentActId);
        Assert.Equal(CaseStatus.ReadyForTrial, state.Status);
        Assert.Single(state.Deadlines, d => d.Kind == "consideration" && d.IsRunning);
    }

    [Fact]
    public void Given_an_amendment_When_no_amended_text_is_attached_Then_it_is_refused() =>
        Refusal.Expect("appeal.amended-act-required", Decision(AppealOutcome.Amended), CivilDecided().Appealed().State);

    [Fact]
    public void Given_an_appeal_When_the_appellate_court_is_not_a_regional_court_Then_it_is_refused() =>
        Refusal.Expect("court.unknown", Decision(AppealOutcome.Upheld) with { AppellateCourtId = "almaty-medeu" }, CivilDecided().Appealed().State);

    [Fact]
    public void Given_a_decided_appeal_When_the_same_decision_repeats_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(Decision(AppealOutcome.Upheld), CivilDecided().Appealed().Do(Decision(AppealOutcome.Upheld)).State));

    [Fact]
    public void Given_a_decided_appeal_When_a_different_decision_arrives_Then_it_is_refused() =>
        Refusal.Expect("appeal.already-decided", Decision(AppealOutcome.SetAside), CivilDecided().Appealed().Do(Decision(AppealOutcome.Upheld)).State);

    [Fact]
    public void Given_two_appeals_When_the_first_sets_the_judgment_aside_Then_the_second_is_moot()
    {
        var second = Guid.NewGuid();
        var state = CivilDecided().Appealed()
            .Do(new FileAppeal(Id, second, ActId, Prosecutor.ParticipantId, Doc("prosecutor-petition"), null, Day(21)))
            .Do(Decision(AppealOutcome.SetAside)).State;
        Assert.Equal(AppealStatus.Moot, state.Appeals[second].Status);
        Refusal.Expect("appeal.moot", Decision(AppealOutcome.Upheld) with { AppealId = second }, state);
    }

    [Fact]
    public void Given_a_set_aside_judgment_When_it_is_appealed_Then_it_is_refused() =>
        Refusal.Expect("act.set-aside", Appeal() with { AppealId = Guid.NewGuid(), Now = Day(52) }, CivilDecided().Appealed().Do(Decision(AppealOutcome.SetAside)).State);

    [Fact]
    public void Given_no_such_appeal_When_it_is_decided_Then_it_is_not_found() =>
        Refusal.Expect("appeal.unknown", Decision(AppealOutcome.Upheld), CivilDecided().State);

    [Fact]
    public void Given_a_judgment_in_force_When_it_is_set_aside_in_cassation_Then_the_case_reopens()
    {
        var state = CivilDecided().InForce().Do(new SetAsideJudgment(Id, ActId, "Кассационное постановление", Doc("cassation"), Day(100))).State;
        Assert.Equal(ActStatus.SetAside, state.Acts[ActId].Status);
        Assert.Equal(CaseStatus.ReadyForTrial, state.Status);
    }

    [Fact]
    public void Given_a_set_aside_judgment_When_it_is_set_aside_again_Then_nothing_happens()
    {
        var cmd = new SetAsideJudgment(Id, ActId, "Кассация", Doc("cassation"), Day(100));
        Assert.Empty(CaseDecider.Decide(cmd, CivilDecided().InForce().Do(cmd).State));
    }

    [Fact]
    public void Given_a_judgment_When_it_is_set_aside_without_a_ground_Then_it_is_refused() =>
        Refusal.Expect("reason.required", new SetAsideJudgment(Id, ActId, "", Doc("cassation"), Day(100)), CivilDecided().InForce().State);

    [Fact]
    public void Given_a_closed_case_When_the_judgment_is_set_aside_Then_it_is_refused() =>
        Refusal.Expect("case.closed", new SetAsideJudgment(Id, ActId, "Кассация", Doc("cassation"), Day(100)), CivilDecided().InForce().Closed().State);

    [Fact]
    public void Given_no_such_judgment_When_it_is_set_aside_Then_it_is_not_found() =>
        Refusal.Expect("act.unknown", new SetAsideJudgment(Id, Guid.NewGuid(), "Кассация", Doc("cassation"), Day(100)), CivilDecided().State);
}

public class ClosingTests
{
    [Fact]
    public void Given_a_judgment_in_force_When_the_case_is_archived_Then_it_is_closed()
    {
        var state = CivilDecided().InForce().Closed().State;
        Assert.Equal(CaseStatus.Closed, state.Status);
        Assert.True(state.IsTerminal);
    }

    [Fact]
    public void Given_a_closed_case_When_it_is_closed_again_Then_nothing_happens() =>
        Assert.Empty(CaseDecider.Decide(new CloseCase(Id, ClosureReason.Archived, null, Day(71)), CivilDecided().InForce().Closed().State));

    [Fact]
    public void Given_a_decided_case_not_in_force_When_it_is_archived_Then_it_is_refused() =>
        Refusal.Expect("judgment.not-in-force", new CloseCase(Id, ClosureReason.Archived, null, Day(20)), CivilDecided().State);

    [Fact]
    public void Given_a_decided_case_When_it_is_closed_by_settlement_Then_it_is_refused() =>
        Refusal.Expect("judgment.already-issued", new CloseCase(Id, ClosureReason.Settlement, null, Day(20)), CivilDecided().State);

    [Fact]
    public void Given_a_case_in_proceedings_When_the_claim_is_withdrawn_Then_it_is_closed_and_running_terms_are_cancelled()
    {
        var state = Civil().Accepted().Prepared().Do(new CloseCase(Id, ClosureReason.ClaimWithdrawn, Doc("termination-ruling"), Day(10))).State;
        Assert.Equal(CaseStatus.Closed, state.Status);
        Assert.Equal(DeadlineStatus.Cancelled, state.Deadlines.Single(d => d.Kind == "consideration").Status);
    }

    [Fact]
    public void Given_a_received_case_When_it_is_closed_Then_it_is_refused() =>
        Refusal.Expect("case.not-accepted", new CloseCase(Id, ClosureReason.ClaimWithdrawn, null, Day(1)), Civil().State);

    [Fact]
    public void Given_a_closed_case_When_a_hearing_is_scheduled_Then_it_is_refused() =>
        Refusal.Expect("case.closed", new ScheduleHearing(Id, Guid.NewGuid(), Day(90), HearingFormat.InPerson, "Зал 1", null, [], Day(80)), CivilDecided().InForce().Closed().State);

    [Fact]
    public void Given_a_closed_case_When_it_is_closed_for_another_reason_Then_it_is_refused() =>
        Refusal.Expect("case.closed", new CloseCase(Id, ClosureReason.Settlement, null, Day(71)), CivilDecided().InForce().Closed().State);

    [Fact]
    public void Given_a_case_in_proceedings_When_it_is_transferred_Then_it_leaves_this_court()
    {
        var state = Civil().Accepted().Do(new TransferCase(Id, "almaty-medeu", "Подсудность по месту жительства ответчика", Day(3))).State;
        Assert.Equal(CaseStatus.Transferred, state.Status);
        Assert.Equal("almaty-medeu", state.TransferredTo);
    }

    [Fact]
    public void Given_a_transferred_case_When_it_is_transferred_again_to_the_same_court_Then_nothing_happens()
    {
        var cmd = new TransferCase(Id, "almaty-medeu", "Подсудность", Day(3));
        Assert.Empty(CaseDecider.Decide(cmd, Civil().Accepted().Do(cmd).State));
    }

    [Fact]
    public void Given_a_case_When_it_is_transferred_to_its_own_court_Then_it_is_refused() =>
        Refusal.Expect("court.same", new TransferCase(Id, "almaty-bostandyk", "Подсудность", Day(3)), Civil().Accepted().State);

    [Fact]
    public void Given_a_case_When_it_is_transferred_to_an_unknown_court_Then_it_is_refused() =>
        Refusal.Expect("court.unknown", new TransferCase(Id, "mars-central", "Подсудность", Day(3)), Civil().Accepted().State);

    [Fact]
    public void Given_a_decided_case_When_it_is_transferred_Then_it_is_refused() =>
        Refusal.Expect("judgment.already-issued", new TransferCase(Id, "almaty-medeu", "Подсудность", Day(16)), CivilDecided().State);

    [Fact]
    public void Given_a_case_When_it_is_transferred_without_a_reason_Then_it_is_refused() =>
        Refusal.Expect("reason.required", new TransferCase(Id, "almaty-medeu", " ", Day(3)), Civil().Accepted().State);

    [Fact]
    public void Given_a_transferred_case_When_a_judgment_is_issued_Then_it_is_refused() =>
        Refusal.Expect("case.closed", new IssueJudgment(Id, ActId, ActKind.Decision, Judge.ParticipantId, Doc("j"), null, Day(20)), Civil().Accepted().Do(new TransferCase(Id, "almaty-medeu", "Подсудность", Day(3))).State);
}

public class ErasureTests
{
    [Fact]
    public void Given_a_case_When_a_court_orders_erasure_Then_the_versions_are_recorded_as_erased()
    {
        var state = CivilDecided().Do(new OrderErasure(Id, Guid.NewGuid(), ErasureReason.CourtOrder, "Определение № 12", [1, 3], Day(20))).State;
        Assert.Equal([1L, 3L], state.ErasedVersions);
    }

    [Fact]
    public void Given_an_erasure_When_it_is_ordered_again_Then_nothing_happens()
    {
        var cmd = new OrderErasure(Id, Guid.NewGuid(), ErasureReason.CourtOrder, null, [1], Day(20));
        Assert.Empty(CaseDecider.Decide(cmd, CivilDecided().Do(cmd).State));
    }

    [Fact]
    public void Given_erased_versions_When_a_new_order_names_only_them_Then_nothing_happens()
    {
        var state = CivilDecided().Do(new OrderErasure(Id, Guid.NewGuid(), ErasureReason.CourtOrder, null, [1, 2], Day(20))).State;
        Assert.Empty(CaseDecider.Decide(new OrderErasure(Id, Guid.NewGuid(), ErasureReason.CourtOrder, null, [2, 1], Day(21)), state));
    }

    [Fact]
    public void Given_a_closed_case_When_retention_expires_Then_erasure_is_allowed_after_closing() =>
        Assert.Single(CaseDecider.Decide(new OrderErasure(Id, Guid.NewGuid(), ErasureReason.RetentionExpired, null, [1, 2], Day(4000)), CivilDecided().InForce().Closed().State));

    [Fact]
    public void Given_an_active_case_When_retention_is_said_to_expire_Then_it_is_refused() =>
        Refusal.Expect("erasure.case-active", new OrderErasure(Id, Guid.NewGuid(), ErasureReason.RetentionExpired, null, [1], Day(20)), CivilDecided().State);

    [Fact]
    public void Given_a_case_When_erasure_names_no_events_Then_it_is_refused() =>
        Refusal.Expect("erasure.versions-required", new OrderErasure(Id, Guid.NewGuid(), ErasureReason.CourtOrder, null, [], Day(20)), CivilDecided().State);

    [Fact]
    public void Given_a_case_When_erasure_names_a_version_beyond_its_history_Then_it_is_refused() =>
        Refusal.Expect("erasure.unknown-version", new OrderErasure(Id, Guid.NewGuid(), ErasureReason.CourtOrder, null, [999], Day(20)), CivilDecided().State);

    [Fact]
    public void Given_an_erasure_record_When_its_own_erasure_is_ordered_Then_it_is_refused()
    {
        var fixture = CivilDecided().Do(new OrderErasure(Id, Guid.NewGuid(), ErasureReason.CourtOrder, null, [1], Day(20)));
        Refusal.Expect("erasure.of-erasure", new OrderErasure(Id, Guid.NewGuid(), ErasureReason.CourtOrder, null, [fixture.State.Version], Day(21)), fixture.State);
    }
}

public class RefusalCatalogueTests
{
    [Fact]
    public void Every_refusal_has_a_distinct_code_a_kind_and_messages_in_three_languages()
    {
        var factories = typeof(CaseRules).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(CaseRuleViolation));
        var violations = factories.Select(m => (CaseRuleViolation)m.Invoke(null, m.GetParameters().Select(p =>
            p.ParameterType == typeof(DateOnly) ? (object)new DateOnly(2026, 3, 17) : 7L).ToArray())!).ToList();
        Assert.True(violations.Count >= 50);
        Assert.Equal(violations.Count, violations.Select(v => v.Code).Distinct().Count());
        Assert.All(violations, v =>
        {
            Assert.Matches("^[a-z-]+\\.[a-z-]+$", v.Code);
            Assert.NotEqual(v.MessageRu, v.MessageEn);
            Assert.NotEqual(v.MessageKk, v.MessageRu);
            Assert.Matches("[А-Яа-яЁё]", v.MessageRu);
            Assert.Matches("[А-Яа-я]", v.MessageKk);
        });
        // Kazakh text uses its own letters; a short sentence may happen to need none of them.
        Assert.True(violations.Count(v => System.Text.RegularExpressions.Regex.IsMatch(v.MessageKk, "[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")) >= violations.Count - 2);
    }
}
