using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;

namespace Ledger.Domain.Signatures;

/// <summary>
/// The CA certificates a signer's certificate must chain to (for Kazakhstan: the root and intermediate certificates
/// of the National Certification Authority, НУЦ РК). Built from certificate bytes the caller has read: DER, PEM, or a
/// PEM bundle of several certificates. No file access here.
/// </summary>
public sealed class TrustAnchors
{
    private TrustAnchors(IReadOnlyList<X509Certificate> certificates) => Certificates = certificates;

    /// <summary>No trusted CA: every signature is refused as untrusted.</summary>
    public static TrustAnchors None { get; } = new([]);

    public IReadOnlyList<X509Certificate> Certificates { get; }

    public static TrustAnchors From(IEnumerable<X509Certificate> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        return new TrustAnchors([.. certificates]);
    }

    /// <summary>Parses each blob as one DER certificate or as PEM holding one or more certificates.</summary>
    /// <exception cref="FormatException">A blob holds no certificate.</exception>
    public static TrustAnchors FromEncoded(IEnumerable<byte[]> blobs)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        var parser = new X509CertificateParser();
        var all = new List<X509Certificate>();
        foreach (var blob in blobs)
        {
            IReadOnlyCollection<X509Certificate> parsed;
            try
            {
                parsed = [.. parser.ReadCertificates(blob)];
            }
            catch (Exception e) when (e is CertificateException or IOException or ArgumentException)
            {
                throw new FormatException("The data is not a DER or PEM X.509 certificate.", e);
            }

            if (parsed.Count == 0)
            {
                throw new FormatException("The data holds no X.509 certificate.");
            }

            all.AddRange(parsed);
        }

        return new TrustAnchors(all);
    }
}
