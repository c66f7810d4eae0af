using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Domain.Cases;

namespace Ledger.Domain.Tests.Cases;

/// <summary>Builds case states by running commands through the decider, so every state is one the rules allow.</summary>
internal sealed class CaseFixture
{
    public static readonly TimeSpan Kz = TimeSpan.FromHours(5);

    /// <summary>Monday 2 February 2026, 10:00 Astana time.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 2, 2, 10, 0, 0, Kz);

    public static readonly Guid Id = Guid.Parse("0b8f3c1e-7a53-4c43-9a55-1d2a3b4c5d6e");
    public static readonly Guid ActId = Guid.Parse("a0000000-0000-0000-0000-000000000001");
    public static readonly Guid HearingId = Guid.Parse("b0000000-0000-0000-0000-000000000001");
    public static readonly Guid MotionId = Guid.Parse("c0000000-0000-0000-0000-000000000001");
    public static readonly Guid AppealId = Guid.Parse("d0000000-0000-0000-0000-000000000001");

    public static readonly Guid AssessmentId = Guid.Parse("e0000000-0000-0000-0000-000000000001");
    public static readonly Guid Clerk = Guid.Parse("30000000-0000-0000-0000-000000000001");

    public static readonly Participant Judge = new(Guid.Parse("10000000-0000-0000-0000-000000000001"), ParticipantRole.Judge, "Сериков Арман Болатович", null);
    public static readonly Participant OtherJudge = new(Guid.Parse("10000000-0000-0000-0000-000000000002"), ParticipantRole.Judge, "Омарова Динара", null);
    public static readonly Participant Plaintiff = new(Guid.Parse("20000000-0000-0000-0000-000000000001"), ParticipantRole.Plaintiff, "Нурланова Айгерим Маратовна", "061211600012");
    public static readonly Participant Defendant = new(Guid.Parse("20000000-0000-0000-0000-000000000002"), ParticipantRole.Defendant, "Ахметов Ерлан", "791028302728");
    public static readonly Participant Lawyer = new(Guid.Parse("20000000-0000-0000-0000-000000000003"), ParticipantRole.Lawyer, "Адвокат Касымова Р.", null);
    public static readonly Participant Witness = new(Guid.Parse("20000000-0000-0000-0000-000000000004"), ParticipantRole.Witness, "Свидетель Иванов П.", null);
    public static readonly Participant Prosecutor = new(Guid.Parse("20000000-0000-0000-0000-000000000005"), ParticipantRole.Prosecutor, "Прокурор Жумабаев К.", null);
    public static readonly Participant Accused = new(Guid.Parse("20000000-0000-0000-0000-000000000006"), ParticipantRole.Accused, "Подсудимый Сидоров В.", "900101300017");

    /// <summary>An intake suggestion for the civil fixture's claim (a loan debt under the simplified-procedure threshold).</summary>
    public static readonly IntakeSuggestion Suggestion = new(
        CaseKind.Civil, CaseCategory.General, "debt-loan", "ru",
        [
            new IntakeParty(ParticipantRole.Plaintiff, "Нурланова Айгерим Маратовна", "061211600012", true, "г. Алматы, ул. Абая, 10"),
            new IntakeParty(ParticipantRole.Defendant, "Ахметов Ерлан", "791028302728", true, "г. Алматы, Бостандыкский район"),
        ],
        350_000m, true, "almaty-bostandyk", ["missing:copy-for-defendant"]);

    public CaseState State { get; private set; } = CaseState.Empty;

    public List<CaseEvent> Events { get; } = [];

    public static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static DocumentRef Doc(string name, string kind = "document") => new(Sha(name), kind, name + ".pdf", "application/pdf", 2048);

    public static DocumentRef Recording(string name) => new(Sha(name), "hearing-recording", name + ".mp4", "video/mp4", 50_000_000);

    public static DateTimeOffset Day(int days, int hour = 10) => new(T0.Date.AddDays(days).AddHours(hour), Kz);

    public CaseFixture Do(CaseCommand command)
    {
        foreach (var e in CaseDecider.Decide(command, State))
        {
            State = CaseDecider.Evolve(State, e);
            Events.Add(e);
        }

        return this;
    }

