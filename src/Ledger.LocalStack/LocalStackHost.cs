using System.Globalization;
using System.Text.Json;

namespace Ledger.LocalStack;

/// <summary>
/// The self-starting local stack: a private PostgreSQL cluster, an anvil chain, the LedgerAnchor contract and the
/// local key files, all in one git-ignored data folder. Used by <c>caseledger up</c> and by the tests' fixtures.
/// Disposing stops exactly what this instance started; process-exit and Ctrl-C safety nets stop it too when the
/// owner forgets or cannot dispose.
/// </summary>
/// <remarks>Named <c>LocalStackHost</c>, not <c>LocalStack</c>: a type named like its namespace cannot be used by name from <c>Ledger.*</c> namespaces.</remarks>
public sealed class LocalStackHost : IAsyncDisposable
{
    private static readonly Lock Gate = new();
    private static readonly List<LocalStackHost> Live = [];
    private static bool _safetyNetsRegistered;

    private readonly LocalStackOptions _options;
    private PostgresCluster? _postgres;
    private AnvilChain? _chain;
    private int _disposed;

    private LocalStackHost(LocalStackOptions options, string repositoryRoot, string dataDirectory)
    {
        _options = options;
        RepositoryRoot = repositoryRoot;
        DataDirectory = dataDirectory;
        LogOrigin = options.LogOrigin;
        AnchorerKeyFile = "";
        AnchorerPrivateKey = "";
        AnchorerAddress = "";
    }

    /// <summary>The repository root.</summary>
    public string RepositoryRoot { get; }

    /// <summary>The data folder (absolute): <c>.data</c> or <c>.data/test/&lt;name&gt;</c> under the repository root.</summary>
    public string DataDirectory { get; }

    /// <summary>The PostgreSQL cluster.</summary>
    public PostgresCluster Postgres => _postgres ?? throw new InvalidOperationException("The stack is not started.");

    /// <summary>The chain.</summary>
    public AnvilChain Chain => _chain ?? throw new InvalidOperationException("The stack is not started.");

    /// <summary>Connection string of the <c>caseledger</c> database.</summary>
    public string ConnectionString => Postgres.ConnectionString;

    /// <summary>The chain's JSON-RPC endpoint.</summary>
    public string RpcUrl => Chain.RpcUrl;

    /// <summary>The chain id.</summary>
    public long ChainId => Chain.ChainId;

    /// <summary>The LedgerAnchor address; null when the stack was started without deploying.</summary>
    public string? ContractAddress { get; private set; }

    /// <summary>The anchorer account's private key (hex, 0x-prefixed). Never log it.</summary>
    public string AnchorerPrivateKey { get; private set; }

    /// <summary>The anchorer account's address.</summary>
    public string AnchorerAddress { get; private set; }

    /// <summary>The anchorer key file (<c>Anchoring:KeyFile</c>).</summary>
    public string AnchorerKeyFile { get; private set; }

    /// <summary>The log signer key file (<c>Log:KeyFile</c>); null when no generator was available.</summary>
    public string? LogKeyFile { get; private set; }

    /// <summary>The access-token signing key file (<c>Auth:SigningKeyFile</c>).</summary>
    public string AuthKeyFile { get; private set; } = "";

    /// <summary>The log origin (<c>Log:Origin</c>).</summary>
    public string LogOrigin { get; }

