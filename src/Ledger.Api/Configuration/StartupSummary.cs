using Npgsql;

namespace Ledger.Api.Configuration;

/// <summary>Logs, once the host has started, what this instance is configured to do. Never logs secret values.</summary>
internal static class StartupSummary
{
    public static void LogOnStart(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Ledger.Api.Startup");
        app.Lifetime.ApplicationStarted.Register(() => LogSummary(app, logger));
    }

    private static void LogSummary(WebApplication app, ILogger logger)
    {
        var configuration = app.Configuration;
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        logger.LogInformation(
            "CaseLedger API started in {Environment}: log origin {Origin}; database {Database}; chain {ChainId} at {RpcUrl}, "
            + "contract {Contract}; log signer key from {LogKeySource}; anchorer key from {AnchoringKeySource}; "
            + "sequencer enabled {SequencerEnabled}; anchoring enabled {AnchoringEnabled}",
            app.Environment.EnvironmentName,
            configuration["Log:Origin"],
            DescribeDatabase(configuration.GetConnectionString("Ledger")),
            configuration["Chain:ChainId"],
            Redact.Url(configuration["Chain:RpcUrl"]),
            configuration["Chain:ContractAddress"] ?? "not configured",
            ConfiguredSecrets.DescribeSource(configuration, "Log"),
            ConfiguredSecrets.DescribeSource(configuration, "Anchoring"),
            configuration.GetValue("Sequencer:Enabled", defaultValue: true),
            configuration.GetValue("Anchoring:Enabled", defaultValue: true));
    }

    /// <summary>Host, port and database of a connection string; never the password.</summary>
    public static string DescribeDatabase(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "not configured";
        }

        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{parsed.Host}:{parsed.Port}/{parsed.Database}";
        }
        catch (ArgumentException)
        {
            return "unreadable connection string";
        }
    }
}

/// <summary>Removes credentials from values before they are logged or shown.</summary>
internal static class Redact
{
    /// <summary>Scheme, host and port of a URL only: RPC providers put API keys in the user part, the path or the query.</summary>
    public static string Url(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "not configured";
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped)
            : "unreadable URL";
    }
}
