using System.Security.Claims;
using Ledger.Api.Security;
using Ledger.Domain.Cases;

namespace Ledger.Api.Tests.Cases;

/// <summary>Every rule of <see cref="CaseAccess"/>, allowed and denied, on cases built by the decider.</summary>
public sealed class CaseAccessTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 2, 10, 0, 0, TimeSpan.FromHours(5));
    private static readonly Guid CivilId = Guid.Parse("0b8f3c1e-7a53-4c43-9a55-1d2a3b4c5d6e");
    private static readonly Guid CriminalId = Guid.Parse("1b8f3c1e-7a53-4c43-9a55-1d2a3b4c5d6e");
    private const string Court = "almaty-bostandyk";
    private const string Office = "prosecutor-office-almaty";

    private static readonly Participant Judge = new(Guid.Parse("10000000-0000-0000-0000-000000000001"), ParticipantRole.Judge, "Сериков Арман", null);
    private static readonly Participant Plaintiff = new(Guid.Parse("20000000-0000-0000-0000-000000000001"), ParticipantRole.Plaintiff, "Нурланова Айгерим", "061211600012");
    private static readonly Participant Lawyer = new(Guid.Parse("20000000-0000-0000-0000-000000000003"), ParticipantRole.Lawyer, "Касымова Р.", null);
    private static readonly Participant Witness = new(Guid.Parse("20000000-0000-0000-0000-000000000004"), ParticipantRole.Witness, "Иванов П.", null);
    private static readonly Participant Prosecutor = new(Guid.Parse("20000000-0000-0000-0000-000000000005"), ParticipantRole.Prosecutor, "Жумабаев К.", null);
    private static readonly Guid Stranger = Guid.Parse("90000000-0000-0000-0000-000000000009");

    private static DocumentRef Doc(string name) => new(new string('a', 63) + name.Length % 10, "document", name + ".pdf", "application/pdf", 10);

    private static CaseState Run(params CaseCommand[] commands) =>
        commands.Aggregate(CaseState.Empty, (state, command) => CaseDecider.Decide(command, state).Aggregate(state, CaseDecider.Evolve));

    private static readonly CaseState Received = Run(
        new FileClaim(CivilId, CaseKind.Civil, CaseCategory.General, Court, "2-101-26", "О взыскании долга", Plaintiff, [Doc("claim")], T0));

    private static readonly CaseState Civil = Run(
        new FileClaim(CivilId, CaseKind.Civil, CaseCategory.General, Court, "2-101-26", "О взыскании долга", Plaintiff, [Doc("claim")], T0),
        new AcceptCase(CivilId, Judge, T0.AddDays(1)),
        new AdmitParticipants(CivilId, [Lawyer, Witness, Prosecutor], T0.AddDays(1)));

    private static readonly CaseState Criminal = Run(
        new ReceiveCriminalCase(CriminalId, Court, "1-17-26", "261500031000123", Office, [Doc("indictment")], T0));

    private static ClaimsPrincipal User(string role, string subject, string? court = null)
    {
        var claims = new List<Claim> { new(LedgerClaims.Subject, subject), new(LedgerClaims.Role, role) };
        if (court is not null)
        {
            claims.Add(new Claim(LedgerClaims.Court, court));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", LedgerClaims.Name, LedgerClaims.Role));
    }

    public static TheoryData<string, string, string?, CaseAction, CaseAccessDecision> CivilRules => new()
    {
        // Court systems: every action on their court's cases; none on another court's.
        { Roles.CourtSystem, "court-system-1", Court, CaseAction.IssueJudgment, CaseAccessDecision.Allowed },
        { Roles.CourtSystem, "court-system-1", Court, CaseAction.OrderErasure, CaseAccessDecision.Allowed },
        { Roles.CourtSystem, "court-system-2", "astana-esil", CaseAction.Read, CaseAccessDecision.NotFound },
        // Clerks: the registry's actions in their court; judicial acts are forbidden; another court's cases unknown.
        { Roles.Clerk, "clerk-1", Court, CaseAction.ScheduleHearing, CaseAccessDecision.Allowed },
        { Roles.Clerk, "clerk-1", Court, CaseAction.OrderErasure, CaseAccessDecision.Allowed },
        { Roles.Clerk, "clerk-1", Court, CaseAction.IssueJudgment, CaseAccessDecision.Forbidden },
        { Roles.Clerk, "clerk-1", Court, CaseAction.DecideMotion, CaseAccessDecision.Forbidden },
        { Roles.Clerk, "clerk-2", "astana-esil", CaseAction.Read, CaseAccessDecision.NotFound },
        // Judges: their own cases; another judge's case does not exist for them, even in the same court.
        { Roles.Judge, Judge.ParticipantId.ToString(), Court, CaseAction.IssueJudgment, CaseAccessDecision.Allowed },
        { Roles.Judge, Judge.ParticipantId.ToString(), Court, CaseAction.OrderErasure, CaseAccessDecision.Forbidden },
        { Roles.Judge, Judge.ParticipantId.ToString(), Court, CaseAction.FileAppeal, CaseAccessDecision.Forbidden },
        { Roles.Judge, Stranger.ToString(), Court, CaseAction.Read, CaseAccessDecision.NotFound },
        { Roles.Judge, Stranger.ToString(), Court, CaseAction.Accept, CaseAccessDecision.NotFound },
        // Lawyers, prosecutors, parties: where admitted, in that role.
        { Roles.Lawyer, Lawyer.ParticipantId.ToString(), null, CaseAction.Read, CaseAccessDecision.Allowed },
        { Roles.Lawyer, Lawyer.ParticipantId.ToString(), null, CaseAction.FileMotion, CaseAccessDecision.Allowed },
        { Roles.Lawyer, Lawyer.ParticipantId.ToString(), null, CaseAction.DecideMotion, CaseAccessDecision.Forbidden },
        { Roles.Lawyer, Lawyer.ParticipantId.ToString(), null, CaseAction.AdmitParticipants, CaseAccessDecision.Forbidden },
        { Roles.Lawyer, Stranger.ToString(), null, CaseAction.Read, CaseAccessDecision.NotFound },
        { Roles.Lawyer, "not-a-guid", null, CaseAction.Read, CaseAccessDecision.NotFound },
        { Roles.Prosecutor, Prosecutor.ParticipantId.ToString(), null, CaseAction.FileAppeal, CaseAccessDecision.Allowed },
        { Roles.Prosecutor, Prosecutor.ParticipantId.ToString(), null, CaseAction.Close, CaseAccessDecision.Forbidden },
        { Roles.Party, Plaintiff.ParticipantId.ToString(), null, CaseAction.AttachMaterial, CaseAccessDecision.Allowed },
        { Roles.Party, Plaintiff.ParticipantId.ToString(), null, CaseAction.Transfer, CaseAccessDecision.Forbidden },
        // A witness is admitted but is not a party; a token whose role differs from the admitted role sees nothing.
        { Roles.Party, Witness.ParticipantId.ToString(), null, CaseAction.Read, CaseAccessDecision.NotFound },
        { Roles.Party, Lawyer.ParticipantId.ToString(), null, CaseAction.Read, CaseAccessDecision.NotFound },
        { Roles.Lawyer, Prosecutor.ParticipantId.ToString(), null, CaseAction.Read, CaseAccessDecision.NotFound },
        // Auditors read everything, change nothing; analysts and chairs of other courts see no case.
        { Roles.Auditor, "auditor-1", null, CaseAction.Read, CaseAccessDecision.Allowed },
        { Roles.Auditor, "auditor-1", null, CaseAction.AttachMaterial, CaseAccessDecision.Forbidden },
        { Roles.Analyst, "analyst-1", Court, CaseAction.Read, CaseAccessDecision.NotFound },
        { Roles.CourtChair, "chair-1", Court, CaseAction.Read, CaseAccessDecision.Allowed },
        { Roles.CourtChair, "chair-1", Court, CaseAction.IssueJudgment, CaseAccessDecision.Forbidden },
        { Roles.CourtChair, "chair-2", "astana-esil", CaseAction.Read, CaseAccessDecision.NotFound },
        // Law-enforcement systems: nothing of civil cases.
        { Roles.LawEnforcementSystem, Office, null, CaseAction.Read, CaseAccessDecision.NotFound },
    };

    [Theory]
    [MemberData(nameof(CivilRules))]
    public void Given_an_accepted_civil_case_When_a_caller_asks_Then_the_rules_decide(
        string role, string subject, string? court, CaseAction action, CaseAccessDecision expected) =>
        Assert.Equal(expected, CaseAccess.Decide(User(role, subject, court), Civil, action));

    [Theory]
    [InlineData(Roles.Judge, CaseAction.Accept, CaseAccessDecision.Allowed)]
    [InlineData(Roles.Judge, CaseAction.Return, CaseAccessDecision.Allowed)]
    [InlineData(Roles.Judge, CaseAction.IssueJudgment, CaseAccessDecision.Forbidden)]
    public void Given_an_unassigned_case_When_a_judge_of_its_court_asks_Then_only_acceptance_and_return_are_open(
        string role, CaseAction action, CaseAccessDecision expected) =>
        Assert.Equal(expected, CaseAccess.Decide(User(role, Stranger.ToString(), Court), Received, action));

    [Fact]
    public void Given_an_unassigned_case_When_a_judge_of_another_court_asks_Then_it_does_not_exist_for_them() =>
        Assert.Equal(CaseAccessDecision.NotFound, CaseAccess.Decide(User(Roles.Judge, Stranger.ToString(), "astana-esil"), Received, CaseAction.Accept));

    [Theory]
    [InlineData(Office, CaseAction.Read, CaseAccessDecision.Allowed)]
    [InlineData(Office, CaseAction.TransmitCriminalCase, CaseAccessDecision.Allowed)]
    [InlineData(Office, CaseAction.AttachMaterial, CaseAccessDecision.Forbidden)]
    [InlineData("prosecutor-office-astana", CaseAction.Read, CaseAccessDecision.NotFound)]
    public void Given_a_transmitted_criminal_case_When_a_law_enforcement_system_asks_Then_only_the_sender_follows_it(
        string subject, CaseAction action, CaseAccessDecision expected) =>
        Assert.Equal(expected, CaseAccess.Decide(User(Roles.LawEnforcementSystem, subject), Criminal, action, Office));

    [Fact]
    public void Given_no_case_When_anyone_asks_Then_it_is_not_found() =>
        Assert.Equal(CaseAccessDecision.NotFound, CaseAccess.Decide(User(Roles.CourtSystem, "cs", Court), CaseState.Empty, CaseAction.Read));

    [Theory]
    [InlineData(Roles.LawEnforcementSystem, null, CaseAction.TransmitCriminalCase, CaseAccessDecision.Allowed)]
    [InlineData(Roles.CourtSystem, Court, CaseAction.TransmitCriminalCase, CaseAccessDecision.Allowed)]
    [InlineData(Roles.CourtSystem, "astana-esil", CaseAction.TransmitCriminalCase, CaseAccessDecision.Forbidden)]
    [InlineData(Roles.Clerk, Court, CaseAction.TransmitCriminalCase, CaseAccessDecision.Forbidden)]
    [InlineData(Roles.Lawyer, null, CaseAction.TransmitCriminalCase, CaseAccessDecision.Forbidden)]
    [InlineData(Roles.Clerk, Court, CaseAction.FileClaim, CaseAccessDecision.Allowed)]
    [InlineData(Roles.Clerk, "astana-esil", CaseAction.FileClaim, CaseAccessDecision.Forbidden)]
    [InlineData(Roles.Judge, Court, CaseAction.FileClaim, CaseAccessDecision.Forbidden)]
    [InlineData(Roles.LawEnforcementSystem, null, CaseAction.FileClaim, CaseAccessDecision.Forbidden)]
    [InlineData(Roles.Auditor, null, CaseAction.FileClaim, CaseAccessDecision.Forbidden)]
    public void Given_a_new_case_When_someone_opens_it_Then_only_senders_for_that_court_may(
        string role, string? court, CaseAction action, CaseAccessDecision expected) =>
        Assert.Equal(expected, CaseAccess.DecideNew(User(role, "sender", court), action, Court));

    [Fact]
    public void Given_a_party_filing_a_claim_When_the_claimant_is_someone_else_Then_it_is_forbidden()
    {
        var party = User(Roles.Party, Plaintiff.ParticipantId.ToString());
        Assert.Equal(CaseAccessDecision.Allowed, CaseAccess.DecideNew(party, CaseAction.FileClaim, Court, Plaintiff.ParticipantId));
        Assert.Equal(CaseAccessDecision.Forbidden, CaseAccess.DecideNew(party, CaseAction.FileClaim, Court, Stranger));
    }

    [Theory]
    [InlineData(Roles.Clerk, CaseVisibility.Court)]
    [InlineData(Roles.Lawyer, CaseVisibility.Participant)]
    [InlineData(Roles.Auditor, CaseVisibility.Redacted)]
    [InlineData(Roles.Analyst, CaseVisibility.None)]
    public void Given_a_case_When_its_visibility_is_asked_Then_each_role_sees_its_share(string role, CaseVisibility expected)
    {
        var subject = role == Roles.Lawyer ? Lawyer.ParticipantId.ToString() : "someone";
        Assert.Equal(expected, CaseAccess.VisibilityOf(User(role, subject, Court), Civil));
    }
}
