using Ledger.Domain.Cases;
using Ledger.Domain.Cases.Scenarios;
using Ledger.Domain.Statistics;
using Ledger.Domain.Tests.Cases;
using static Ledger.Domain.Tests.Cases.CaseFixture;

namespace Ledger.Domain.Tests.Statistics;

public class CaseStatisticsTests
{
    private static CaseStatistics Of(CaseFixture fixture) => CaseStatistics.Fold(fixture.Events);

    [Fact]
    public void Given_a_civil_case_suspended_for_20_days_When_decided_70_days_into_a_two_month_term_Then_the_suspension_is_excluded_and_the_term_is_met()
    {
        // Preparation completed Fri 6 Feb 2026 (day 4): the two-month term ends on 6 April (59 days).
        // Suspended 8 Feb (day 6) – resumed 28 Feb (day 26): 20 days the rule excludes. Judgment Fri 17 April (day 74).
        var fixture = Civil().Accepted(1).Prepared(4).Suspended(6).Resumed(26).Scheduled(30, 60).Held(60)
            .Do(new IssueJudgment(Id, ActId, ActKind.Decision, Judge.ParticipantId, Doc("judgment"), null, Day(74)));
        var statistics = Of(fixture);

        var term = Assert.Single(statistics.CourtTerms(), t => t.Kind == "consideration");
        Assert.Equal(new DateOnly(2026, 4, 6), term.StatutoryDueOn);
        Assert.Equal(59, term.StatutoryDays);
        Assert.Equal(new DateOnly(2026, 4, 26), term.DueOn);
        Assert.True(term.ExcludesSuspension);
        Assert.Equal(Day(74), term.EndedAt);
        Assert.Equal(70 - 20, term.NetDays);
        Assert.True(term.WithinTerm);
        Assert.Equal(DeadlineStatus.Met, term.Status);

        var acceptance = Assert.Single(statistics.CourtTerms(), t => t.Kind == "acceptance");
        Assert.Equal(Day(1), acceptance.EndedAt);
        Assert.Equal(1, acceptance.NetDays);
        Assert.True(acceptance.WithinTerm);

        Assert.False(statistics.IsPending);
        Assert.Null(statistics.OverdueCandidate());
        Assert.Equal(new FlowCounts { Received = 1, Accepted = 1, Decided = 1, Resolved = 1, Suspended = 1, Resumed = 1 }, statistics.Totals);
        var suspension = Assert.Single(statistics.Core.Suspensions);
        Assert.Equal(SuspensionGround.ExpertExamination, suspension.Ground);
        Assert.Equal(TimeSpan.FromDays(20), suspension.To - suspension.From);
    }

    [Fact]
    public void Given_a_criminal_case_accepted_on_day_8_When_the_acceptance_term_is_5_days_Then_the_term_is_breached_and_suspension_plays_no_part()
    {
        var statistics = Of(Criminal().Accepted(8));

        var term = Assert.Single(statistics.CourtTerms());
        Assert.Equal("criminal.decision-on-received-case", term.RowId);
        Assert.False(term.ExcludesSuspension);
        Assert.Equal(new DateOnly(2026, 2, 7), term.StatutoryDueOn);
        Assert.Equal(Day(8), term.EndedAt);
        Assert.Equal(8, term.NetDays);
        Assert.False(term.WithinTerm);
        Assert.Equal(DeadlineStatus.Breached, term.Status);
        Assert.True(statistics.IsPending);
    }

    [Fact]
    public void Given_a_claim_not_accepted_When_five_working_days_have_passed_Then_it_is_overdue_by_the_days_since_the_due_day()
    {
        // Filed Mon 2 Feb: five working days end Mon 9 Feb.
        var statistics = Of(Civil());

        var overdue = statistics.OverdueCandidate();
        Assert.NotNull(overdue);
        Assert.Equal(new DateOnly(2026, 2, 9), overdue.DueOn);
        Assert.False(overdue.IsOverdueAt(Day(7, 23)));
        Assert.True(overdue.IsOverdueAt(Day(8, 0)));
        Assert.Equal(0, CaseStatistics.DaysOverdue(overdue, Day(7)));
        Assert.Equal(3, CaseStatistics.DaysOverdue(overdue, Day(10)));
    }

    [Fact]
    public void Given_a_suspended_case_When_its_term_excludes_suspension_Then_it_is_not_overdue_while_suspended_and_is_after_resumption_plus_the_suspended_days()
    {
        var suspended = Civil().Accepted(1).Prepared(4).Suspended(6);
        Assert.Null(Of(suspended).OverdueCandidate());

        var resumed = Of(suspended.Resumed(26));
        var overdue = resumed.OverdueCandidate();
        Assert.NotNull(overdue);
        Assert.Equal(new DateOnly(2026, 4, 26), overdue.DueOn);
        Assert.Equal(4, CaseStatistics.DaysOverdue(overdue, new DateTimeOffset(2026, 4, 30, 12, 0, 0, Kz)));
    }

