using Ledger.Domain.Signatures;

namespace Ledger.Projections.Documents;

/// <summary>
/// Loads the trusted CA certificates for signature verification from files (configuration
/// <c>Signatures:TrustedCaFiles</c>) and from every <c>.pem</c>, <c>.crt</c>, <c>.cer</c> and <c>.der</c> file of a
/// folder (<c>Signatures:TrustedCaFolder</c>).
/// </summary>
public static class TrustAnchorFiles
{
    private static readonly string[] Extensions = [".pem", ".crt", ".cer", ".der"];

    /// <exception cref="InvalidOperationException">A file or the folder does not exist, or a file holds no certificate.</exception>
    public static TrustAnchors Load(IEnumerable<string> files, string? folder)
    {
        ArgumentNullException.ThrowIfNull(files);
        var paths = files.Where(f => !string.IsNullOrWhiteSpace(f)).ToList();
        if (!string.IsNullOrWhiteSpace(folder))
        {
            if (!Directory.Exists(folder))
            {
                throw new InvalidOperationException($"Signatures:TrustedCaFolder \"{folder}\" does not exist.");
            }

            paths.AddRange(Directory.EnumerateFiles(folder)
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal));
        }

        var blobs = new List<byte[]>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"The trusted CA certificate file \"{path}\" (Signatures:TrustedCaFiles) does not exist.");
            }

            try
            {
                blobs.Add(File.ReadAllBytes(path));
                TrustAnchors.FromEncoded([blobs[^1]]);
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException($"The trusted CA file \"{path}\" holds no DER or PEM X.509 certificate.", e);
            }
        }

        return TrustAnchors.FromEncoded(blobs);
    }
}
