using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledger.Domain.Terms;

namespace Ledger.Domain.Cases.Scenarios;

/// <summary>Shape of the generated caseload.</summary>
public sealed record CaseScenarioOptions
{
    /// <summary>First day cases may arrive (courts' civil time).</summary>
    public DateTimeOffset Start { get; init; } = new(2025, 1, 6, 9, 0, 0, TimeSpan.FromHours(5));

    /// <summary>Arrivals are spread over this many days.</summary>
    public int Days { get; init; } = 365;

    /// <summary>Commands after this moment are not generated, so late arrivals stay pending. Default: Start + Days.</summary>
    public DateTimeOffset? Horizon { get; init; }

    public double CriminalShare { get; init; } = 0.35;

    public double AdministrativeShare { get; init; } = 0.05;

    public double ReturnRate { get; init; } = 0.04;

    public double TransferRate { get; init; } = 0.02;

    public double WithdrawalRate { get; init; } = 0.06;

    public double SuspensionRate { get; init; } = 0.12;

    public double PostponementRate { get; init; } = 0.2;

    public double MotionRate { get; init; } = 0.3;

    public double AppealRate { get; init; } = 0.18;

    /// <summary>Share of cases that miss a court term (late acceptance or late judgment).</summary>
    public double LateRate { get; init; } = 0.1;

    public double VideoShare { get; init; } = 0.35;

    public double ErasureRate { get; init; } = 0.01;

    /// <summary>
    /// Share of cases whose judgment entered into force that the court then marks as of a closed category (minors,
    /// adoption ...). Drawn from a stream of its own, so the other commands of a seed stay what they were.
    /// </summary>
    public double ClosedCategoryRate { get; init; } = 0.03;

    /// <summary>Share of claims triaged at intake (a suggestion recorded and reviewed by a clerk before acceptance).</summary>
    public double IntakeRate { get; init; } = 0.5;

    /// <summary>Share of intake suggestions the clerk overrides.</summary>
    public double IntakeOverrideRate { get; init; } = 0.15;

    /// <summary>First-instance courts to spread cases over (default: the registry's).</summary>
    public IReadOnlyList<Court>? Courts { get; init; }
}

/// <summary>A generated case: its commands in time order, all accepted by the decider.</summary>
public sealed record CaseScenario(
    Guid CaseId,
    CaseKind Kind,
    CaseCategory Category,
    string CourtId,
    string CaseNumber,
    IReadOnlyList<CaseCommand> Commands,
    int EventCount,
    CaseStatus FinalStatus,
    bool PastTerm);

/// <summary>
/// Produces realistic command sequences for criminal, civil and administrative cases across the
/// courts over a year: acceptance, participants, materials, motions, hearings (in person, video,
/// mobile), postponements, suspensions, judgments, appeals with all outcomes, retrials, entry into
/// force, archiving, returns, transfers, withdrawals and a few erasure orders; some cases miss their
/// terms. Pure and deterministic for a seed: each command is checked with <see cref="CaseDecider"/>.
/// </summary>
public sealed class CaseScenarioGenerator
{
    private static readonly string[] MaleNames = ["Арман", "Ерлан", "Нурлан", "Серик", "Бауыржан", "Данияр", "Асхат", "Тимур", "Марат", "Ержан", "Алексей", "Сергей"];
    private static readonly string[] FemaleNames = ["Айгерим", "Динара", "Гульнар", "Асель", "Жанна", "Мадина", "Сауле", "Алия", "Елена", "Ольга"];
    private static readonly string[] Surnames = ["Ахметов", "Нурланов", "Сериков", "Жумабаев", "Касымов", "Омаров", "Искаков", "Абенов", "Тулегенов", "Иванов", "Сагинтаев", "Бекмухамедов"];
    private static readonly SuspensionGround[] CivilGrounds =
    [
        SuspensionGround.ExpertExamination, SuspensionGround.ExpertExamination, SuspensionGround.DefendantSearch,
        SuspensionGround.PartyInHospital, SuspensionGround.DependsOnOtherCase, SuspensionGround.PartyDiedOrReorganised,
        SuspensionGround.PartyOnBusinessTripOrStateDuty, SuspensionGround.GuardianshipReport,
    ];
    private static readonly SuspensionGround[] CriminalGrounds =
    [
        SuspensionGround.AccusedAbsconded, SuspensionGround.AccusedSeriouslyIll, SuspensionGround.AccusedAbroad,
        SuspensionGround.LegalAssistanceRequest, SuspensionGround.TortureComplaintCheck,
    ];
    private static readonly SuspensionGround[] AdministrativeGrounds =
    [
        SuspensionGround.AdministrativeExpertExamination, SuspensionGround.AdministrativeDependsOnOtherCase,
    ];
    private static readonly string[] MotionKinds = ["expert-examination", "summon-witness", "request-evidence", "interim-measures", "postpone-hearing"];