    [Fact]
    public void Given_a_judgment_set_aside_on_appeal_When_folded_Then_the_case_is_reopened_and_the_appeal_counts()
    {
        var fixture = CivilDecided().Appealed(20)
            .Do(new DecideAppeal(Id, AppealId, AppealOutcome.SetAside, "almaty-regional", Doc("appellate-ruling"), null, Day(50)));
        var statistics = Of(fixture);

        Assert.True(statistics.IsPending);
        Assert.Equal(new FlowCounts { Received = 1, Accepted = 1, Decided = 1, Resolved = 1, AppealsFiled = 1, AppealsDecided = 1, SetAside = 1, SetAsideOnAppeal = 1, Reopened = 1 }, statistics.Totals);
        Assert.Equal([MovementKind.Received, MovementKind.Resolved, MovementKind.Reopened], statistics.Movements.Select(m => m.Kind));
        Assert.Equal(Day(50), statistics.Movements[^1].At);
        var restarted = statistics.CourtTerms()[^1];
        Assert.Equal("consideration", restarted.Kind);
        Assert.Equal(Day(50), restarted.StartsAt);
        Assert.Null(restarted.EndedAt);

        var retried = Of(fixture.Scheduled(51, 60, Guid.NewGuid()).Do(new HoldHearing(Id, fixture.State.Hearings.Keys.Last(), [Recording("h2")], Day(60, 12)))
            .Do(new IssueJudgment(Id, Guid.NewGuid(), ActKind.Decision, Judge.ParticipantId, Doc("judgment-2"), null, Day(61))));
        Assert.False(retried.IsPending);
        Assert.Equal(2, retried.Totals.Resolved);
        Assert.Equal(2, retried.Totals.Decided);
        Assert.Equal(retried.Totals.Incoming, retried.Totals.Resolved);
    }

    [Fact]
    public void Given_statistics_When_folded_Then_no_participant_name_or_identity_number_is_kept()
    {
        var statistics = Of(CivilDecided());
        var json = System.Text.Json.JsonSerializer.Serialize(statistics);
        foreach (var p in new[] { Plaintiff, Defendant, Lawyer, Witness, Judge })
        {
            Assert.DoesNotContain(p.DisplayName, json, StringComparison.Ordinal);
            if (p.Iin is not null)
            {
                Assert.DoesNotContain(p.Iin, json, StringComparison.Ordinal);
            }
        }

        Assert.Equal(Judge.ParticipantId, statistics.Core.JudgeId);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Given_generated_caseloads_When_folded_Then_flows_balance_and_the_net_duration_rule_agrees_with_the_decider(int seed)
    {
        var generator = new CaseScenarioGenerator(seed, new CaseScenarioOptions { Days = 200 });
        var endedTerms = 0;
        foreach (var scenario in generator.Generate(300))
        {
            var state = CaseState.Empty;
            var events = new List<CaseEvent>();
            foreach (var command in scenario.Commands)
            {
                foreach (var e in CaseDecider.Decide(command, state))
                {
                    state = CaseDecider.Evolve(state, e);
                    events.Add(e);
                }
            }

            var statistics = CaseStatistics.Fold(events);
            Assert.Equal(1, statistics.Totals.Received);
            Assert.Equal(statistics.IsPending ? 1 : 0, statistics.Totals.Incoming - statistics.Totals.Resolved);
            Assert.Equal(statistics.Totals.Incoming, statistics.Movements.Count(m => m.Kind != MovementKind.Resolved));
            foreach (var term in statistics.CourtTerms().Where(t => t.EndedAt is not null))
            {
                endedTerms++;
                Assert.Equal(term.Status == DeadlineStatus.Met, term.WithinTerm);
            }
        }

        Assert.True(endedTerms > 300, $"only {endedTerms} ended terms were checked");
    }
}

public class SituationReportTests
{
    private static CaseFacts Facts(CaseFixture fixture) => CaseFacts.From(CaseStatistics.Fold(fixture.Events))!;

    [Fact]
    public void Given_three_hand_built_cases_When_summarised_Then_every_figure_matches_the_hand_count()
    {
        // A: criminal, accepted late (day 8), still pending. B: civil, suspended day 6 – 26, decided day 74 within term.
        // C: civil decided day 15, appealed, set aside on day 50: pending again.
        var a = Facts(Criminal().Accepted(8));
        var b = Facts(Civil().Accepted(1).Prepared(4).Suspended(6).Resumed(26).Scheduled(30, 60).Held(60)
            .Do(new IssueJudgment(Id, ActId, ActKind.Decision, Judge.ParticipantId, Doc("judgment"), null, Day(74))));
        var c = Facts(CivilDecided().Appealed(20)
            .Do(new DecideAppeal(Id, AppealId, AppealOutcome.SetAside, "almaty-regional", Doc("appellate-ruling"), null, Day(50))));
        var period = new ReportPeriod(new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 30));
        var now = new DateTimeOffset(2026, 4, 30, 18, 0, 0, Kz);

