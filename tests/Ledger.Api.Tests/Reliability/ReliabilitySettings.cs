using Ledger.Api.Security;

namespace Ledger.Api.Tests.Reliability;

/// <summary>What the reliability tests share: the API settings under load, the court system's token, waiting.</summary>
internal static class ReliabilitySettings
{
    /// <summary>
    /// The stack's API settings for a load test: only appends, sequencing and (when <paramref name="extra"/> turns it
    /// on) anchoring run; publication and the projection daemon are off, documents need not be uploaded or signed, and
    /// the sequencer polls often. <paramref name="extra"/> is applied last.
    /// </summary>
    public static Dictionary<string, string?> ForLoad(IReadOnlyDictionary<string, string?> stackSettings, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(stackSettings)
        {
            ["Anchoring:Enabled"] = "false",
            ["Publication:Enabled"] = "false",
            ["Projections:Daemon"] = "Disabled",
            ["Cases:RequireUploadedDocuments"] = "false",
            ["Cases:RequireSignedActs"] = "false",
            ["Sequencer:PollMilliseconds"] = "50",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static string CourtSystemToken(IReadOnlyDictionary<string, string?> settings)
    {
        var key = AccessTokens.FromText(File.ReadAllText(settings["Auth:SigningKeyFile"]!).Trim());
        return AccessTokens.Issue(key, "caseledger-local", "caseledger", "court-system-" + Cases.CaseApiHost.Court, [Roles.CourtSystem], null, Cases.CaseApiHost.Court);
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out: " + what());
            await Task.Delay(50);
        }
    }
}
