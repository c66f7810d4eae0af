using System.Globalization;
using Ledger.Anchoring.Contracts;
using Ledger.Domain.Cases;
using Ledger.Domain.Integrity;
using Ledger.LocalStack;
using Ledger.Projections.Cases;
using Ledger.Projections.Log;
using Ledger.Projections.Sequencing;
using Ledger.Projections.Storage;
using Marten;
using Nethereum.Signer;
using Npgsql;

namespace Ledger.Anchoring.Tests.Infrastructure;

/// <summary>
/// A case ledger on its own database, a LedgerAnchor contract of its own on a chain, and an anchorer account of its
/// own (funded, holding the anchorer role), so that tests do not see each other's anchors or nonces.
/// </summary>
public sealed class AnchoringTestContext : IAsyncDisposable
{
    public const string Origin = "anchoring.test.court.example/2026";

    private AnchoringTestContext(NpgsqlDataSource dataSource, DocumentStore store, string rpcUrl, long chainId, string contract, string anchorerKey)
    {
        DataSource = dataSource;
        Store = store;
        Signer = NoteSigner.Generate(Origin);
        Cases = new CaseLedger(store, Origin);
        Log = new LogReader(dataSource);
        Anchors = new AnchorStore(dataSource);
        RpcUrl = rpcUrl;
        ChainId = chainId;
        ContractAddress = contract;
        AnchorerKey = anchorerKey;
        AnchorerAddress = new EthECKey(anchorerKey).GetPublicAddress();
    }

    public NpgsqlDataSource DataSource { get; }

    public DocumentStore Store { get; }

    public NoteSigner Signer { get; }

    public CaseLedger Cases { get; }

    public LogReader Log { get; }

    public AnchorStore Anchors { get; }

    public string RpcUrl { get; }

    public long ChainId { get; }

    public string ContractAddress { get; }

    public string AnchorerKey { get; }

    public string AnchorerAddress { get; }

    public static byte[] LogIdBytes => LogId.FromOrigin(Origin);

    /// <summary>A fresh database and a fresh contract and anchorer account on the chain at <paramref name="rpcUrl"/>.</summary>
    public static async Task<AnchoringTestContext> CreateAsync(string connectionString, string rpcUrl, long chainId)
    {
        var dataSource = LedgerDataSource.Create(connectionString);
        await LedgerSchema.EnsureAsync(dataSource);
        var store = MartenConfiguration.CreateStore(dataSource);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var anchorerKey = EthECKey.GenerateKey().GetPrivateKey();
        var deployment = await ContractDeployer.DeployAsync(rpcUrl, chainId, anchorerKey);
        return new AnchoringTestContext(dataSource, store, rpcUrl, chainId, deployment.ContractAddress, anchorerKey);
    }

    /// <summary>A client that signs as the anchorer account.</summary>
    public LedgerAnchorClient NewAnchorerClient() => LedgerAnchorClient.Connect(RpcUrl, ContractAddress, AnchorerKey, ChainId);

    /// <summary>A client that signs as the contract's admin (anvil dev account 0).</summary>
    public LedgerAnchorClient AdminClient() => LedgerAnchorClient.Connect(RpcUrl, ContractAddress, ContractDeployer.DevAccountPrivateKey, ChainId);

    public AnchorerOptions Options(int everyLeaves = 1, double everySeconds = 3600, int confirmations = 1) => new()
    {
        Origin = Origin,
        ChainId = ChainId,
        EveryLeaves = everyLeaves,
        Every = TimeSpan.FromSeconds(everySeconds),
        Confirmations = confirmations,
        PollInterval = TimeSpan.FromMilliseconds(100),
        LeaderRetryInterval = TimeSpan.FromMilliseconds(200),
        RetryBaseDelay = TimeSpan.FromMilliseconds(200),
        RetryMaxDelay = TimeSpan.FromSeconds(1),
        ErrorRetryInterval = TimeSpan.FromMilliseconds(300),
    };

    /// <summary>A new anchorer (its own client and connection), as a restarted process would make.</summary>
    public Anchorer NewAnchorer(AnchorerOptions options, Microsoft.Extensions.Logging.ILogger<Anchorer>? logger = null) =>
        new(DataSource, NewAnchorerClient(), options, logger);

    public ReceiptService NewReceiptService() => new(DataSource, Log, Anchors, new ReceiptAnchorScope(ChainId, ContractAddress));

    public Sequencer NewSequencer() =>
        new(DataSource, Signer, new SequencerOptions { Origin = Origin, PollInterval = TimeSpan.FromMilliseconds(20) });

    /// <summary>Sequences everything pending with a fresh leader.</summary>
    public async Task<long> SequenceAllAsync()
    {
        await using var sequencer = NewSequencer();
        Assert.True(await sequencer.TryBecomeLeaderAsync(), "the test sequencer must become leader");
        while (await sequencer.SequenceBatchAsync() > 0)
        {
        }

        return await Log.GetTreeSizeAsync();
    }

    /// <summary>Files and accepts <paramref name="count"/> civil cases (two events each); returns the event ids.</summary>
    public async Task<IReadOnlyList<Guid>> AppendCasesAsync(int count)
    {
        var ids = new List<Guid>();
        var now = DateTimeOffset.UtcNow;
        for (var n = 0; n < count; n++)
        {
            var caseId = Guid.NewGuid();
            var claimant = new Participant(Guid.NewGuid(), ParticipantRole.Plaintiff, "Истец " + n, null);
            var judge = new Participant(Guid.NewGuid(), ParticipantRole.Judge, "Судья " + n, null);
            var number = CaseNumber.Format(CaseKind.Civil, Random.Shared.Next(1, 99999), now.Year);
            var court = CourtRegistry.FirstInstance[n % CourtRegistry.FirstInstance.Count].Id;
            var filed = await Cases.HandleAsync(new FileClaim(
                caseId, CaseKind.Civil, CaseCategory.General, court, number, "О взыскании долга", claimant,
                [Document("claim", n)], now));
            var accepted = await Cases.HandleAsync(new AcceptCase(caseId, judge, now.AddDays(1)));
            ids.AddRange(filed.Events.Select(e => e.EventId));
            ids.AddRange(accepted.Events.Select(e => e.EventId));
        }

        return ids;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every anchor row of this context's contract, smallest tree size first.</summary>
    public async Task<IReadOnlyList<AnchorRecord>> AnchorRowsAsync() =>
        (await Anchors.ListAsync(10_000)).Where(a => string.Equals(a.Contract, ContractAddress, StringComparison.OrdinalIgnoreCase)).OrderBy(a => a.TreeSize).ThenBy(a => a.Id).ToList();

    /// <summary>Calls a JSON-RPC method of the chain (anvil's test methods: evm_snapshot, evm_revert, anvil_mine).</summary>
    public async Task<T> RpcAsync<T>(string method, params object[] parameters) =>
        await NewAnchorerClient().Web3.Client.SendRequestAsync<T>(method, null, parameters);

    private static DocumentRef Document(string name, int seed) =>
        new(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name + seed + Guid.NewGuid()))),
            "evidence", name + ".pdf", "application/pdf", 1000 + seed);

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        await DataSource.DisposeAsync();
    }
}