    private readonly Random _random;
    private readonly Random _closedCategories;
    private readonly CaseScenarioOptions _options;
    private readonly IReadOnlyList<Court> _courts;
    private readonly DateTimeOffset _horizon;
    private readonly Dictionary<string, int> _sequences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Participant[]> _judges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Participant[]> _prosecutors = new(StringComparer.Ordinal);
    private static TermCalculator Calendar => TermCalculator.Default;

    public CaseScenarioGenerator(int seed, CaseScenarioOptions? options = null)
    {
        _random = new Random(seed);
        _closedCategories = new Random(unchecked(seed * 31 + 7));
        _options = options ?? new CaseScenarioOptions();
        _courts = _options.Courts is { Count: > 0 } courts ? courts : CourtRegistry.FirstInstance;
        _horizon = _options.Horizon ?? _options.Start.AddDays(_options.Days);
    }

    /// <summary>Commands refused by the decider while generating (skipped); zero unless the rules and the generator disagree.</summary>
    public int RefusedCommands { get; private set; }

    public IReadOnlyList<CaseScenario> Generate(int count) => Enumerable.Range(0, count).Select(_ => Next()).ToArray();

    /// <summary>All commands of the scenarios in time order (stable for equal times), as a court system would send them.</summary>
    public static IEnumerable<CaseCommand> Interleave(IEnumerable<CaseScenario> scenarios) =>
        scenarios.SelectMany((s, i) => s.Commands.Select((c, j) => (c, i, j))).OrderBy(x => x.c.Now).ThenBy(x => x.i).ThenBy(x => x.j).Select(x => x.c);

    public CaseScenario Next()
    {
        var roll = _random.NextDouble();
        var kind = roll < _options.CriminalShare ? CaseKind.Criminal
            : roll < _options.CriminalShare + _options.AdministrativeShare ? CaseKind.Administrative
            : CaseKind.Civil;
        var court = _courts[_random.Next(_courts.Count)];
        var arrival = WorkingMoment(Calendar.LocalDate(_options.Start).AddDays(_random.Next(Math.Max(1, _options.Days))));
        var run = new Run(this, NewGuid(), arrival);
        var category = kind == CaseKind.Civil ? CivilCategory() : CaseCategory.General;
        var year = Calendar.LocalDate(arrival).Year;
        var key = string.Create(CultureInfo.InvariantCulture, $"{court.Id}/{kind}/{year}");
        var sequence = _sequences[key] = _sequences.GetValueOrDefault(key) + 1;
        var number = CaseNumber.Format(kind, sequence, year);

        if (kind == CaseKind.Criminal)
        {
            Criminal(run, court, number);
        }
        else
        {
            NonCriminal(run, court, number, kind, category);
        }

        return new CaseScenario(run.CaseId, kind, category, court.Id, number, run.Commands, run.Events,
            run.State.Status, run.State.Deadlines.Any(d => d.Status == DeadlineStatus.Breached));
    }

