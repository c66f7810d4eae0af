namespace Ledger.Api.Tests.Infrastructure;

internal static class TestSettings
{
    /// <summary>A PostgreSQL address where nothing listens (port 1 on loopback refuses at once).</summary>
    public const string UnreachableDatabase = "Host=127.0.0.1;Port=1;Database=ledger;Username=ledger;Password=not-used;Timeout=3";

    /// <summary>A JSON-RPC address where nothing listens.</summary>
    public const string UnreachableChain = "http://127.0.0.1:1";

    public static Dictionary<string, string?> Unreachable() => new()
    {
        ["ConnectionStrings:Ledger"] = UnreachableDatabase,
        ["Chain:RpcUrl"] = UnreachableChain,
    };
}