    public static CaseFixture Civil(CaseCategory category = CaseCategory.General) =>
        new CaseFixture().Do(new FileClaim(Id, CaseKind.Civil, category, "almaty-bostandyk", "2-101-26", "О взыскании задолженности по договору займа", Plaintiff, [Doc("claim")], T0));

    public static CaseFixture Criminal() =>
        new CaseFixture().Do(new ReceiveCriminalCase(Id, "astana-esil", "1-17-26", "261500031000123", "Прокуратура Есильского района", [Doc("indictment"), Doc("case-file")], T0));

    public CaseFixture Accepted(int day = 1) =>
        Do(new AcceptCase(Id, Judge, Day(day)))
            .Do(new AdmitParticipants(Id, State.Kind == CaseKind.Criminal ? [Prosecutor, Lawyer, Accused, Witness] : [Defendant, Lawyer, Witness, Prosecutor], Day(day)));

    public CaseFixture Prepared(int day = 4) => Do(new CompletePreparation(Id, Judge.ParticipantId, Day(day)));

    public CaseFixture Scheduled(int onDay = 4, int forDay = 14, Guid? hearingId = null) =>
        Do(new ScheduleHearing(Id, hearingId ?? HearingId, Day(forDay), HearingFormat.Video, "Зал 3", "https://vks.sud.kz/room/42", [Judge.ParticipantId, Lawyer.ParticipantId], Day(onDay)));

    public CaseFixture Held(int day = 14, Guid? hearingId = null) => Do(new HoldHearing(Id, hearingId ?? HearingId, [Recording("h-" + day)], Day(day, 12)));

    public CaseFixture Heard() => Scheduled().Held();

    public CaseFixture Decided(int day = 15) =>
        Do(new IssueJudgment(Id, ActId, State.Kind == CaseKind.Criminal ? ActKind.Verdict : ActKind.Decision, Judge.ParticipantId, Doc("judgment"), "Иск удовлетворить", Day(day)));

    public CaseFixture Suspended(int day = 6, SuspensionGround? ground = null) =>
        Do(new SuspendProceedings(Id, Judge.ParticipantId, ground ?? (State.Kind == CaseKind.Criminal ? SuspensionGround.AccusedAbsconded : SuspensionGround.ExpertExamination), "Назначена экспертиза", Doc("suspension-ruling"), Day(day)));

    public CaseFixture Resumed(int day) => Do(new ResumeProceedings(Id, Judge.ParticipantId, "Заключение эксперта получено", Day(day)));

    public CaseFixture Appealed(int day = 20) => Do(new FileAppeal(Id, AppealId, ActId, Defendant.ParticipantId, Doc("appeal"), null, Day(day)));

    public CaseFixture InForce(int day = 60) => Do(new EnterJudgmentIntoForce(Id, ActId, Day(day)));

    public CaseFixture Closed(int day = 70) => Do(new CloseCase(Id, ClosureReason.Archived, null, Day(day)));

    /// <summary>A civil case decided and waiting for appeals.</summary>
    public static CaseFixture CivilDecided() => Civil().Accepted().Prepared().Heard().Decided();

    public CaseFixture Assessed(Guid? assessmentId = null, IntakeSuggestion? suggestion = null, int minutes = 5) =>
        Do(new RecordIntakeAssessment(Id, assessmentId ?? AssessmentId, Doc("claim"), suggestion ?? Suggestion, "model-v1", [new IntakeReason("amount.tenge", "350 000 тг")], T0.AddMinutes(minutes)));

    public static string Json(CaseState state) => JsonSerializer.Serialize(state);
}

internal static class Refusal
{
    /// <summary>Asserts the command is refused with this code and a message in all three languages.</summary>
    public static CaseRuleViolation Expect(string code, CaseCommand command, CaseState state)
    {
        var ex = Assert.Throws<CaseRuleViolation>(() => CaseDecider.Decide(command, state));
        Assert.Equal(code, ex.Code);
        Assert.False(string.IsNullOrWhiteSpace(ex.MessageRu));
        Assert.False(string.IsNullOrWhiteSpace(ex.MessageKk));
        Assert.False(string.IsNullOrWhiteSpace(ex.MessageEn));
        Assert.Equal(ex.MessageEn, ex.Message);
        return ex;
    }
}