    private void Criminal(Run run, Court court, string number)
    {
        var erdr = string.Create(CultureInfo.InvariantCulture, $"{Calendar.LocalDate(run.Clock).Year % 100:D2}{_random.NextInt64(0, 10_000_000_000_000):D13}");
        if (!run.Do(new ReceiveCriminalCase(run.CaseId, court.Id, number, erdr, $"Прокуратура ({court.City})",
                [Document(run, "indictment"), Document(run, "criminal-case-file"), Document(run, "evidence-list")], run.Clock)))
        {
            return;
        }

        if (Chance(_options.ReturnRate))
        {
            run.Do(new ReturnCase(run.CaseId, Judge(court).ParticipantId, "Возвращено прокурору для устранения препятствий", Document(run, "return-ruling"), run.After(Days(1, 4))));
            return;
        }

        var late = Chance(_options.LateRate);
        var judge = Judge(court);
        if (!run.Do(new AcceptCase(run.CaseId, judge, run.After(late ? Days(6, 10) : Days(1, 4)))))
        {
            return;
        }

        var accused = Person(ParticipantRole.Accused);
        List<Participant> parties = [Prosecutor(court), Person(ParticipantRole.Lawyer, withIin: false), accused];
        if (Chance(0.6))
        {
            parties.Add(Person(ParticipantRole.Victim));
        }

        run.Do(new AdmitParticipants(run.CaseId, parties, run.Clock));
        MaybeMotion(run, judge, parties[1]);
        if (Chance(_options.SuspensionRate))
        {
            SuspendAndResume(run, judge, CriminalGrounds);
        }

        Hearings(run, judge, parties, minimumNoticeDays: 3, count: _random.Next(1, 4));
        Judgment(run, judge, ActKind.Verdict, parties, court);
    }

    private void NonCriminal(Run run, Court court, string number, CaseKind kind, CaseCategory category)
    {
        var plaintiff = Person(ParticipantRole.Plaintiff);
        var claim = Document(run, "claim");
        if (!run.Do(new FileClaim(run.CaseId, kind, category, court.Id, number, Subject(kind, category), plaintiff,
                [claim, Document(run, "state-duty-receipt")], run.Clock)))
        {
            return;
        }

        Intake(run, kind, category, court, plaintiff, claim);

        if (Chance(_options.ReturnRate))
        {
            run.Do(new ReturnCase(run.CaseId, Judge(court).ParticipantId, "Иск не соответствует требованиям к форме и содержанию", Document(run, "return-ruling"), run.AfterWorkingDays(_random.Next(1, 5))));
            return;
        }

        var lateAcceptance = Chance(_options.LateRate / 2);
        var judge = Judge(court);
        if (!run.Do(new AcceptCase(run.CaseId, judge, run.AfterWorkingDays(lateAcceptance ? _random.Next(6, 12) : _random.Next(1, 5)))))
        {
            return;
        }

        List<Participant> parties = [plaintiff, Person(ParticipantRole.Defendant), Person(ParticipantRole.Lawyer, withIin: false)];
        if (Chance(0.1))
        {
            parties.Add(Person(ParticipantRole.ThirdParty));
        }

        run.Do(new AdmitParticipants(run.CaseId, parties.Skip(1).ToArray(), run.Clock));
        run.Do(new AttachMaterial(run.CaseId, NewGuid(), Document(run, "statement-of-defence"), parties[1].ParticipantId, run.After(Days(3, 10))));
        MaybeMotion(run, judge, parties[2]);

        if (Chance(_options.TransferRate))
        {
            var target = _courts.Where(c => c.Id != court.Id).ElementAtOrDefault(_random.Next(Math.Max(1, _courts.Count - 1)));
            if (target is not null)
            {
                run.Do(new TransferCase(run.CaseId, target.Id, "Передано по подсудности", run.After(Days(1, 5))));
                return;
            }
        }

        if (Chance(_options.WithdrawalRate))
        {
            run.Do(new CloseCase(run.CaseId, Chance(0.5) ? ClosureReason.ClaimWithdrawn : ClosureReason.Settlement, Document(run, "termination-ruling"), run.After(Days(5, 30))));
            return;
        }

        var kindOfAct = kind == CaseKind.Civil || kind == CaseKind.Administrative ? ActKind.Decision : ActKind.Ruling;
        if (category == CaseCategory.Simplified)
        {
            Judgment(run, judge, kindOfAct, parties, court);
            return;
        }

        if (kind == CaseKind.Civil)
        {
            run.Do(new CompletePreparation(run.CaseId, judge.ParticipantId, run.After(Days(5, 20))));
        }

        if (Chance(_options.SuspensionRate))
        {
            SuspendAndResume(run, judge, kind == CaseKind.Civil ? CivilGrounds : AdministrativeGrounds);
        }

        Hearings(run, judge, parties, minimumNoticeDays: 1, count: _random.Next(1, 3));
        Judgment(run, judge, kindOfAct, parties, court);
    }

