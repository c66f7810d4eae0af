using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Domain.Cases;
using Ledger.Domain.Cases.Scenarios;
using Ledger.Domain.Statistics;
using Ledger.Domain.Tests.Cases;
using static Ledger.Domain.Tests.Cases.CaseFixture;

namespace Ledger.Domain.Tests.Statistics;

/// <summary>
/// The pre-aggregated cells (<see cref="SituationIndex"/>) against the reference scan over every case
/// (<see cref="SituationReport"/>): the same figures, to the last digit, for every filter, period and moment tried.
/// </summary>
public class SituationIndexTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static CaseFacts Facts(CaseFixture fixture) => CaseFacts.From(CaseStatistics.Fold(fixture.Events))!;

    private static string J<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static List<CaseFacts> Generate(int seed, int cases, int days)
    {
        var generator = new CaseScenarioGenerator(seed, new CaseScenarioOptions { Days = days });
        var facts = new List<CaseFacts>();
        foreach (var scenario in generator.Generate(cases))
        {
            var state = CaseState.Empty;
            var statistics = CaseStatistics.Empty;
            foreach (var command in scenario.Commands)
            {
                foreach (var e in CaseDecider.Decide(command, state))
                {
                    state = CaseDecider.Evolve(state, e);
                    statistics = CaseStatistics.Evolve(statistics, e);
                }
            }

            if (CaseFacts.From(statistics) is { } f)
            {
                facts.Add(f);
            }
        }

        return facts;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Given_generated_caseloads_When_answered_from_the_cells_Then_every_answer_equals_the_scan_of_every_case(int seed)
    {
        var facts = Generate(seed, 400, 500);
        var index = SituationIndex.Build(facts);
        var someCourt = facts[0].CourtId;
        var someJudge = facts.First(f => f.JudgeId is not null).JudgeId;
        StatisticsFilter[] filters =
        [
            StatisticsFilter.All,
            new(Courts: [someCourt]),
            new(Region: facts[0].Region),
            new(Kind: CaseKind.Civil, Category: CaseCategory.General),
            new(Kind: CaseKind.Criminal),
            new(JudgeId: someJudge),
            new(Courts: [someCourt], JudgeId: someJudge),
        ];
        ReportPeriod[] periods =
        [
            new(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)),
            new(new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31)),
            new(new DateOnly(2025, 6, 15), new DateOnly(2026, 8, 1)),
            new(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)),
            new(new DateOnly(2026, 1, 1), new DateOnly(2029, 6, 30)), // pending cases are 3–4 years old at its end
        ];
        DateTimeOffset[] moments = [new(2025, 7, 1, 12, 0, 0, Kz), new(2026, 3, 1, 12, 0, 0, Kz)];
        var checkedFigures = 0;
        foreach (var filter in filters)
        {
            foreach (var period in periods)
            {
                foreach (var now in moments)
                {
                    var expected = SituationReport.Summary(facts, filter, period, now);
                    Assert.Equal(J(expected), J(index.Summary(filter, period, now)));
                    foreach (var by in Enum.GetValues<BreakdownBy>())
                    {
                        Assert.Equal(J(SituationReport.Breakdown(facts, filter, period, now, by)), J(index.Breakdown(filter, period, now, by)));
                    }

                    checkedFigures += expected.Cases;
                }

                foreach (var interval in Enum.GetValues<SeriesInterval>())
                {
                    Assert.Equal(J(SituationReport.Series(facts, filter, period, interval)), J(index.Series(filter, period, interval)));
                }
            }

            foreach (var now in moments)
            {
                Assert.Equal(J(SituationReport.LateCases(facts, filter, now)), J(SituationReport.LateCases(index.PendingFacts(filter), filter, now)));
                Assert.Equal(J(SituationReport.SuspendedCases(facts, filter, now)), J(SituationReport.SuspendedCases(index.PendingFacts(filter), filter, now)));

                // A short list is the head of the full one (the longest are picked without sorting every row).
                foreach (var limit in new[] { 1, 3, 10 })
                {
                    Assert.Equal(J(SituationReport.LateCases(facts, filter, now, int.MaxValue).Take(limit)), J(SituationReport.LateCases(index.PendingFacts(filter), filter, now, limit)));
                    Assert.Equal(J(SituationReport.SuspendedCases(facts, filter, now, int.MaxValue).Take(limit)), J(SituationReport.SuspendedCases(index.PendingFacts(filter), filter, now, limit)));
                }
            }
        }

        Assert.True(checkedFigures > 1000, $"only {checkedFigures} case summaries compared");
        var longRun = index.Summary(StatisticsFilter.All, periods[^1], moments[^1]);
        Assert.True(longRun.PendingAge.OverThreeYears > 0, "the long period should reach the year buckets");
        Assert.Equal(longRun.PendingAge.OverTwelveMonths, longRun.PendingAge.OneToTwoYears + longRun.PendingAge.OverTwoYears);
    }

    [Fact]
    public void Given_cells_built_from_part_of_the_cases_When_the_changed_cells_are_updated_Then_the_index_equals_one_built_from_scratch()
    {
        var facts = Generate(7, 300, 300);
        var first = facts.Take(150).ToList();
        // The second half arrives: only the cells of its cases are rebuilt.
        var index = SituationIndex.Build(first);
        var all = facts;
        var changed = facts.Skip(150).SelectMany(f => new[] { CaseGroupKey.Fine(f), CaseGroupKey.Coarse(f) }).ToHashSet();
        var members = all.SelectMany(f => new[] { (Key: CaseGroupKey.Fine(f), Facts: f), (Key: CaseGroupKey.Coarse(f), Facts: f) })
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => (IReadOnlyCollection<CaseFacts>)g.Select(x => x.Facts).ToArray());
        var updated = index.Update(changed, key => members.GetValueOrDefault(key) ?? []);

        var period = new ReportPeriod(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var now = new DateTimeOffset(2025, 9, 1, 12, 0, 0, Kz);
        Assert.Equal(J(SituationIndex.Build(all).Summary(StatisticsFilter.All, period, now)), J(updated.Summary(StatisticsFilter.All, period, now)));
        Assert.Equal(J(SituationReport.Summary(all, StatisticsFilter.All, period, now)), J(updated.Summary(StatisticsFilter.All, period, now)));
        Assert.Equal(J(SituationReport.Courts(all, StatisticsFilter.All, period, now)), J(updated.Breakdown(StatisticsFilter.All, period, now, BreakdownBy.Court)));

        // The second half leaves again (as after a rebuild that has not reached it yet): cells left empty are dropped.
        var firstMembers = first.SelectMany(f => new[] { (Key: CaseGroupKey.Fine(f), Facts: f), (Key: CaseGroupKey.Coarse(f), Facts: f) })
            .GroupBy(x => x.Key).ToDictionary(g => g.Key, g => (IReadOnlyCollection<CaseFacts>)g.Select(x => x.Facts).ToArray());
        var reverted = updated.Update(changed, key => firstMembers.GetValueOrDefault(key) ?? []);
        Assert.Equal(index.CellCount, reverted.CellCount);
        Assert.Equal(J(SituationReport.Summary(first, StatisticsFilter.All, period, now)), J(reverted.Summary(StatisticsFilter.All, period, now)));
    }

    [Fact]
    public void Given_three_hand_built_cases_When_answered_from_the_cells_Then_the_new_indicators_match_the_hand_count()
    {
        // As in SituationReportTests: A criminal, accepted late, pending; B civil, suspended 20 days, decided 17 April;
        // C civil, decided 17 February, set aside on appeal 24 March, pending again. All received 2 February 2026.
        var a = Facts(Criminal().Accepted(8));
        var b = Facts(Civil().Accepted(1).Prepared(4).Suspended(6).Resumed(26).Scheduled(30, 60).Held(60)
            .Do(new IssueJudgment(Id, ActId, ActKind.Decision, Judge.ParticipantId, Doc("judgment"), null, Day(74))));
        var c = Facts(CivilDecided().Appealed(20)
            .Do(new DecideAppeal(Id, AppealId, AppealOutcome.SetAside, "almaty-regional", Doc("appellate-ruling"), null, Day(50))));
        var index = SituationIndex.Build([a, b, c]);
        var period = new ReportPeriod(new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 30));
        var now = new DateTimeOffset(2026, 4, 30, 18, 0, 0, Kz);

        var s = index.Summary(StatisticsFilter.All, period, now);
        Assert.Equal(J(SituationReport.Summary([a, b, c], StatisticsFilter.All, period, now)), J(s));
        Assert.Equal(1.0, s.Turnover);                 // 2 resolved ÷ 2 pending at the end
        Assert.Equal(0, s.PendingAge.OverOneYear);

        // Monthly: February 3 received, 1 resolved (C); March C reopened; April B decided.
        var months = index.Series(StatisticsFilter.All, period, SeriesInterval.Month);
        Assert.Equal([3, 1, 0], months.Select(m => m.Counts.Incoming));
        Assert.Equal([1, 0, 1], months.Select(m => m.Counts.Resolved));
        Assert.Equal([2, 3, 2], months.Select(m => m.PendingEnd));
        Assert.Equal([28, 31, 30], months.Select(m => m.Days));
        Assert.Equal(100.0 / 3, months[0].ClearanceRate);
        Assert.Equal(0.0, months[1].ClearanceRate);
        Assert.Null(months[2].ClearanceRate);          // nothing came in during April
        Assert.Equal(30.0 * 2 / 1, months[2].DispositionTimeDays);
        Assert.Equal(-1.0 / 3, months[2].BacklogChange);

        // Three years on, the two pending cases (A and C) are 3–5 years old.
        var later = index.Summary(StatisticsFilter.All, new ReportPeriod(new DateOnly(2029, 1, 1), new DateOnly(2029, 4, 30)), now);
        Assert.Equal((2, 2, 2, 2, 0), (later.PendingAge.OverTwelveMonths, later.PendingAge.ThreeToFiveYears, later.PendingAge.OverThreeYears, later.PendingAge.OverTwoYears, later.PendingAge.OneToTwoYears));

        // Per category and per judge: every case is counted once.
        var byCategory = index.Breakdown(StatisticsFilter.All, period, now, BreakdownBy.Category);
        Assert.Equal(3, byCategory.Sum(r => r.Cases));
        Assert.Equal(s.PendingEnd, byCategory.Sum(r => r.PendingEnd));
        var byJudge = index.Breakdown(StatisticsFilter.All, period, now, BreakdownBy.Judge);
        Assert.Equal(3, byJudge.Sum(r => r.Cases));
        Assert.All(byJudge, r => Assert.True(r.Key.Length == 0 || Guid.TryParse(r.Key, out _), r.Key));
    }
}
