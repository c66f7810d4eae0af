using System.Security.Cryptography;
using System.Text;
using Ledger.Domain.Cases;
using Ledger.Projections.Cases;
using Ledger.Projections.Log;

namespace Ledger.Api.Tests.Verification;

/// <summary>A file and its SHA-256 (lower-case hex).</summary>
public sealed record TestDocument(byte[] Content, string Sha256)
{
    public static TestDocument Create(string text)
    {
        var content = Encoding.UTF8.GetBytes(text);
        return new TestDocument(content, Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    public DocumentRef Ref(string kind) => new(Sha256, kind, kind + ".pdf", "application/pdf", Content.Length);
}

/// <summary>Cases with judgments: issued, set aside, amended on appeal.</summary>
public sealed class JudgmentScenarios(CaseLedger cases)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(5));
    private int _sequence;

    public sealed record IssuedJudgment(Guid CaseId, string CaseNumber, Guid ActId, Guid JudgeId, Guid ClaimantId, TestDocument Judgment, Guid EventId);

    /// <summary>Files a simplified civil claim, accepts it and issues a decision whose text is <paramref name="text"/>.</summary>
    public async Task<IssuedJudgment> IssueAsync(string text)
    {
        var n = Interlocked.Increment(ref _sequence);
        var caseId = Guid.NewGuid();
        var claimant = new Participant(Guid.NewGuid(), ParticipantRole.Plaintiff, "Истец " + n, null);
        var judge = new Participant(Guid.NewGuid(), ParticipantRole.Judge, "Судья " + n, null);
        var number = CaseNumber.Format(CaseKind.Civil, 100 + n, T0.Year);
        var claim = TestDocument.Create($"claim {n} {caseId}");
        await cases.HandleAsync(new FileClaim(caseId, CaseKind.Civil, CaseCategory.Simplified, CourtRegistry.FirstInstance[0].Id, number,
            "О взыскании долга", claimant, [claim.Ref("claim")], T0));
        await cases.HandleAsync(new AcceptCase(caseId, judge, T0.AddDays(1)));
        var judgment = TestDocument.Create(text);
        var actId = Guid.NewGuid();
        var result = await cases.HandleAsync(new IssueJudgment(caseId, actId, ActKind.Decision, judge.ParticipantId, judgment.Ref("decision"), "иск удовлетворён", T0.AddDays(10)));
        return new IssuedJudgment(caseId, number, actId, judge.ParticipantId, claimant.ParticipantId, judgment, result.Events[0].EventId);
    }

    /// <summary>Sets the judgment aside (cassation); returns the document of the act that set it aside.</summary>
    public async Task<TestDocument> SetAsideAsync(IssuedJudgment judgment)
    {
        var ruling = TestDocument.Create($"cassation ruling for {judgment.ActId}");
        await cases.HandleAsync(new SetAsideJudgment(judgment.CaseId, judgment.ActId, "новые обстоятельства", ruling.Ref("ruling"), T0.AddDays(20)));
        return ruling;
    }

    /// <summary>The claimant appeals and the appellate court amends the judgment; returns the amended text.</summary>
    public async Task<TestDocument> AmendOnAppealAsync(IssuedJudgment judgment)
    {
        var appealId = Guid.NewGuid();
        var appeal = TestDocument.Create($"appeal against {judgment.ActId}");
        await cases.HandleAsync(new FileAppeal(judgment.CaseId, appealId, judgment.ActId, judgment.ClaimantId, appeal.Ref("appeal"), null, T0.AddDays(12)));
        var decision = TestDocument.Create($"appellate decision {appealId}");
        var amended = TestDocument.Create($"amended text of {judgment.ActId}");
        var appellate = CourtRegistry.All.First(c => c.Level == CourtLevel.Regional).Id;
        await cases.HandleAsync(new DecideAppeal(judgment.CaseId, appealId, AppealOutcome.Amended, appellate, decision.Ref("appeal-decision"), amended.Ref("decision"), T0.AddDays(30)));
        return amended;
    }

    /// <summary>Waits until the running sequencer has put every committed event in the log.</summary>
    public static async Task WaitForSequencingAsync(LogReader log, Npgsql.NpgsqlDataSource dataSource)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = dataSource.CreateCommand("select count(*) from ledger.pending");
            var pending = (long)(await command.ExecuteScalarAsync())!;
            if (pending == 0 && await log.GetTreeSizeAsync() > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The sequencer did not catch up within 30 seconds.");
    }
}
