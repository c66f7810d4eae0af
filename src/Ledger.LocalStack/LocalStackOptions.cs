namespace Ledger.LocalStack;

/// <summary>How to start the local stack.</summary>
public sealed record LocalStackOptions
{
    /// <summary>The log origin used when none is given (docs/configuration.md).</summary>
    public const string DefaultLogOrigin = "ledger.court.example/2026";

    /// <summary>Repository root; null finds it by walking up to CaseLedger.slnx.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>Data folder, relative to the repository root (git-ignored): <c>.data</c> for <c>caseledger up</c>.</summary>
    public string DataFolder { get; init; } = ".data";

    /// <summary>PostgreSQL port; null picks a free one (the previous one when still free).</summary>
    public int? PostgresPort { get; init; }

    /// <summary>Chain JSON-RPC port; null picks a free one.</summary>
    public int? ChainPort { get; init; }

    /// <summary>Seconds between blocks; null mines a block for every transaction.</summary>
    public int? BlockTimeSeconds { get; init; }

    /// <summary>Deploy LedgerAnchor and set up the anchorer account.</summary>
    public bool DeployContract { get; init; } = true;

    /// <summary>Keep the chain (and so the deployed contract) across restarts in the data folder.</summary>
    public bool PersistChainState { get; init; }

    /// <summary>The log's origin line (<c>Log:Origin</c>).</summary>
    public string LogOrigin { get; init; } = DefaultLogOrigin;

    /// <summary>Generates the log signer key text for an origin; null uses <see cref="LocalKeys.DefaultLogKeyGenerator"/>.</summary>
    public Func<string, string>? LogKeyGenerator { get; init; }

    /// <summary>Receives progress lines (never key material).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Options for <c>caseledger up</c>: folder <c>.data</c>, the chain kept across restarts.</summary>
    public static LocalStackOptions ForUp(int? chainPort = null) => new() { DataFolder = ".data", ChainPort = chainPort, PersistChainState = true };

    /// <summary>Options for a test assembly: folder <c>.data/test/&lt;name&gt;</c>, so parallel test assemblies do not collide.</summary>
    public static LocalStackOptions ForTests(string name) => new() { DataFolder = Path.Combine(".data", "test", name) };
}
