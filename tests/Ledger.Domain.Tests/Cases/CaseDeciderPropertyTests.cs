using FsCheck.Xunit;
using Ledger.Domain.Cases;
using Ledger.Domain.Cases.Scenarios;
using Ledger.Domain.Terms;
using static Ledger.Domain.Tests.Cases.CaseFixture;

namespace Ledger.Domain.Tests.Cases;

public class CaseDeciderPropertyTests
{
    private static readonly CaseStatus[] Reachable = Enum.GetValues<CaseStatus>().Where(s => s != CaseStatus.None).ToArray();

    [Property(MaxTest = 300)]
    public void Random_command_sequences_evolve_to_consistent_states(int[] choices, bool criminal)
    {
        var state = CaseState.Empty;
        var events = new List<CaseEvent>();
        var now = T0;
        foreach (var raw in choices ?? [])
        {
            var choice = raw & int.MaxValue;
            now = now.AddDays(choice % 4).AddHours(3);
            var command = CommandPicker.Pick(choice, state, now, criminal);
            CaseEvent[] produced;
            try
            {
                produced = CaseDecider.Decide(command, state);
            }
            catch (CaseRuleViolation violation)
            {
                Assert.False(string.IsNullOrWhiteSpace(violation.Code));
                continue;
            }

            foreach (var e in produced)
            {
                Assert.Equal(Id, e.CaseId);
                Assert.Equal(command.Now, e.OccurredAt);
                state = CaseDecider.Evolve(state, e);
                events.Add(e);
            }

            // An accepted command repeated at once is an idempotent no-op.
            if (produced.Length > 0)
            {
                Assert.Empty(CaseDecider.Decide(command, state));
            }

            AssertConsistent(state, events.Count);
        }

        // Replaying the same events gives the same state, every time.
        Assert.Equal(Json(state), Json(CaseDecider.Fold(events)));
        Assert.Equal(Json(CaseDecider.Fold(events)), Json(CaseDecider.Fold(events.ToArray())));
    }

    [Property(MaxTest = 40)]
    public void Generated_scenarios_are_accepted_in_full_and_replay_deterministically(int seed)
    {
        var generator = new CaseScenarioGenerator(seed);
        var scenarios = generator.Generate(8);
        Assert.Equal(0, generator.RefusedCommands);
        foreach (var scenario in scenarios)
        {
            var state = CaseState.Empty;
            var events = new List<CaseEvent>();
            foreach (var command in scenario.Commands)
            {
                var produced = CaseDecider.Decide(command, state);
                Assert.NotEmpty(produced);
                foreach (var e in produced)
                {
                    state = CaseDecider.Evolve(state, e);
                    events.Add(e);
                }
            }

            Assert.Equal(scenario.EventCount, events.Count);
            Assert.Equal(scenario.FinalStatus, state.Status);
            AssertConsistent(state, events.Count);
            Assert.Equal(Json(state), Json(CaseDecider.Fold(events)));
        }
    }

    internal static void AssertConsistent(CaseState s, int eventCount)
    {
        Assert.Equal(eventCount, s.Version);
        Assert.Equal(s.Version, s.EventTypes.Count);
        Assert.Contains(s.Status, Reachable);
        Assert.Equal(s.Status == CaseStatus.Suspended, s.CurrentSuspension is { To: null });
        Assert.All(s.Suspensions.Take(s.Suspensions.Count - (s.IsSuspended ? 1 : 0)), p => Assert.True(p.To >= p.From));
        if (s.Status is CaseStatus.Decided or CaseStatus.UnderAppeal or CaseStatus.InForce)
        {
            Assert.NotNull(s.CurrentAct);
        }

        if (s.Status is CaseStatus.Received or CaseStatus.Accepted or CaseStatus.ReadyForTrial)
        {
            Assert.Null(s.CurrentActId);
        }

        Assert.Equal(s.Status == CaseStatus.UnderAppeal, s.Appeals.Values.Any(a => a.Status == AppealStatus.Pending) && !s.IsTerminal && !s.IsSuspended);
        Assert.Equal(s.IsTerminal, s.ClosedAt is not null);
        Assert.Equal(s.AcceptedAt is not null, s.JudgeId is not null);
        Assert.All(s.ErasedVersions, v => Assert.InRange(v, 1, s.Version));

        foreach (var d in s.Deadlines)
        {
            Assert.Equal(TermCalculator.Default.EndOf(d.DueOn), d.DueAt);
            Assert.True(d.DueAt > d.StartsAt, $"{d.SourceRowId} is due before it starts");
            Assert.Equal(d.Status == DeadlineStatus.Running, d.ClosedAt is null);
            Assert.Equal(TermRuleBook.Default[d.SourceRowId].Kind, d.Kind);
            if (d.Obligation == TermObligation.Party)
            {
                Assert.NotEqual(DeadlineStatus.Breached, d.Status);
            }
        }

        Assert.Equal(
            s.Deadlines.Count(d => d.IsRunning),
            s.Deadlines.Where(d => d.IsRunning).Select(d => (d.SourceRowId, d.SubjectId)).Distinct().Count());
        if (s.IsTerminal)
        {
            Assert.DoesNotContain(s.Deadlines, d => d.IsRunning);
        }
    }
}

