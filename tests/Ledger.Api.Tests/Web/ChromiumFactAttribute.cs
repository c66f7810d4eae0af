namespace Ledger.Api.Tests.Web;

/// <summary>
/// A browser test: runs in Debian's headless Chromium (<c>/usr/bin/chromium</c>, installed by .ci/run),
/// skipped with a clear message only when that browser is not installed.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath))
        {
            Skip = $"{ExecutablePath} is not installed (apt-get install chromium; .ci/run installs it).";
        }
    }
}