    private void Hearings(Run run, Participant judge, IReadOnlyList<Participant> parties, int minimumNoticeDays, int count)
    {
        var consideration = run.State.Deadlines.FirstOrDefault(d => d.Kind == "consideration" && d.IsRunning);
        var late = consideration is not null && Chance(_options.LateRate);
        for (var i = 0; i < count && !run.Stopped; i++)
        {
            var startsAt = WorkingMoment(Calendar.LocalDate(run.Clock).AddDays(minimumNoticeDays + _random.Next(2, 15)));
            if (late && i == count - 1 && startsAt < consideration!.DueAt)
            {
                startsAt = WorkingMoment(consideration.DueOn.AddDays(_random.Next(3, 20)));
            }

            var hearingId = NewGuid();
            var format = Chance(_options.VideoShare) ? HearingFormat.Video : Chance(0.05) ? HearingFormat.Mobile : HearingFormat.InPerson;
            var link = format == HearingFormat.Video ? $"https://vks.sud.kz/room/{hearingId:N}" : null;
            if (!run.Do(new ScheduleHearing(run.CaseId, hearingId, startsAt, format, $"Зал {_random.Next(1, 12)}", link,
                    [judge.ParticipantId, .. parties.Select(p => p.ParticipantId)], run.Clock)))
            {
                return;
            }

            if (Chance(_options.PostponementRate))
            {
                run.Do(new PostponeHearing(run.CaseId, hearingId, "Неявка стороны по уважительной причине", run.At(startsAt.AddHours(-20))));
                i--;
                count = Math.Min(count, 4);
                if (_random.Next(3) == 0)
                {
                    continue;
                }

                break;
            }

            run.Do(new HoldHearing(run.CaseId, hearingId, [Recording(run, "audio"), Recording(run, "video")], run.At(startsAt.AddMinutes(_random.Next(30, 180)))));
        }

        if (run.State.HearingsHeld == 0 && !run.Stopped)
        {
            var startsAt = WorkingMoment(Calendar.LocalDate(run.Clock).AddDays(minimumNoticeDays + _random.Next(2, 10)));
            var hearingId = NewGuid();
            if (run.Do(new ScheduleHearing(run.CaseId, hearingId, startsAt, HearingFormat.InPerson, "Зал 1", null, [judge.ParticipantId], run.Clock)))
            {
                run.Do(new HoldHearing(run.CaseId, hearingId, [Recording(run, "audio")], run.At(startsAt.AddHours(1))));
            }
        }
    }