        var s = SituationReport.Summary([a, b, c], StatisticsFilter.All, period, now);

        Assert.Equal(3, s.Cases);
        Assert.Equal(3, s.Flows.Received);
        Assert.Equal(1, s.Flows.Reopened);
        Assert.Equal(4, s.Incoming);
        Assert.Equal(2, s.Flows.Decided);   // B day 74, C day 15
        Assert.Equal(2, s.Flows.Resolved);
        Assert.Equal(0, s.PendingStart);
        Assert.Equal(2, s.PendingEnd);      // A and C
        Assert.Equal(50.0, s.ClearanceRate);
        Assert.Equal(89.0 * 2 / 2, s.DispositionTimeDays);
        Assert.Null(s.BacklogChange);
        Assert.Equal(new AgeDistribution(0, 2, 0, 0), s.PendingAge); // received 2 Feb, seen 30 April: older than 2 months (cut-off 28 Feb)
        Assert.Equal(1, s.Flows.AppealsFiled);
        Assert.Equal(1, s.Flows.SetAsideOnAppeal);

        // Terms ended: A acceptance late; B acceptance and consideration met; C acceptance and consideration met.
        var acceptance = Assert.Single(s.Terms, t => t.Kind == "acceptance");
        Assert.Equal((3, 2, 1), (acceptance.Ended, acceptance.WithinTerm, acceptance.Late));
        var consideration = Assert.Single(s.Terms, t => t.Kind == "consideration");
        Assert.Equal((2, 2, 0), (consideration.Ended, consideration.WithinTerm, consideration.Late));
        Assert.Equal((50.0 + 11) / 2, consideration.MeanNetDays); // B: 50 net days; C: 6 Feb – 17 Feb = 11
        Assert.Equal(0, s.DecidedPastTerm);
        Assert.Equal(80.0, s.ShareWithinTerm);

        // Now (30 April): C's restarted two-month term (from 24 March... set aside on day 50) is not due yet; nothing suspended.
        Assert.Equal(2, s.PendingNow);
        Assert.Equal(0, s.SuspendedNow);
        Assert.Equal(0, s.PastTermNow);
        var expert = Assert.Single(s.Suspensions);
        Assert.Equal((SuspensionGround.ExpertExamination, 0, 1, 20.0, 20.0), (expert.Ground, expert.CurrentCount, expert.EndedCount, expert.MeanDays, expert.MedianDays));

        // Filters: only civil; only one court.
        Assert.Equal(2, SituationReport.Summary([a, b, c], new StatisticsFilter(Kind: CaseKind.Civil), period, now).Cases);
        Assert.Equal(1, SituationReport.Summary([a, b, c], new StatisticsFilter(Courts: ["astana-esil"]), period, now).Cases);
        Assert.Equal(1, SituationReport.Summary([a, b, c], new StatisticsFilter(Region: "Astana"), period, now).Cases);
    }

    [Fact]
    public void Given_an_unaccepted_claim_and_a_suspended_case_When_listing_Then_the_late_and_suspended_lists_show_days()
    {
        var late = Facts(Civil());
        var suspended = Facts(Civil().Accepted(1).Prepared(4).Suspended(6));
        var now = Day(10);

        var lateCase = Assert.Single(SituationReport.LateCases([late, suspended], StatisticsFilter.All, now));
        Assert.Equal(("2-101-26", "acceptance", new DateOnly(2026, 2, 9), 3), (lateCase.CaseNumber, lateCase.TermKind, lateCase.DueOn, lateCase.DaysOverdue));

        var suspendedCase = Assert.Single(SituationReport.SuspendedCases([late, suspended], StatisticsFilter.All, now));
        Assert.Equal((SuspensionGround.ExpertExamination, new DateOnly(2026, 2, 8), 4), (suspendedCase.Ground, suspendedCase.Since, suspendedCase.Days));

        var s = SituationReport.Summary([late, suspended], StatisticsFilter.All, new ReportPeriod(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 12)), now);
        Assert.Equal((2, 1, 1, 1), (s.PendingNow, s.SuspendedNow, s.ActivePendingNow, s.PastTermNow));
        Assert.Equal(4.0, Assert.Single(s.Suspensions).CurrentMeanDays);
    }
}
