using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.CryptoPro;
using Org.BouncyCastle.Asn1.Rosstandart;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using BcAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using BcAttributeTable = Org.BouncyCastle.Asn1.Cms.AttributeTable;

namespace Ledger.Tests.Signatures;

/// <summary>Key algorithms of the test PKI.</summary>
public enum TestKeyKind
{
    Rsa,
    EcdsaP256,
    Gost2012_256,
}

/// <summary>What a test certificate is for: signing (NCA "RSA"/"GOSTKNCA" keys) or signing in (NCA "AUTH" keys).</summary>
public enum TestKeyPurpose
{
    Signing,
    Authentication,
}

/// <summary>
/// A throw-away PKI for tests, made with BouncyCastle: certification authorities and end-entity certificates of every
/// accepted algorithm (RSA, ECDSA P-256, GOST R 34.10-2012 256-bit), in the shape of NCA RK certificates (subject
/// serialNumber "IIN…", OU "BIN…"), and detached CMS signatures made with <see cref="CmsSignedDataGenerator"/>.
/// </summary>
public static class TestPki
{
    private static readonly SecureRandom Random = new();

    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public static AsymmetricCipherKeyPair NewKey(TestKeyKind kind)
    {
        switch (kind)
        {
            case TestKeyKind.Rsa:
                var rsa = new RsaKeyPairGenerator();
                rsa.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), Random, 2048, 80));
                return rsa.GenerateKeyPair();
            case TestKeyKind.EcdsaP256:
                var ec = new ECKeyPairGenerator("ECDSA");
                ec.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, Random));
                return ec.GenerateKeyPair();
            default:
                var set = RosstandartObjectIdentifiers.id_tc26_gost_3410_12_256_paramSetA;
                var gost = new ECKeyPairGenerator("ECGOST3410");
                gost.Init(new ECKeyGenerationParameters(
                    new ECGost3410Parameters(new ECNamedDomainParameters(set, ECGost3410NamedCurves.GetByOid(set)), set, RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256, null),
                    Random));
                return gost.GenerateKeyPair();
        }
    }

    public static string SignatureAlgorithm(TestKeyKind kind) => kind switch
    {
        TestKeyKind.Rsa => "SHA256WITHRSA",
        TestKeyKind.EcdsaP256 => "SHA256WITHECDSA",
        _ => "GOST3411-2012-256WITHECGOST3410-2012-256",
    };

    public static TestCa CreateCa(string name, TestKeyKind kind, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var key = NewKey(kind);
        var subject = new X509Name($"C=KZ,CN={name}");
        var certificate = Build(subject, subject, key.Public, key.Private, kind, notBefore ?? Now.AddYears(-5), notAfter ?? Now.AddYears(5), generator =>
        {
            generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
            generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        });
        return new TestCa(certificate, key.Private, kind);
    }

    internal static X509Certificate Build(
        X509Name issuer, X509Name subject, AsymmetricKeyParameter publicKey, AsymmetricKeyParameter issuerKey, TestKeyKind issuerKind,
        DateTimeOffset notBefore, DateTimeOffset notAfter, Action<X509V3CertificateGenerator> extensions)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(new BigInteger(64, Random).Add(BigInteger.One));
        generator.SetIssuerDN(issuer);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(notBefore.UtcDateTime);
        generator.SetNotAfter(notAfter.UtcDateTime);
        generator.SetPublicKey(publicKey);
        extensions(generator);
        return generator.Generate(new Asn1SignatureFactory(SignatureAlgorithm(issuerKind), issuerKey, Random));
    }

    /// <summary>A detached CMS signature of <paramref name="content"/> with signed attributes (content type, digest, signing time).</summary>
    public static byte[] SignDetached(
        byte[] content, AsymmetricKeyParameter key, X509Certificate certificate, TestKeyKind kind,
        DateTimeOffset? signingTime = null, IEnumerable<X509Certificate>? extraCertificates = null, bool encapsulate = false)
    {
        var attributes = new Dictionary<DerObjectIdentifier, object>
        {
            [CmsAttributes.SigningTime] = new BcAttribute(CmsAttributes.SigningTime, new DerSet(new Org.BouncyCastle.Asn1.Cms.Time((signingTime ?? Now.AddMinutes(-1)).UtcDateTime))),
        };
        var generator = new CmsSignedDataGenerator();
        generator.AddSignerInfoGenerator(new SignerInfoGeneratorBuilder()
            .WithSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new BcAttributeTable(attributes)))
            .Build(new Asn1SignatureFactory(SignatureAlgorithm(kind), key, Random), certificate));
        generator.AddCertificates(CollectionUtilities.CreateStore(new[] { certificate }.Concat(extraCertificates ?? [])));
        return generator.Generate(new CmsProcessableByteArray(content), encapsulate).GetEncoded();
    }
}

/// <summary>A test certification authority: issues signing and authentication certificates.</summary>
public sealed class TestCa(X509Certificate certificate, AsymmetricKeyParameter privateKey, TestKeyKind kind)
{
    public X509Certificate Certificate { get; } = certificate;

    public AsymmetricKeyParameter PrivateKey { get; } = privateKey;

    public TestKeyKind Kind { get; } = kind;

    public TestSigner Issue(
        TestKeyKind kind,
        string commonName = "НУРЛАНОВА ДАНА",
        string? iin = "900101400123",
        string? bin = null,
        TestKeyPurpose purpose = TestKeyPurpose.Signing,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null)
    {
        var key = TestPki.NewKey(kind);
        var subject = "C=KZ,CN=" + commonName + (iin is null ? string.Empty : ",SERIALNUMBER=IIN" + iin) + (bin is null ? string.Empty : ",OU=BIN" + bin);
        var certificate = TestPki.Build(Certificate.SubjectDN, new X509Name(subject), key.Public, PrivateKey, Kind,
            notBefore ?? TestPki.Now.AddYears(-1), notAfter ?? TestPki.Now.AddYears(1), generator =>
            {
                if (purpose == TestKeyPurpose.Signing)
                {
                    generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
                    generator.AddExtension(X509Extensions.ExtendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeID.id_kp_emailProtection));
                }
                else
                {
                    generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment));
                    generator.AddExtension(X509Extensions.ExtendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeID.id_kp_clientAuth));
                }
            });
        return new TestSigner(certificate, key.Private, kind);
    }

    /// <summary>An intermediate CA under this one.</summary>
    public TestCa IssueIntermediate(string name, TestKeyKind kind)
    {
        var key = TestPki.NewKey(kind);
        var certificate = TestPki.Build(Certificate.SubjectDN, new X509Name($"C=KZ,CN={name}"), key.Public, PrivateKey, Kind,
            TestPki.Now.AddYears(-2), TestPki.Now.AddYears(2), generator =>
            {
                generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(0));
                generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
            });
        return new TestCa(certificate, key.Private, kind);
    }
}

/// <summary>A certificate with its private key; signs documents with detached CMS signatures.</summary>
public sealed class TestSigner(X509Certificate certificate, AsymmetricKeyParameter privateKey, TestKeyKind kind)
{
    public X509Certificate Certificate { get; } = certificate;

    public AsymmetricKeyParameter PrivateKey { get; } = privateKey;

    public TestKeyKind Kind { get; } = kind;

    public byte[] Sign(byte[] content, DateTimeOffset? signingTime = null, IEnumerable<X509Certificate>? extraCertificates = null, bool encapsulate = false) =>
        TestPki.SignDetached(content, PrivateKey, Certificate, Kind, signingTime, extraCertificates, encapsulate);
}