    private void Judgment(Run run, Participant judge, ActKind actKind, IReadOnlyList<Participant> parties, Court court)
    {
        var simplified = run.State.Category == CaseCategory.Simplified;
        var due = run.State.Deadlines.FirstOrDefault(d => d.Kind == "consideration" && d.IsRunning);
        var issueAt = simplified && due is not null && Chance(_options.LateRate)
            ? WorkingMoment(due.DueOn.AddDays(_random.Next(2, 15)))
            : run.After(Days(simplified ? 10 : 0, simplified ? 25 : 3));
        var actId = NewGuid();
        if (!run.Do(new IssueJudgment(run.CaseId, actId, actKind, judge.ParticipantId, Document(run, actKind.ToString().ToLowerInvariant()),
                actKind == ActKind.Verdict ? "Признать виновным" : "Иск удовлетворить частично", run.At(issueAt))))
        {
            return;
        }

        var window = run.State.Deadlines.LastOrDefault(d => d.SubjectId == actId);
        var appellants = parties.Where(p => CaseNames.IsParty(p.Role)).ToArray();
        if (window is not null && appellants.Length > 0 && Chance(_options.AppealRate))
        {
            var appealAt = run.At(Min(run.Clock.AddDays(_random.Next(3, 20)), window.DueAt.AddHours(-8)));
            var appealId = NewGuid();
            var appellant = appellants[_random.Next(appellants.Length)];
            if (!run.Do(new FileAppeal(run.CaseId, appealId, actId, appellant.ParticipantId, Document(run, "appeal"), null, appealAt)))
            {
                return;
            }

            var outcomeRoll = _random.NextDouble();
            var outcome = outcomeRoll < 0.65 ? AppealOutcome.Upheld : outcomeRoll < 0.85 ? AppealOutcome.Amended : AppealOutcome.SetAside;
            var decidedAt = run.After(Days(30, 75));
            if (!run.Do(new DecideAppeal(run.CaseId, appealId, outcome, court.AppellateCourtId ?? "astana-regional",
                    Document(run, "appellate-decision"), outcome == AppealOutcome.Amended ? Document(run, "amended-act") : null, decidedAt)))
            {
                return;
            }

            if (outcome == AppealOutcome.SetAside)
            {
                Hearings(run, judge, parties, minimumNoticeDays: 3, count: 1);
                Judgment(run, judge, actKind, parties, court);
                return;
            }
        }
        else if (window is not null)
        {
            run.Do(new EnterJudgmentIntoForce(run.CaseId, actId, run.At(Max(run.Clock, window.DueAt.AddHours(_random.Next(9, 72))))));
        }
        else
        {
            run.Do(new EnterJudgmentIntoForce(run.CaseId, actId, run.After(Days(10, 30))));
        }

        if (run.State.CurrentAct is { Status: ActStatus.InForce })
        {
            // Some cases turn out to be of a closed category after their act was published: marked at the moment of
            // entry into force (the clock does not move, so the rest of the case is unchanged).
            var marked = _closedCategories.NextDouble() < _options.ClosedCategoryRate;
            var category = (ClosedCategory)_closedCategories.Next(Enum.GetValues<ClosedCategory>().Length);
            if (marked)
            {
                run.Do(new MarkClosedCategory(run.CaseId, category, run.Clock));
            }

            run.Do(new CloseCase(run.CaseId, ClosureReason.Archived, null, run.After(Days(5, 40))));
            if (Chance(_options.ErasureRate))
            {
                run.Do(new OrderErasure(run.CaseId, NewGuid(), ErasureReason.CourtOrder, "Определение суда об удалении персональных данных", [2], run.After(Days(1, 30))));
            }
        }
    }

    private void SuspendAndResume(Run run, Participant judge, SuspensionGround[] grounds)
    {
        var ground = grounds[_random.Next(grounds.Length)];
        if (run.Do(new SuspendProceedings(run.CaseId, judge.ParticipantId, ground, null, Document(run, "suspension-ruling"), run.After(Days(2, 12)))))
        {
            run.Do(new ResumeProceedings(run.CaseId, judge.ParticipantId, "Обстоятельства, вызвавшие приостановление, устранены", run.After(Days(10, 90))));
        }
    }

    private void MaybeMotion(Run run, Participant judge, Participant by)
    {
        if (!Chance(_options.MotionRate))
        {
            return;
        }

        var motionId = NewGuid();
        if (run.Do(new FileMotion(run.CaseId, motionId, by.ParticipantId, MotionKinds[_random.Next(MotionKinds.Length)], Document(run, "motion"), run.After(Days(1, 7)))))
        {
            var outcome = (MotionOutcome)_random.Next(3);
            run.Do(new DecideMotion(run.CaseId, motionId, judge.ParticipantId, outcome, Document(run, "motion-ruling"), run.After(Days(1, 5))));
        }
    }

