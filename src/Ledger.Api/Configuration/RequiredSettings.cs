namespace Ledger.Api.Configuration;

/// <summary>A setting the API cannot run without; any one of <see cref="AnyOf"/> satisfies it.</summary>
/// <param name="AnyOf">Configuration keys (<c>Section:Key</c>), alternatives to each other (a file or an inline value).</param>
/// <param name="Meaning">What the setting is, for the error message.</param>
/// <param name="OnlyWhenEnabled">A boolean key that, when false, makes this setting unnecessary.</param>
public sealed record RequiredSetting(IReadOnlyList<string> AnyOf, string Meaning, string? OnlyWhenEnabled = null)
{
    /// <summary>The same keys as environment variable names (<c>Section__Key</c>).</summary>
    public IEnumerable<string> EnvironmentNames => AnyOf.Select(RequiredSettings.ToEnvironmentName);

    public bool IsSatisfiedBy(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (OnlyWhenEnabled is not null && !configuration.GetValue(OnlyWhenEnabled, defaultValue: true))
        {
            return true;
        }

        return AnyOf.Any(key => !string.IsNullOrWhiteSpace(configuration[key]));
    }
}

/// <summary>
/// The one list of settings a production instance must have. Checked at start-up in the Production environment
/// (<see cref="EnsurePresent"/>) and against <c>docker-compose.yml</c> by the API tests.
/// </summary>
public static class RequiredSettings
{
    public static IReadOnlyList<RequiredSetting> Keys { get; } =
    [
        new(["ConnectionStrings:Ledger"], "PostgreSQL connection string"),
        new(["Log:Origin"], "checkpoint origin line naming the log and its period"),
        new(["Log:KeyFile", "Log:Key"], "the log's Ed25519 checkpoint signer key"),
        new(["Chain:RpcUrl"], "Ethereum JSON-RPC endpoint of the anchoring chain"),
        new(["Chain:ChainId"], "chain id of the anchoring chain"),
        new(["Chain:ContractAddress"], "address of the LedgerAnchor contract"),
        new(["Anchoring:KeyFile", "Anchoring:Key"], "private key of the anchorer account", OnlyWhenEnabled: "Anchoring:Enabled"),
        new(["Auth:Issuer"], "issuer of accepted access tokens"),
        new(["Auth:Audience"], "audience of accepted access tokens"),
        new(["Auth:SigningKeyFile"], "key that validates access tokens"),
    ];

    public static string ToEnvironmentName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Replace(":", "__", StringComparison.Ordinal);
    }

    public static IReadOnlyList<RequiredSetting> Missing(IConfiguration configuration) =>
        Keys.Where(setting => !setting.IsSatisfiedBy(configuration)).ToList();

    /// <summary>Throws <see cref="MissingSettingsException"/> naming every missing setting.</summary>
    public static void EnsurePresent(IConfiguration configuration)
    {
        var missing = Missing(configuration);
        if (missing.Count > 0)
        {
            throw new MissingSettingsException(missing);
        }
    }
}

/// <summary>The API was started without settings it needs; the message lists them and how to set them.</summary>
public sealed class MissingSettingsException(IReadOnlyList<RequiredSetting> missing) : InvalidOperationException(Describe(missing))
{
    public IReadOnlyList<RequiredSetting> MissingSettings { get; } = missing;

    private static string Describe(IReadOnlyList<RequiredSetting> missing) =>
        "CaseLedger cannot start: required settings are missing. Set them in the environment or in appsettings.json "
        + "(see docs/configuration.md):" + Environment.NewLine
        + string.Join(Environment.NewLine, missing.Select(setting =>
            $"  - {string.Join(" or ", setting.AnyOf)} ({setting.Meaning}); environment variable "
            + string.Join(" or ", setting.EnvironmentNames)));
}
