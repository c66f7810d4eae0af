using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Rosstandart;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Ledger.Domain.Signatures;

/// <summary>The signature families the ledger accepts.</summary>
public enum SignatureFamily
{
    Rsa,
    Ecdsa,
    Gost2012,
}

/// <summary>
/// Object identifiers of the accepted algorithms and their mapping onto BouncyCastle. The Kazakh national OIDs
/// (NCA RK, ST RK GOST R 34.10-2015 / 34.11-2015, which follow GOST R 34.10-2012 / 34.11-2012) are mapped to
/// BouncyCastle's GOST 2012 algorithms; the older ST RK GOST 34.310-2004 is recognised and refused.
/// </summary>
public static class SignatureAlgorithms
{
    /// <summary>ST RK GOST R 34.10-2015, 256-bit key (NCA RK).</summary>
    public const string KazakhGost2015With256BitKey = "1.2.398.3.10.1.1.2.3.1";

    /// <summary>ST RK GOST R 34.10-2015, 512-bit key (NCA RK).</summary>
    public const string KazakhGost2015With512BitKey = "1.2.398.3.10.1.1.2.3.2";

    /// <summary>ST RK GOST 34.310-2004 (legacy NCA RK keys), and its alternative OID.</summary>
    public const string KazakhGost2004 = "1.2.398.3.10.1.1.1.2";

    public const string KazakhGost2004Alternative = "1.3.6.1.4.1.6801.1.2.2";

    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    public const string EcPublicKey = "1.2.840.10045.2.1";
    public const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    public const string P256 = "1.2.840.10045.3.1.7";

    /// <summary>Key/signature/digest OIDs of GOST R 34.10-2012 and 34.11-2012 (TC 26).</summary>
    public static readonly string Gost2012Key256 = RosstandartObjectIdentifiers.id_tc26_gost_3410_12_256.Id;

    public static readonly string Gost2012Key512 = RosstandartObjectIdentifiers.id_tc26_gost_3410_12_512.Id;
    public static readonly string Gost2012Sign256 = RosstandartObjectIdentifiers.id_tc26_signwithdigest_gost_3410_12_256.Id;
    public static readonly string Gost2012Sign512 = RosstandartObjectIdentifiers.id_tc26_signwithdigest_gost_3410_12_512.Id;
    public static readonly string Gost2012Digest256 = RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256.Id;
    public static readonly string Gost2012Digest512 = RosstandartObjectIdentifiers.id_tc26_gost_3411_12_512.Id;

    /// <summary>An accepted algorithm: the BouncyCastle signer name, the digest it uses and a name for people.</summary>
    public sealed record Accepted(SignatureFamily Family, string SignerName, string DigestName, string DigestOid, string DisplayName);

    private static readonly Accepted Rsa = new(SignatureFamily.Rsa, "SHA256WITHRSA", "SHA-256", Sha256, "RSA / SHA-256");
    private static readonly Accepted Ecdsa = new(SignatureFamily.Ecdsa, "SHA256WITHECDSA", "SHA-256", Sha256, "ECDSA P-256 / SHA-256");

    private static readonly Accepted Gost256 = new(
        SignatureFamily.Gost2012, "GOST3411-2012-256WITHECGOST3410-2012-256", "GOST3411-2012-256", Gost2012Digest256,
        "GOST R 34.10-2012 (256) / GOST R 34.11-2012 (256)");

    private static readonly Accepted Gost512 = new(
        SignatureFamily.Gost2012, "GOST3411-2012-512WITHECGOST3410-2012-512", "GOST3411-2012-512", Gost2012Digest512,
        "GOST R 34.10-2012 (512) / GOST R 34.11-2012 (512)");

    /// <summary>True for the legacy Kazakh GOST 34.310-2004 OIDs (refused with their own reason).</summary>
    public static bool IsLegacyKazakhGost(string oid) => oid is KazakhGost2004 or KazakhGost2004Alternative;

    /// <summary>
    /// The algorithm of a CMS signer: its signature (or key) algorithm OID with its digest OID; null when not accepted.
    /// </summary>
    public static Accepted? ForSigner(string signatureOid, string digestOid)
    {
        var accepted = ForSignature(signatureOid);
        return accepted is not null && accepted.DigestOid == digestOid ? accepted : null;
    }

    /// <summary>The algorithm named by a signature or key OID alone (certificate signatures, signer infos).</summary>
    public static Accepted? ForSignature(string oid)
    {
        if (oid is RsaEncryption or Sha256WithRsa)
        {
            return Rsa;
        }

        if (oid is EcPublicKey or EcdsaWithSha256)
        {
            return Ecdsa;
        }

        if (oid == Gost2012Key256 || oid == Gost2012Sign256 || oid == KazakhGost2015With256BitKey)
        {
            return Gost256;
        }

        if (oid == Gost2012Key512 || oid == Gost2012Sign512 || oid == KazakhGost2015With512BitKey)
        {
            return Gost512;
        }

        return null;
    }

    /// <summary>
    /// The public key of a certificate. A key labelled with a Kazakh GOST 2015 OID is read as the GOST 2012 key it
    /// is (same curves, same encoding). Null when the key cannot be read.
    /// </summary>
    public static AsymmetricKeyParameter? PublicKey(SubjectPublicKeyInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var oid = info.Algorithm.Algorithm.Id;
        if (oid == KazakhGost2015With256BitKey || oid == KazakhGost2015With512BitKey)
        {
            var mapped = oid == KazakhGost2015With256BitKey
                ? RosstandartObjectIdentifiers.id_tc26_gost_3410_12_256
                : RosstandartObjectIdentifiers.id_tc26_gost_3410_12_512;
            info = new SubjectPublicKeyInfo(new AlgorithmIdentifier(mapped, info.Algorithm.Parameters), info.PublicKey);
        }

        AsymmetricKeyParameter key;
        try
        {
            key = PublicKeyFactory.CreateKey(info);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or SecurityUtilityException or IOException or InvalidCastException)
        {
            return null;
        }

        return key;
    }

    /// <summary>Verifies <paramref name="signature"/> over <paramref name="data"/> with a BouncyCastle signer.</summary>
    public static bool Verify(Accepted algorithm, AsymmetricKeyParameter key, byte[] data, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            var signer = SignerUtilities.GetSigner(algorithm.SignerName);
            signer.Init(false, key);
            signer.BlockUpdate(data, 0, data.Length);
            return signer.VerifySignature(signature);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or InvalidOperationException or CryptoException or SecurityUtilityException)
        {
            return false;
        }
    }

    /// <summary>A fresh digest of the algorithm's hash.</summary>
    public static IDigest Digest(Accepted algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return DigestUtilities.GetDigest(algorithm.DigestName);
    }

    /// <summary>True for an EC key on NIST P-256 (the only ECDSA curve accepted for signers).</summary>
    public static bool IsP256(ECPublicKeyParameters key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Parameters is ECNamedDomainParameters named)
        {
            return named.Name.Id == P256;
        }

        var p256 = ECNamedCurveTable.GetByOid(new DerObjectIdentifier(P256));
        return key.Parameters.Curve.Equals(p256.Curve) && key.Parameters.G.Equals(p256.G);
    }
}