    /// <summary>
    /// Intake triage of the claim: a suggestion and the clerk's review, both before acceptance. Decided
    /// from the case id, not the random stream, so the rest of the caseload is the same with or without it.
    /// </summary>
    private void Intake(Run run, CaseKind kind, CaseCategory category, Court court, Participant plaintiff, DocumentRef claim)
    {
        var roll = SHA256.HashData(run.CaseId.ToByteArray());
        if (roll[0] / 256.0 >= _options.IntakeRate)
        {
            return;
        }

        var subcategory = (kind, category) switch
        {
            (CaseKind.Administrative, _) => "administrative",
            (_, CaseCategory.General) => "debt-loan",
            _ => CaseNames.Of(category),
        };
        var suggestion = new IntakeSuggestion(kind, category, subcategory, "ru",
            [new IntakeParty(ParticipantRole.Plaintiff, plaintiff.DisplayName, plaintiff.Iin, true, null)],
            category == CaseCategory.Simplified ? 300_000m + (roll[1] * 1000m) : null,
            category == CaseCategory.Simplified ? true : null, court.Id, []);
        var assessmentId = new Guid(roll.AsSpan(0, 16));
        if (!run.Do(new RecordIntakeAssessment(run.CaseId, assessmentId, claim, suggestion, "scenario-generator", [new IntakeReason("model.category", subcategory)], run.Clock.AddMinutes(2))))
        {
            return;
        }

        var clerk = new Guid(roll.AsSpan(16, 16));
        var overridden = roll[2] / 256.0 < _options.IntakeOverrideRate;
        run.Do(overridden
            ? new ReviewIntake(run.CaseId, assessmentId, clerk, suggestion with { Completeness = ["missing:copy-for-defendant"] }, "Нет копии иска для ответчика", run.Clock.AddMinutes(40))
            : new ReviewIntake(run.CaseId, assessmentId, clerk, suggestion, null, run.Clock.AddMinutes(40)));
    }

    private CaseCategory CivilCategory()
    {
        var roll = _random.Next(100);
        return roll switch
        {
            < 68 => CaseCategory.General,
            < 76 => CaseCategory.Alimony,
            < 81 => CaseCategory.Reinstatement,
            < 83 => CaseCategory.Paternity,
            < 88 => CaseCategory.SpecialProceedings,
            < 91 => CaseCategory.SpecialClaim,
            < 99 => CaseCategory.Simplified,
            _ => CaseCategory.StrikeIllegal,
        };
    }

    private static string Subject(CaseKind kind, CaseCategory category) => (kind, category) switch
    {
        (CaseKind.Administrative, _) => "Об оспаривании административного акта",
        (_, CaseCategory.Alimony) => "О взыскании алиментов на содержание несовершеннолетнего ребёнка",
        (_, CaseCategory.Reinstatement) => "О восстановлении на работе и взыскании заработной платы за время вынужденного прогула",
        (_, CaseCategory.Paternity) => "Об установлении отцовства",
        (_, CaseCategory.SpecialProceedings) => "Об установлении факта, имеющего юридическое значение",
        (_, CaseCategory.SpecialClaim) => "Об оспаривании решения государственного органа",
        (_, CaseCategory.Simplified) => "О взыскании задолженности по договору поставки",
        (_, CaseCategory.StrikeIllegal) => "О признании забастовки незаконной",
        _ => "О взыскании задолженности по договору займа",
    };

    private Participant Judge(Court court)
    {
        if (!_judges.TryGetValue(court.Id, out var pool))
        {
            pool = Enumerable.Range(0, _random.Next(3, 7)).Select(_ => Person(ParticipantRole.Judge, withIin: false)).ToArray();
            _judges[court.Id] = pool;
        }

        return pool[_random.Next(pool.Length)];
    }

    private Participant Prosecutor(Court court)
    {
        if (!_prosecutors.TryGetValue(court.Id, out var pool))
        {
            pool = Enumerable.Range(0, 3).Select(_ => Person(ParticipantRole.Prosecutor, withIin: false)).ToArray();
            _prosecutors[court.Id] = pool;
        }

        return pool[_random.Next(pool.Length)];
    }

