namespace Ledger.Api.Configuration;

/// <summary>
/// Reads a secret that is configured either inline (<c>{Section}:Key</c>) or as a file (<c>{Section}:KeyFile</c>,
/// e.g. a compose or Kubernetes secret mounted under <c>/run/secrets</c>). The value itself is never logged:
/// log <see cref="DescribeSource"/> instead.
/// </summary>
public static class ConfiguredSecrets
{
    /// <summary>The secret's text (trimmed), or null when neither key is set.</summary>
    /// <param name="section">For example <c>Log</c> or <c>Anchoring</c>.</param>
    public static string? Read(IConfiguration configuration, string section)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var inline = configuration[$"{section}:Key"];
        if (!string.IsNullOrWhiteSpace(inline))
        {
            return inline.Trim();
        }

        var file = configuration[$"{section}:KeyFile"];
        if (string.IsNullOrWhiteSpace(file))
        {
            return null;
        }

        if (!File.Exists(file))
        {
            throw new InvalidOperationException(
                $"The setting {section}:KeyFile points to \"{file}\", which does not exist. "
                + $"Create the key file, or set {section}:Key instead.");
        }

        return File.ReadAllText(file).Trim();
    }

    /// <summary>Where the secret comes from, safe to log: "file /run/secrets/x", "inline setting Log:Key" or "not configured".</summary>
    public static string DescribeSource(IConfiguration configuration, string section)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!string.IsNullOrWhiteSpace(configuration[$"{section}:Key"]))
        {
            return $"inline setting {section}:Key";
        }

        var file = configuration[$"{section}:KeyFile"];
        return string.IsNullOrWhiteSpace(file) ? "not configured" : $"file {file}";
    }
}