/// <summary>Turns a number into a command for the current state: mostly the next sensible step, sometimes anything at all.</summary>
internal static class CommandPicker
{
    private static readonly Participant[] People = [Plaintiff, Defendant, Lawyer, Witness, Prosecutor, Accused];

    public static CaseCommand Pick(int choice, CaseState s, DateTimeOffset now, bool criminal)
    {
        var r = new Random(choice);
        return r.Next(10) < 7 ? Happy(s, now, criminal, r) : Any(s, now, criminal, r);
    }

    private static T Of<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    private static Guid SomeId<T>(Random r, IEnumerable<KeyValuePair<Guid, T>> map)
    {
        var keys = map.Select(kv => kv.Key).ToList();
        return keys.Count == 0 || r.Next(8) == 0 ? Guid.NewGuid() : Of(r, keys);
    }

    private static CaseCommand Happy(CaseState s, DateTimeOffset now, bool criminal, Random r)
    {
        var judge = s.JudgeId ?? Judge.ParticipantId;
        switch (s.Status)
        {
            case CaseStatus.None:
                return criminal
                    ? new ReceiveCriminalCase(Id, "astana-esil", "1-17-26", "261500031000123", "Прокуратура", [Doc("indictment")], now)
                    : new FileClaim(Id, CaseKind.Civil, (CaseCategory)r.Next(8), "almaty-bostandyk", "2-101-26", "Иск", Plaintiff, [Doc("claim")], now);
            case CaseStatus.Received:
                return new AcceptCase(Id, Judge, now);
            case CaseStatus.Accepted or CaseStatus.ReadyForTrial:
                if (s.Participants.Count < 4)
                {
                    return new AdmitParticipants(Id, criminal ? [Prosecutor, Lawyer, Accused] : [Defendant, Lawyer, Prosecutor], now);
                }

                if (!criminal && s.PreparationCompletedAt is null)
                {
                    return new CompletePreparation(Id, judge, now);
                }

                if (r.Next(12) == 0)
                {
                    return new SuspendProceedings(Id, judge, criminal ? SuspensionGround.AccusedAbroad : SuspensionGround.DefendantSearch, null, null, now);
                }

                var scheduled = s.Hearings.Values.FirstOrDefault(h => h.Status == HearingStatus.Scheduled);
                if (scheduled is not null)
                {
                    return now >= scheduled.StartsAt
                        ? new HoldHearing(Id, scheduled.HearingId, [Recording("r" + r.Next())], now)
                        : new PostponeHearing(Id, scheduled.HearingId, "Неявка", now);
                }

                if (s.HearingsHeld == 0 || r.Next(3) == 0)
                {
                    return new ScheduleHearing(Id, Guid.NewGuid(), now.AddDays(4), (HearingFormat)r.Next(3), "Зал 1", "https://vks.sud.kz/r", [judge], now);
                }

                return new IssueJudgment(Id, Guid.NewGuid(), criminal ? ActKind.Verdict : ActKind.Decision, judge, Doc("judgment" + r.Next()), null, now);
            case CaseStatus.Suspended:
                return new ResumeProceedings(Id, judge, null, now);
            case CaseStatus.Decided:
                var act = s.CurrentActId ?? Guid.NewGuid();
                return r.Next(3) == 0
                    ? new FileAppeal(Id, Guid.NewGuid(), act, Of(r, People).ParticipantId, Doc("appeal" + r.Next()), null, now)
                    : new EnterJudgmentIntoForce(Id, act, now.AddDays(20));
            case CaseStatus.UnderAppeal:
                var appeal = s.Appeals.Values.First(a => a.Status == AppealStatus.Pending);
                var outcome = (AppealOutcome)r.Next(3);
                return new DecideAppeal(Id, appeal.AppealId, outcome, "almaty-regional", Doc("decision" + r.Next()), outcome == AppealOutcome.Amended ? Doc("amended" + r.Next()) : null, now);
            case CaseStatus.InForce:
                return new CloseCase(Id, ClosureReason.Archived, null, now);
            default:
                return new OrderErasure(Id, Guid.NewGuid(), (ErasureReason)r.Next(2), null, [r.Next(1, (int)Math.Max(2, s.Version + 2))], now);
        }
    }

