using Ledger.Domain.Cases;
using Ledger.Domain.Integrity;
using Ledger.Projections.Cases;
using Ledger.Projections.Log;
using Ledger.Projections.Sequencing;
using Ledger.Projections.Storage;
using Marten;
using Npgsql;

namespace Ledger.Projections.Tests.Ledger;

/// <summary>A case ledger on its own database of the shared test cluster.</summary>
public sealed class LedgerTestContext : IAsyncDisposable
{
    public const string Origin = "test.ledger.court.example/2026";

    private LedgerTestContext(NpgsqlDataSource dataSource, DocumentStore store, NoteSigner signer)
    {
        DataSource = dataSource;
        Store = store;
        Signer = signer;
        Cases = new CaseLedger(store, Origin);
        Log = new LogReader(dataSource);
    }

    public NpgsqlDataSource DataSource { get; }

    public DocumentStore Store { get; }

    public NoteSigner Signer { get; }

    public CaseLedger Cases { get; }

    public LogReader Log { get; }

    public static async Task<LedgerTestContext> CreateAsync(string connectionString)
    {
        var dataSource = LedgerDataSource.Create(connectionString);
        await LedgerSchema.EnsureAsync(dataSource);
        var store = MartenConfiguration.CreateStore(dataSource);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return new LedgerTestContext(dataSource, store, NoteSigner.Generate(Origin));
    }

    public Sequencer NewSequencer(int batchSize = 5000) =>
        new(DataSource, Signer, new SequencerOptions { Origin = Origin, BatchSize = batchSize, PollInterval = TimeSpan.FromMilliseconds(20) });

    /// <summary>Sequences everything pending with a fresh leader.</summary>
    public async Task SequenceAllAsync()
    {
        await using var sequencer = NewSequencer();
        Assert.True(await sequencer.TryBecomeLeaderAsync(), "the test sequencer must become leader");
        while (await sequencer.SequenceBatchAsync() > 0)
        {
        }
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static DocumentRef Document(string name, int seed) =>
        new(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name + seed))),
            "evidence", name + ".pdf", "application/pdf", 1000 + seed);

    /// <summary>Files and accepts a civil case; returns its id, the judge's id and the claimant's id.</summary>
    public async Task<(Guid CaseId, Guid JudgeId, Guid ClaimantId)> NewAcceptedCaseAsync(int n, DateTimeOffset now)
    {
        var caseId = Guid.NewGuid();
        var claimant = new Participant(Guid.NewGuid(), ParticipantRole.Plaintiff, "Истец " + n, null);
        var judge = new Participant(Guid.NewGuid(), ParticipantRole.Judge, "Судья " + n, null);
        var number = CaseNumber.Format(CaseKind.Civil, 1000 + n, now.Year);
        await Cases.HandleAsync(new FileClaim(caseId, CaseKind.Civil, CaseCategory.General, CourtRegistry.FirstInstance[n % CourtRegistry.FirstInstance.Count].Id, number,
            "О взыскании долга", claimant, [Document("claim", n)], now));
        await Cases.HandleAsync(new AcceptCase(caseId, judge, now.AddDays(1)));
        return (caseId, judge.ParticipantId, claimant.ParticipantId);
    }

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        await DataSource.DisposeAsync();
    }
}
