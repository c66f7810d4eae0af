using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Domain.Cases;
using Ledger.Domain.Cases.Scenarios;
using Ledger.Domain.Statistics;
using Ledger.Projections.Statistics;
using Ledger.Projections.Statistics.CaseFacts;
using Ledger.Projections.Tests.Infrastructure;
using Ledger.Projections.Tests.Ledger;
using Marten;
using Marten.Events;

namespace Ledger.Projections.Tests.Statistics;

[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class SituationProjectionTests(StackFixture stack) : IAsyncLifetime
{
    private static readonly TimeSpan Kz = TimeSpan.FromHours(5);
    private static readonly DateTimeOffset T0 = new(2026, 2, 2, 10, 0, 0, Kz);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private LedgerTestContext _ledger = null!;

    public async Task InitializeAsync() =>
        _ledger = await LedgerTestContext.CreateAsync(await stack.CreateDatabaseAsync("situation_projection_tests"));

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    private static DateTimeOffset Day(int days, int hour = 10) => new(T0.Date.AddDays(days).AddHours(hour), Kz);

    private static DocumentRef Doc(string name) =>
        new(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name))), "document", name + ".pdf", "application/pdf", 2048);

    private static Participant Person(ParticipantRole role, string name) => new(Guid.NewGuid(), role, name, null);

    [Fact]
    public async Task Given_hand_built_cases_When_the_daemon_projects_them_Then_each_figure_matches_the_hand_count_and_a_rebuild_gives_the_same()
    {
        var judge = Person(ParticipantRole.Judge, "Сериков Арман");
        var ledger = _ledger.Cases;

        // A: criminal case received 2 Feb, accepted 10 Feb: the five-day acceptance term (to 7 Feb) is breached.
        var a = Guid.NewGuid();
        await ledger.HandleAsync(new ReceiveCriminalCase(a, "astana-esil", "1-17-26", "261500031000123", "Прокуратура", [Doc("indictment")], T0));
        await ledger.HandleAsync(new AcceptCase(a, judge, Day(8)));

        // B: civil claim, preparation 6 Feb, suspended 8–28 Feb (expert examination, excluded by the rule), decided 17 April.
        var b = Guid.NewGuid();
        var plaintiff = Person(ParticipantRole.Plaintiff, "Нурланова Айгерим");
        var defendant = Person(ParticipantRole.Defendant, "Ахметов Ерлан");
        await ledger.HandleAsync(new FileClaim(b, CaseKind.Civil, CaseCategory.General, "almaty-bostandyk", "2-101-26", "О взыскании", plaintiff, [Doc("claim-b")], T0));
        await ledger.HandleAsync(new AcceptCase(b, judge, Day(1)));
        await ledger.HandleAsync(new AdmitParticipants(b, [defendant], Day(1)));
        await ledger.HandleAsync(new CompletePreparation(b, judge.ParticipantId, Day(4)));
        await ledger.HandleAsync(new SuspendProceedings(b, judge.ParticipantId, SuspensionGround.ExpertExamination, null, null, Day(6)));
        await ledger.HandleAsync(new ResumeProceedings(b, judge.ParticipantId, null, Day(26)));
        var hearing = Guid.NewGuid();
        await ledger.HandleAsync(new ScheduleHearing(b, hearing, Day(60), HearingFormat.InPerson, "Зал 1", null, [judge.ParticipantId], Day(30)));
        await ledger.HandleAsync(new HoldHearing(b, hearing, [Doc("recording-b")], Day(60, 12)));
        await ledger.HandleAsync(new IssueJudgment(b, Guid.NewGuid(), ActKind.Decision, judge.ParticipantId, Doc("judgment-b"), null, Day(74)));

        // C: civil claim decided 17 Feb, appealed 22 Feb, set aside on appeal 24 March: pending again.
        var c = Guid.NewGuid();
        var plaintiffC = Person(ParticipantRole.Plaintiff, "Касымова Сауле");
        await ledger.HandleAsync(new FileClaim(c, CaseKind.Civil, CaseCategory.General, "almaty-bostandyk", "2-102-26", "О взыскании", plaintiffC, [Doc("claim-c")], T0));
        await ledger.HandleAsync(new AcceptCase(c, judge, Day(1)));
        await ledger.HandleAsync(new CompletePreparation(c, judge.ParticipantId, Day(4)));
        var hearingC = Guid.NewGuid();
        await ledger.HandleAsync(new ScheduleHearing(c, hearingC, Day(14), HearingFormat.InPerson, "Зал 2", null, [judge.ParticipantId], Day(4)));
        await ledger.HandleAsync(new HoldHearing(c, hearingC, [Doc("recording-c")], Day(14, 12)));
        var act = Guid.NewGuid();
        await ledger.HandleAsync(new IssueJudgment(c, act, ActKind.Decision, judge.ParticipantId, Doc("judgment-c"), null, Day(15)));
        var appeal = Guid.NewGuid();
        await ledger.HandleAsync(new FileAppeal(c, appeal, act, plaintiffC.ParticipantId, Doc("appeal-c"), null, Day(20)));
        await ledger.HandleAsync(new DecideAppeal(c, appeal, AppealOutcome.SetAside, "almaty-regional", Doc("appellate-c"), null, Day(50)));

        // D: civil claim filed 2 Feb, never accepted: overdue since 10 Feb.
        var d = Guid.NewGuid();
        await ledger.HandleAsync(new FileClaim(d, CaseKind.Civil, CaseCategory.Alimony, "astana-esil", "2-55-26", "Об алиментах", Person(ParticipantRole.Plaintiff, "Омарова Динара"), [Doc("claim-d")], T0));

        using var daemon = await _ledger.Store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        await _ledger.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var now = new DateTimeOffset(2026, 4, 30, 18, 0, 0, Kz);
        using var center = new SituationCenter(_ledger.DataSource, time: new FixedTime(now));
        await center.RefreshAsync();
        var period = new ReportPeriod(new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 30));
        var s = center.Summary(StatisticsFilter.All, period);

        Assert.Equal(4, center.Status.Cases);
        Assert.Equal(0, center.Status.Behind);
        Assert.Equal((4, 1, 5), (s.Flows.Received, s.Flows.Reopened, s.Incoming));
        Assert.Equal((2, 2, 3), (s.Flows.Decided, s.Flows.Resolved, s.Flows.Accepted));
        Assert.Equal((0, 3), (s.PendingStart, s.PendingEnd));          // A, C (reopened), D
        Assert.Equal(40.0, s.ClearanceRate);                         // 2 ÷ 5 × 100
        Assert.Equal(89.0 * 3 / 2, s.DispositionTimeDays);           // 89-day period × 3 pending ÷ 2 resolved
        Assert.Equal((1, 1, 1, 1), (s.Flows.AppealsFiled, s.Flows.AppealsDecided, s.Flows.SetAsideOnAppeal, s.Flows.SetAside));
        Assert.Equal((3, 0, 0, 3), (s.PendingNow, s.SuspendedNow, s.PastTermNow - 1, s.ActivePendingNow)); // only D is past term now
        var acceptance = Assert.Single(s.Terms, t => t.Kind == "acceptance");
        Assert.Equal((3, 2, 1), (acceptance.Ended, acceptance.WithinTerm, acceptance.Late));
        var consideration = Assert.Single(s.Terms, t => t.Kind == "consideration");
        Assert.Equal((2, 2), (consideration.Ended, consideration.WithinTerm));
        Assert.Equal((50.0 + 11) / 2, consideration.MeanNetDays);    // B: 70 days − 20 suspended; C: 6–17 Feb
        var expert = Assert.Single(s.Suspensions);
        Assert.Equal((SuspensionGround.ExpertExamination, 1, 20.0), (expert.Ground, expert.EndedCount, expert.MedianDays));

        // Turnover and the age buckets: 2 resolved ÷ 3 pending; all three pending were received 2 February (2–6 months on
        // 30 April); a year on (period to 30 April 2027) they are over a year old, in the 1–2 years bucket.
        Assert.Equal(2.0 / 3, s.Turnover);
        Assert.Equal((0, 3, 0, 0), (s.PendingAge.UnderTwoMonths, s.PendingAge.TwoToSixMonths, s.PendingAge.SixToTwelveMonths, s.PendingAge.OverTwelveMonths));
        var yearOn = center.Summary(StatisticsFilter.All, new ReportPeriod(new DateOnly(2027, 4, 1), new DateOnly(2027, 4, 30)));
        Assert.Equal((3, 3, 0, 3), (yearOn.PendingAge.OverOneYear, yearOn.PendingAge.OneToTwoYears, yearOn.PendingAge.OverTwoYears, yearOn.PendingStart));

        // Per month: February 4 received and 1 resolved (C), March C reopened, April B decided (clearance undefined: nothing came in).
        var months = center.Series(StatisticsFilter.All, period, SeriesInterval.Month);
        Assert.Equal([4, 1, 0], months.Select(m => m.Counts.Incoming));
        Assert.Equal([1, 0, 1], months.Select(m => m.Counts.Resolved));
        Assert.Equal([3, 4, 3], months.Select(m => m.PendingEnd));
        Assert.Equal([25.0, 0.0, null], months.Select(m => m.ClearanceRate));
        Assert.Equal(30.0 * 3 / 1, months[2].DispositionTimeDays);

        // Per category (general: A criminal, B and C civil; alimony: D) and per judge (A, B, C one judge; D none yet).
        var categories = center.Breakdown(StatisticsFilter.All, period, BreakdownBy.Category);
        Assert.Equal([("General", 3), ("Alimony", 1)], categories.Select(r => (r.Key, r.Cases)));
        Assert.Equal([0, 1], categories.Select(r => r.PastTermNow));
        var judges = center.Breakdown(StatisticsFilter.All, period, BreakdownBy.Judge);
        Assert.Equal(4, judges.Sum(r => r.Cases));
        Assert.Equal(3, judges.Where(r => r.Key == judge.ParticipantId.ToString()).Sum(r => r.Cases));
        Assert.Equal(3, center.Summary(new StatisticsFilter(JudgeId: judge.ParticipantId), period).Cases);

        var late = Assert.Single(center.LateCases(StatisticsFilter.All));
        Assert.Equal(("2-55-26", "acceptance", new DateOnly(2026, 2, 9)), (late.CaseNumber, late.TermKind, late.DueOn));
        Assert.Equal(now.ToOffset(Kz).DayOfYear - new DateOnly(2026, 2, 9).DayOfYear, late.DaysOverdue);

        // The projection holds no names.
        await using (var session = _ledger.Store.QuerySession())
        {
            foreach (var document in await session.Query<CaseFactsDocument>().ToListAsync())
            {
                var text = JsonSerializer.Serialize(document, Json);
                Assert.DoesNotContain("Нурланова", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Сериков", text, StringComparison.Ordinal);
            }
        }

        // The figures equal the pure report over the events folded directly, and a rebuild gives the same again.
        var direct = await FoldAllAsync();
        Assert.Equal(JsonSerializer.Serialize(SituationReport.Summary(direct, StatisticsFilter.All, period, center.Now), Json), JsonSerializer.Serialize(s, Json));
        var live = Snapshot(center, period);
        await daemon.RebuildProjectionAsync<CaseFactsProjection>(CancellationToken.None);
        await _ledger.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        using var afterRebuild = new SituationCenter(_ledger.DataSource, time: new FixedTime(now));
        await afterRebuild.RefreshAsync();
        Assert.Equal(live, Snapshot(afterRebuild, period));
        await daemon.StopAllAsync();
    }

    [Fact]
    public async Task Given_a_generated_caseload_When_projected_live_and_rebuilt_Then_every_figure_equals_the_direct_fold_of_the_events()
    {
        var generator = new CaseScenarioGenerator(7, new CaseScenarioOptions { Days = 120 });
        var scenarios = generator.Generate(150);
        using var daemon = await _ledger.Store.BuildProjectionDaemonAsync();
        await daemon.StartAllAsync();
        var now = new CaseScenarioOptions().Start.AddDays(140);
        var period = new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2025, 4, 30));
        using var center = new SituationCenter(_ledger.DataSource, time: new FixedTime(now));

        // Append while the daemon runs (live), in the order a court system would send the commands; the query side
        // refreshes as it goes, so its pre-aggregated cells are updated case by case (judges assigned, cases resolved...).
        var sent = 0;
        var refreshes = 0;
        foreach (var command in CaseScenarioGenerator.Interleave(scenarios))
        {
            await _ledger.Cases.HandleAsync(command);
            if (++sent % 150 != 0)
            {
                continue;
            }

            // Let the daemon catch up, so that each refresh has new facts to fold in (however fast the appends are).
            await _ledger.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
            if (await center.RefreshAsync() > 0)
            {
                refreshes++;
                center.Summary(StatisticsFilter.All, period);
            }
        }

        await _ledger.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
        await center.RefreshAsync();
        Assert.Equal(scenarios.Count, center.Status.Cases);
        Assert.True(refreshes > 3, $"only {refreshes} incremental refreshes");

        var direct = await FoldAllAsync();
        var expected = JsonSerializer.Serialize(new object[]
        {
            SituationReport.Summary(direct, StatisticsFilter.All, period, center.Now),
            SituationReport.Series(direct, StatisticsFilter.All, period, SeriesInterval.Week),
            SituationReport.Courts(direct, StatisticsFilter.All, period, center.Now),
            SituationReport.LateCases(direct, StatisticsFilter.All, center.Now),
            SituationReport.SuspendedCases(direct, StatisticsFilter.All, center.Now),
            SituationReport.Breakdown(direct, StatisticsFilter.All, period, center.Now, BreakdownBy.Category),
            SituationReport.Breakdown(direct, StatisticsFilter.All, period, center.Now, BreakdownBy.Judge),
            SituationReport.Summary(direct, new StatisticsFilter(JudgeId: direct.First(f => f.JudgeId is not null).JudgeId), period, center.Now),
        }, Json);
        // A fresh query side loading everything at once gives the same as the one updated as the events came.
        using var fresh = new SituationCenter(_ledger.DataSource, time: new FixedTime(now));
        await fresh.RefreshAsync();
        Assert.Equal(expected, Snapshot(fresh, period, direct));
        var live = Snapshot(center, period, direct);
        Assert.Equal(expected, live);
        var summary = center.Summary(StatisticsFilter.All, period);
        Assert.Equal(scenarios.Any(x => x.PastTerm), summary.Terms.Sum(t => t.Late) > 0 || summary.PastTermNow > 0);
        Assert.True(summary.Flows.AppealsFiled > 0 && summary.Suspensions.Count > 0, "the caseload has appeals and suspensions");

        await daemon.RebuildProjectionAsync<CaseFactsProjection>(CancellationToken.None);
        await _ledger.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));
        await center.RefreshAsync();
        Assert.Equal(expected, Snapshot(center, period, direct));
        await daemon.StopAllAsync();
    }

    private static string Snapshot(SituationCenter center, ReportPeriod period) => JsonSerializer.Serialize(new object[]
    {
        center.Summary(StatisticsFilter.All, period),
        center.Series(StatisticsFilter.All, period, SeriesInterval.Week),
        center.Courts(StatisticsFilter.All, period),
        center.LateCases(StatisticsFilter.All),
        center.SuspendedCases(StatisticsFilter.All),
    }, Json);

    private static string Snapshot(SituationCenter center, ReportPeriod period, IReadOnlyList<Domain.Statistics.CaseFacts> direct) => JsonSerializer.Serialize(new object[]
    {
        center.Summary(StatisticsFilter.All, period),
        center.Series(StatisticsFilter.All, period, SeriesInterval.Week),
        center.Courts(StatisticsFilter.All, period),
        center.LateCases(StatisticsFilter.All),
        center.SuspendedCases(StatisticsFilter.All),
        center.Breakdown(StatisticsFilter.All, period, BreakdownBy.Category),
        center.Breakdown(StatisticsFilter.All, period, BreakdownBy.Judge),
        center.Summary(new StatisticsFilter(JudgeId: direct.First(f => f.JudgeId is not null).JudgeId), period),
    }, Json);

    private async Task<IReadOnlyList<Domain.Statistics.CaseFacts>> FoldAllAsync()
    {
        await using var session = _ledger.Store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().ToListAsync();
        return events.GroupBy(e => e.StreamId)
            .Select(g => Domain.Statistics.CaseFacts.From(CaseStatistics.Fold(g.OrderBy(e => e.Version).Select(e => (CaseEvent)e.Data)))!)
            .OrderBy(f => f.CaseId)
            .ToArray();
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