    private static CaseCommand Any(CaseState s, DateTimeOffset now, bool criminal, Random r)
    {
        var judge = r.Next(6) == 0 ? OtherJudge.ParticipantId : s.JudgeId ?? Judge.ParticipantId;
        var person = Of(r, People).ParticipantId;
        return r.Next(22) switch
        {
            0 => new ReceiveCriminalCase(Id, "astana-esil", "1-17-26", "261500031000123", "Прокуратура", [Doc("x")], now),
            1 => new FileClaim(Id, criminal ? CaseKind.Criminal : CaseKind.Administrative, CaseCategory.General, "almaty-bostandyk", "3-5-26", "Иск", Plaintiff, [Doc("claim")], now),
            2 => new AcceptCase(Id, r.Next(2) == 0 ? Judge : OtherJudge, now),
            3 => new ReturnCase(Id, judge, "Причина", null, now),
            4 => new AdmitParticipants(Id, [Of(r, People) with { Role = (ParticipantRole)r.Next(12) }], now),
            5 => new AttachMaterial(Id, SomeId(r, s.Materials), Doc("m" + r.Next(3)), person, now),
            6 => new FileMotion(Id, SomeId(r, s.Motions), person, "reinstate-term", Doc("motion"), now),
            7 => new DecideMotion(Id, SomeId(r, s.Motions), judge, (MotionOutcome)r.Next(3), null, now),
            8 => new CompletePreparation(Id, judge, now),
            9 => new ScheduleHearing(Id, SomeId(r, s.Hearings), now.AddDays(r.Next(-1, 6)), (HearingFormat)r.Next(3), "Зал", r.Next(2) == 0 ? "https://vks.sud.kz/r" : null, [person], now),
            10 => new HoldHearing(Id, SomeId(r, s.Hearings), r.Next(4) == 0 ? [] : [Recording("r")], now),
            11 => new PostponeHearing(Id, SomeId(r, s.Hearings), "Причина", now),
            12 => new SuspendProceedings(Id, judge, (SuspensionGround)r.Next(21), null, null, now),
            13 => new ResumeProceedings(Id, judge, null, now),
            14 => new IssueJudgment(Id, SomeId(r, s.Acts), (ActKind)r.Next(3), judge, Doc("j"), null, now),
            15 => new EnterJudgmentIntoForce(Id, SomeId(r, s.Acts), now),
            16 => new FileAppeal(Id, SomeId(r, s.Appeals), SomeId(r, s.Acts), person, Doc("appeal"), r.Next(2) == 0 ? SomeId(r, s.Motions) : null, now),
            17 => new DecideAppeal(Id, SomeId(r, s.Appeals), (AppealOutcome)r.Next(3), r.Next(5) == 0 ? "almaty-medeu" : "almaty-regional", Doc("d"), r.Next(2) == 0 ? Doc("a") : null, now),
            18 => new SetAsideJudgment(Id, SomeId(r, s.Acts), "Кассация", Doc("c"), now),
            19 => new CloseCase(Id, (ClosureReason)r.Next(5), null, now),
            20 => new TransferCase(Id, r.Next(2) == 0 ? "almaty-medeu" : "almaty-bostandyk", "Подсудность", now),
            _ => new OrderErasure(Id, Guid.NewGuid(), (ErasureReason)r.Next(2), null, [r.Next(0, (int)s.Version + 2)], now),
        };
    }
}

public class CommandPickerCoverageTests
{
    [Fact]
    public void The_random_command_walk_reaches_every_stage_of_a_case()
    {
        var reached = new HashSet<CaseStatus>();
        var random = new Random(5);
        for (var run = 0; run < 200; run++)
        {
            var state = CaseState.Empty;
            var now = T0;
            for (var step = 0; step < 60; step++)
            {
                var choice = random.Next();
                now = now.AddDays(choice % 4).AddHours(3);
                try
                {
                    foreach (var e in CaseDecider.Decide(CommandPicker.Pick(choice, state, now, run % 2 == 0), state))
                    {
                        state = CaseDecider.Evolve(state, e);
                    }
                }
                catch (CaseRuleViolation)
                {
                }

                reached.Add(state.Status);
            }
        }

        Assert.Superset(Enum.GetValues<CaseStatus>().ToHashSet(), reached);
        Assert.Equal(Enum.GetValues<CaseStatus>().Order(), reached.Order());
    }
}
