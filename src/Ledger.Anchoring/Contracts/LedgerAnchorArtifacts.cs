namespace Ledger.Anchoring.Contracts;

/// <summary>
/// The compiled LedgerAnchor contract, embedded from <c>contracts/build/</c> (written by <c>node contracts/build.mjs</c>).
/// </summary>
public static class LedgerAnchorArtifacts
{
    private static readonly Lazy<string> LazyAbi = new(() => ReadResource("LedgerAnchor.abi"));
    private static readonly Lazy<string> LazyBytecode = new(() => ReadResource("LedgerAnchor.bin").Trim());

    /// <summary>The contract ABI (JSON).</summary>
    public static string Abi => LazyAbi.Value;

    /// <summary>The creation bytecode, hex without <c>0x</c>.</summary>
    public static string Bytecode => LazyBytecode.Value;

    private static string ReadResource(string name)
    {
        using var stream = typeof(LedgerAnchorArtifacts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(
                $"The compiled contract resource {name} is missing from {typeof(LedgerAnchorArtifacts).Assembly.GetName().Name}: run \"node contracts/build.mjs\" and rebuild.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