    /// <summary>Starts (or reuses) the stack described by <paramref name="options"/>.</summary>
    public static async Task<LocalStackHost> StartAsync(LocalStackOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalStackOptions();
        var root = options.RepositoryRoot is null ? LocalStack.RepositoryRoot.Find() : Path.GetFullPath(options.RepositoryRoot);
        var dataDirectory = Path.GetFullPath(Path.Combine(root, options.DataFolder));
        CreateReachableDirectory(root, dataDirectory);

        var host = new LocalStackHost(options, root, dataDirectory);
        Register(host);
        try
        {
            await host.StartPartsAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A fresh database in the cluster (dropped first when it exists); returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default) =>
        Postgres.CreateDatabaseAsync(name, cancellationToken);

    /// <summary>
    /// The API's configuration for this stack, keyed as in docs/configuration.md. <paramref name="connectionString"/>
    /// replaces the <c>caseledger</c> database (tests pass their own database).
    /// </summary>
    public IReadOnlyDictionary<string, string?> ToApiSettings(string? connectionString = null) => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Ledger"] = connectionString ?? ConnectionString,
        ["Chain:RpcUrl"] = RpcUrl,
        ["Chain:ChainId"] = ChainId.ToString(CultureInfo.InvariantCulture),
        ["Chain:ContractAddress"] = ContractAddress,
        ["Anchoring:KeyFile"] = AnchorerKeyFile,
        ["Log:KeyFile"] = LogKeyFile,
        ["Log:Origin"] = LogOrigin,
        ["Auth:SigningKeyFile"] = AuthKeyFile,
    };

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (_chain is not null)
            {
                await _chain.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            if (_postgres is not null)
            {
                await _postgres.DisposeAsync().ConfigureAwait(false);
            }

            Unregister(this);
        }
    }

    private async Task StartPartsAsync(CancellationToken cancellationToken)
    {
        var log = _options.Log;
        _postgres = await PostgresCluster.StartAsync(DataDirectory, _options.PostgresPort, log, cancellationToken).ConfigureAwait(false);

        var keysDirectory = Path.Combine(DataDirectory, "keys");
        AnchorerKeyFile = LocalKeys.EnsureAnchorerKey(keysDirectory);
        AuthKeyFile = LocalKeys.EnsureAuthKey(keysDirectory);
        AnchorerPrivateKey = LocalKeys.ReadKey(AnchorerKeyFile);
        AnchorerAddress = new Nethereum.Signer.EthECKey(AnchorerPrivateKey).GetPublicAddress();
        LogKeyFile = LocalKeys.EnsureLogKey(keysDirectory, LogOrigin, _options.LogKeyGenerator ?? LocalKeys.DefaultLogKeyGenerator);

        var chainDirectory = Path.Combine(DataDirectory, "chain");
        _chain = await AnvilChain.StartAsync(
            RepositoryRoot,
            chainDirectory,
            _options.ChainPort,
            _options.BlockTimeSeconds,
            _options.PersistChainState ? Path.Combine(chainDirectory, "state.json") : null,
            log,
            cancellationToken: cancellationToken).ConfigureAwait(false);

        if (_options.DeployContract)
        {
            ContractAddress = await EnsureContractAsync(chainDirectory, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> EnsureContractAsync(string chainDirectory, CancellationToken cancellationToken)
    {
        var deploymentFile = Path.Combine(chainDirectory, "deployment.json");
        if (File.Exists(deploymentFile))
        {
            var recorded = JsonSerializer.Deserialize<ContractDeployment>(await File.ReadAllTextAsync(deploymentFile, cancellationToken).ConfigureAwait(false));
            if (recorded is not null
                && string.Equals(recorded.AnchorerAddress, AnchorerAddress, StringComparison.OrdinalIgnoreCase)
                && await ContractDeployer.IsDeployedAsync(RpcUrl, recorded.ContractAddress, AnchorerAddress, cancellationToken).ConfigureAwait(false))
            {
                _options.Log?.Invoke($"LedgerAnchor already deployed at {recorded.ContractAddress}.");
                return recorded.ContractAddress;
            }
        }

        var deployment = await ContractDeployer.DeployAsync(RpcUrl, ChainId, AnchorerPrivateKey, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(deploymentFile, JsonSerializer.Serialize(deployment), cancellationToken).ConfigureAwait(false);
        _options.Log?.Invoke($"LedgerAnchor deployed at {deployment.ContractAddress}; anchorer {deployment.AnchorerAddress}.");
        return deployment.ContractAddress;
    }

    private static void CreateReachableDirectory(string root, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        if (!UnixProcesses.IsRoot)
        {
            return;
        }

        // The postgres user must be able to pass through the folders between the repository and the cluster.
        for (var dir = new DirectoryInfo(dataDirectory); dir is not null && dir.FullName.Length > root.Length; dir = dir.Parent)
        {
            FileModes.AllowTraverse(dir.FullName);
        }
    }

    private static void Register(LocalStackHost host)
    {
        lock (Gate)
        {
            Live.Add(host);
            if (_safetyNetsRegistered)
            {
                return;
            }

            _safetyNetsRegistered = true;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAllBlocking();
            Console.CancelKeyPress += (_, e) =>
            {
                // When someone else handles Ctrl-C (caseledger up does), it disposes the stack in order.
                if (!e.Cancel)
                {
                    StopAllBlocking();
                }
            };
        }
    }

    private static void Unregister(LocalStackHost host)
    {
        lock (Gate)
        {
            Live.Remove(host);
        }
    }

    private static void StopAllBlocking()
    {
        LocalStackHost[] hosts;
        lock (Gate)
        {
            hosts = [.. Live];
            Live.Clear();
        }

        foreach (var host in hosts)
        {
            if (Interlocked.Exchange(ref host._disposed, 1) == 1)
            {
                continue;
            }

            host._chain?.StopBlocking();
            host._postgres?.StopBlocking();
        }
    }
}
