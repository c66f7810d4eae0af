using Ledger.Domain.Cases;
using Ledger.Projections.Publication;
using Ledger.Projections.Tests.Ledger;

namespace Ledger.Projections.Tests.Publication;

/// <summary>A case ledger with an in-memory document store and the publication projector, on its own database.</summary>
public sealed class PublishingLedger : IAsyncDisposable
{
    private int _sequence;

    private PublishingLedger(LedgerTestContext ledger)
    {
        Ledger = ledger;
        Projector = new PublicationProjector(ledger.DataSource, ledger.Store, Texts) { RetryDelay = TimeSpan.Zero };
        Search = new ActSearch(ledger.DataSource);
    }

    public LedgerTestContext Ledger { get; }

    public InMemoryActTextSource Texts { get; } = new();

    public PublicationProjector Projector { get; }

    public ActSearch Search { get; }

    public static async Task<PublishingLedger> CreateAsync(string connectionString)
    {
        var ledger = await LedgerTestContext.CreateAsync(connectionString);
        await PublicationSchema.EnsureAsync(ledger.DataSource);
        return new PublishingLedger(ledger);
    }

    /// <summary>Sequences everything appended so far and lets the read models catch up.</summary>
    public async Task CatchUpAsync()
    {
        await Ledger.SequenceAllAsync();
        await Projector.CatchUpAsync();
    }

    public sealed record ActCase(Guid CaseId, Guid ActId, string DocumentHash, Guid PlaintiffId, Guid DefendantId, Guid JudgeId, string CaseNumber);

    /// <summary>
    /// A civil case in the simplified procedure: claim, acceptance, a defendant admitted, the judgment (its document is
    /// <paramref name="actText"/>, stored unless <paramref name="storeText"/> is false) and, unless
    /// <paramref name="enterIntoForce"/> is false, entry into force two months later (or an appeal, upheld). The claim
    /// names <paramref name="closedCategories"/>, when given.
    /// </summary>
    public async Task<ActCase> DecidedCivilCaseAsync(
        string actText,
        string plaintiff = "Иванов Иван Иванович",
        string defendant = "Петров Пётр Петрович",
        string judge = "Ахметова Асель Маратовна",
        string courtId = "almaty-bostandyk",
        DateTimeOffset? issuedAt = null,
        bool storeText = true,
        bool enterIntoForce = true,
        bool viaUpheldAppeal = false,
        string? outcome = null,
        IReadOnlyList<ClosedCategory>? closedCategories = null)
    {
        var n = Interlocked.Increment(ref _sequence);
        var at = issuedAt ?? new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.FromHours(5));
        var filedAt = at.AddDays(-20);
        var caseId = Guid.NewGuid();
        var actId = Guid.NewGuid();
        var plaintiffP = new Participant(Guid.NewGuid(), ParticipantRole.Plaintiff, plaintiff, null);
        var defendantP = new Participant(Guid.NewGuid(), ParticipantRole.Defendant, defendant, null);
        var judgeP = new Participant(Guid.NewGuid(), ParticipantRole.Judge, judge, null);
        var number = CaseNumber.Format(CaseKind.Civil, 500 + n, at.Year);
        var hash = storeText
            ? Texts.AddText(actText)
            : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(actText)));
        var document = new DocumentRef(hash, "judgment", $"act-{n}.txt", "text/plain", System.Text.Encoding.UTF8.GetByteCount(actText));

        await Ledger.Cases.HandleAsync(new FileClaim(caseId, CaseKind.Civil, CaseCategory.Simplified, courtId, number,
            "О взыскании долга", plaintiffP, [LedgerTestContext.Document("claim", n)], filedAt, closedCategories));
        await Ledger.Cases.HandleAsync(new AcceptCase(caseId, judgeP, filedAt.AddDays(1)));
        await Ledger.Cases.HandleAsync(new AdmitParticipants(caseId, [defendantP], filedAt.AddDays(2)));
        await Ledger.Cases.HandleAsync(new IssueJudgment(caseId, actId, ActKind.Decision, judgeP.ParticipantId, document, outcome, at));
        if (viaUpheldAppeal)
        {
            var appealId = Guid.NewGuid();
            await Ledger.Cases.HandleAsync(new FileAppeal(caseId, appealId, actId, defendantP.ParticipantId,
                LedgerTestContext.Document("appeal", n), null, at.AddDays(10)));
            var court = CourtRegistry.Find(courtId)!.AppellateCourtId!;
            await Ledger.Cases.HandleAsync(new DecideAppeal(caseId, appealId, AppealOutcome.Upheld, court,
                LedgerTestContext.Document("appeal-decision", n), null, at.AddDays(40)));
        }
        else if (enterIntoForce)
        {
            await Ledger.Cases.HandleAsync(new EnterJudgmentIntoForce(caseId, actId, at.AddMonths(2)));
        }

        return new ActCase(caseId, actId, hash, plaintiffP.ParticipantId, defendantP.ParticipantId, judgeP.ParticipantId, number);
    }

    public ValueTask DisposeAsync() => Ledger.DisposeAsync();
}
