using System.Text.Json;
using Ledger.Domain.Cases;
using Ledger.Domain.Cases.Scenarios;

namespace Ledger.Domain.Tests.Cases.Scenarios;

public class CaseScenarioGeneratorTests
{
    private static string Json(IEnumerable<CaseScenario> scenarios) =>
        string.Join('\n', scenarios.SelectMany(s => s.Commands).Select(c => JsonSerializer.Serialize(c, c.GetType())));

    private static List<CaseEvent> Replay(CaseScenario scenario)
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

        return events;
    }

    [Fact]
    public void Given_the_same_seed_When_generating_Then_the_scenarios_are_identical() =>
        Assert.Equal(Json(new CaseScenarioGenerator(42).Generate(30)), Json(new CaseScenarioGenerator(42).Generate(30)));

    [Fact]
    public void Given_different_seeds_When_generating_Then_the_scenarios_differ() =>
        Assert.NotEqual(Json(new CaseScenarioGenerator(1).Generate(10)), Json(new CaseScenarioGenerator(2).Generate(10)));

    [Fact]
    public void Given_a_years_caseload_When_generated_Then_it_covers_the_life_of_cases_realistically()
    {
        var options = new CaseScenarioOptions();
        var generator = new CaseScenarioGenerator(2026, options);
        var scenarios = generator.Generate(600);
        Assert.Equal(0, generator.RefusedCommands);

        var events = scenarios.SelectMany(Replay).ToList();
        var types = events.GroupBy(e => e.EventType).ToDictionary(g => g.Key, g => g.Count());

        // Every kind of event appears.
        Assert.All(CaseEventTypes.All.Values, name => Assert.True(types.ContainsKey(name), $"no {name} event generated"));

        // The mix of cases.
        var kinds = scenarios.GroupBy(s => s.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.InRange(kinds[CaseKind.Criminal], 150, 270);
        Assert.InRange(kinds[CaseKind.Civil], 280, 430);
        Assert.True(kinds.GetValueOrDefault(CaseKind.Administrative) > 10);
        Assert.True(scenarios.Select(s => s.CourtId).Distinct().Count() >= 18);

        // Suspensions, appeals with every outcome, cases past their terms, cases still pending at the horizon.
        Assert.InRange(types["proceedings-suspended"], 30, 120);
        var outcomes = events.OfType<AppealDecided>().GroupBy(a => a.Outcome).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, outcomes.Count);
        Assert.InRange(scenarios.Count(s => s.PastTerm), 20, 200);
        Assert.True(scenarios.Count(s => !CaseNames.IsTerminal(s.FinalStatus)) > 20);
        Assert.True(scenarios.Count(s => s.FinalStatus == CaseStatus.Closed) > 250);
        Assert.Contains(events.OfType<HearingScheduled>(), h => h.Format == HearingFormat.Video && h.VideoRoomUrl!.StartsWith("https://", StringComparison.Ordinal));

        // Every command lies within the year (plus its horizon).
        var horizon = options.Start.AddDays(options.Days);
        Assert.All(scenarios.SelectMany(s => s.Commands), c => Assert.InRange(c.Now, options.Start, horizon));
    }

    [Fact]
    public void Given_scenarios_When_interleaved_Then_commands_come_in_time_order_and_each_case_keeps_its_order()
    {
        var scenarios = new CaseScenarioGenerator(7).Generate(50);
        var all = CaseScenarioGenerator.Interleave(scenarios).ToList();
        Assert.Equal(scenarios.Sum(s => s.Commands.Count), all.Count);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Now <= p.Second.Now));
        foreach (var scenario in scenarios)
        {
            Assert.Equal(scenario.Commands, all.Where(c => c.CaseId == scenario.CaseId));
        }
    }

    [Fact]
    public void Given_generated_participants_When_inspected_Then_iins_are_well_formed_and_judges_have_none()
    {
        var participants = new CaseScenarioGenerator(3).Generate(100).SelectMany(s => s.Commands).OfType<AdmitParticipants>()
            .SelectMany(a => a.Participants).ToList();
        Assert.NotEmpty(participants);
        foreach (var p in participants.Where(p => p.Iin is not null))
        {
            var digits = p.Iin!.Select(c => c - '0').ToArray();
            var check = digits.Take(11).Select((d, i) => d * (i + 1)).Sum() % 11;
            if (check == 10)
            {
                int[] weights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
                check = digits.Take(11).Select((d, i) => d * weights[i]).Sum() % 11;
            }

            Assert.Equal(check, digits[11]);
        }
    }
}
