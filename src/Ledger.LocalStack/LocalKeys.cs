using Nethereum.Signer;

namespace Ledger.LocalStack;

/// <summary>
/// Key files of local mode, generated on first start into the git-ignored keys folder (owner read/write only).
/// Key material is never logged.
/// </summary>
public static class LocalKeys
{
    public const string AnchorerKeyFileName = "anchorer.key";
    public const string LogKeyFileName = "log.key";
    public const string AuthKeyFileName = "auth.key";

    /// <summary>
    /// Generates the log's Ed25519 signer key (C2SP note signer key text) for an origin. Used when
    /// <see cref="LocalStackOptions.LogKeyGenerator"/> is not set; null means no log key file is written.
    /// </summary>
    public static Func<string, string>? DefaultLogKeyGenerator { get; set; } =
        origin => Ledger.Domain.Integrity.NoteSigner.Generate(origin).SignerKey;

    /// <summary>The anchorer key file in <paramref name="keysDirectory"/>, generated (secp256k1, hex with 0x) when missing.</summary>
    public static string EnsureAnchorerKey(string keysDirectory) =>
        EnsureKeyFile(keysDirectory, AnchorerKeyFileName, () => EthECKey.GenerateKey().GetPrivateKey());

    /// <summary>The key that signs and validates local access tokens (HMAC-SHA256, 64 random bytes, base64), generated when missing.</summary>
    public static string EnsureAuthKey(string keysDirectory) =>
        EnsureKeyFile(keysDirectory, AuthKeyFileName, () => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64)));

    /// <summary>The log signer key file, generated with <paramref name="generator"/> when missing; null when there is no generator and no file.</summary>
    public static string? EnsureLogKey(string keysDirectory, string origin, Func<string, string>? generator)
    {
        var path = Path.Combine(keysDirectory, LogKeyFileName);
        if (File.Exists(path))
        {
            return path;
        }

        return generator is null ? null : EnsureKeyFile(keysDirectory, LogKeyFileName, () => generator(origin));
    }

    /// <summary>Reads a key file (surrounding white space removed).</summary>
    public static string ReadKey(string path) => File.ReadAllText(path).Trim();

    private static string EnsureKeyFile(string keysDirectory, string fileName, Func<string> generate)
    {
        Directory.CreateDirectory(keysDirectory);
        FileModes.Set(keysDirectory, FileModes.OwnerOnlyDirectory);
        var path = Path.Combine(keysDirectory, fileName);
        if (File.Exists(path))
        {
            return path;
        }

        // Written to a temporary file first and moved, so a killed run never leaves half a key.
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileModes.OwnerOnly;
        }

        using (var writer = new StreamWriter(temporary, options))
        {
            writer.Write(generate());
            writer.Write('\n');
        }

        FileModes.Set(temporary, FileModes.OwnerOnly);
        File.Move(temporary, path, overwrite: false);
        return path;
    }
}
