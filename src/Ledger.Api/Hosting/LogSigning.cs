using Ledger.Api.Configuration;
using Ledger.Domain.Integrity;

namespace Ledger.Api.Hosting;

/// <summary>Loads the log's checkpoint signer key (<c>Log:KeyFile</c> or <c>Log:Key</c>).</summary>
public static class LogSigning
{
    public static NoteSigner LoadSigner(IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        var origin = Origin(configuration);
        var key = ConfiguredSecrets.Read(configuration, "Log");
        if (key is null)
        {
            if (environment.IsProduction())
            {
                throw new InvalidOperationException("The log signer key is not configured: set Log:KeyFile (or Log:Key).");
            }

            logger.LogWarning("No log signer key is configured; using a temporary key for this run only. Checkpoints signed now cannot be verified after a restart.");
            return NoteSigner.Generate(origin);
        }

        var signer = NoteSigner.FromSignerKey(key);
        if (signer.Name != origin)
        {
            throw new InvalidOperationException(
                $"The log signer key is for \"{signer.Name}\" but Log:Origin is \"{origin}\". Use the key made for this log.");
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Log signer key loaded from {Source}; verifier key {VerifierKey}",
                ConfiguredSecrets.DescribeSource(configuration, "Log"), signer.VerifierKey);
        }
        return signer;
    }

    public static string Origin(IConfiguration configuration) =>
        configuration["Log:Origin"] is { Length: > 0 } origin ? origin : "ledger.court.example/2026";
}