    private Participant Person(ParticipantRole role, bool withIin = true)
    {
        var female = _random.Next(2) == 0;
        var first = female ? FemaleNames[_random.Next(FemaleNames.Length)] : MaleNames[_random.Next(MaleNames.Length)];
        var surname = Surnames[_random.Next(Surnames.Length)] + (female ? "а" : "");
        var birth = new DateOnly(1950, 1, 1).AddDays(_random.Next(0, 20000));
        return new Participant(NewGuid(), role, $"{surname} {first}", withIin ? Iin(birth, female) : null);
    }

    /// <summary>A well-formed IIN (birth date, century and sex digit, serial, check digit as published).</summary>
    private string Iin(DateOnly birth, bool female)
    {
        while (true)
        {
            var century = birth.Year >= 2000 ? (female ? 6 : 5) : (female ? 4 : 3);
            var body = string.Create(CultureInfo.InvariantCulture, $"{birth.Year % 100:D2}{birth.Month:D2}{birth.Day:D2}{century}{_random.Next(0, 10000):D4}");
            var digits = body.Select(c => c - '0').ToArray();
            var check = digits.Select((d, i) => d * (i + 1)).Sum() % 11;
            if (check == 10)
            {
                int[] weights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
                check = digits.Select((d, i) => d * weights[i]).Sum() % 11;
            }

            if (check < 10)
            {
                return body + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    private static DocumentRef Document(Run run, string kind)
    {
        var n = ++run.Documents;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{run.CaseId:N}/{kind}/{n}")));
        return new DocumentRef(hash, kind, $"{kind}-{n}.pdf", "application/pdf", 40_000 + (hash[0] * 997L));
    }

    private static DocumentRef Recording(Run run, string kind)
    {
        var n = ++run.Documents;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{run.CaseId:N}/{kind}/{n}")));
        return new DocumentRef(hash, "hearing-" + kind, $"hearing-{kind}-{n}.{(kind == "audio" ? "ogg" : "mp4")}", kind == "audio" ? "audio/ogg" : "video/mp4", 20_000_000 + (hash[1] * 100_003L));
    }

    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private bool Chance(double p) => _random.NextDouble() < p;

    private TimeSpan Days(int min, int max) => TimeSpan.FromDays(_random.Next(min, max + 1)) + TimeSpan.FromMinutes(_random.Next(0, 240));

    private DateTimeOffset WorkingMoment(DateOnly date) =>
        new(Calendar.NextWorkingDayOnOrAfter(date).ToDateTime(new TimeOnly(9 + _random.Next(0, 8), _random.Next(0, 60))), Calendar.TimeZoneOffset);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>One case being generated: its state, clock and accepted commands.</summary>
    private sealed class Run(CaseScenarioGenerator owner, Guid caseId, DateTimeOffset arrival)
    {
        public Guid CaseId { get; } = caseId;

        public DateTimeOffset Clock { get; private set; } = arrival;

        public CaseState State { get; private set; } = CaseState.Empty;

        public List<CaseCommand> Commands { get; } = [];

        public int Events { get; private set; }

        public int Documents { get; set; }

        public bool Stopped { get; private set; }

        public DateTimeOffset After(TimeSpan span) => Clock + span;

        public DateTimeOffset AfterWorkingDays(int days) =>
            new(Calendar.AddWorkingDays(Calendar.LocalDate(Clock), days).ToDateTime(new TimeOnly(10, 0)), Calendar.TimeZoneOffset);

        /// <summary>Never earlier than the clock: time only moves forward.</summary>
        public DateTimeOffset At(DateTimeOffset moment) => moment < Clock ? Clock.AddMinutes(5) : moment;

        public bool Do(CaseCommand command)
        {
            if (Stopped || command.Now > owner._horizon)
            {
                Stopped = true;
                return false;
            }

            try
            {
                var events = CaseDecider.Decide(command, State);
                foreach (var e in events)
                {
                    State = CaseDecider.Evolve(State, e);
                }

                Events += events.Length;
                Commands.Add(command);
                Clock = command.Now > Clock ? command.Now : Clock;
                return true;
            }
            catch (CaseRuleViolation)
            {
                owner.RefusedCommands++;
                return false;
            }
        }
    }
}
