using System.Security.Cryptography;
using System.Text;
using Ledger.Domain.Signatures;
using Ledger.Tests.Signatures;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Security;

namespace Ledger.Domain.Tests.Signatures;

public class DetachedSignatureVerifierTests
{
    private static readonly byte[] Document = Encoding.UTF8.GetBytes("%PDF-1.7\nИсковое заявление о взыскании долга\n%%EOF\n");

    /// <summary>One CA per algorithm, made once (RSA key generation is slow).</summary>
    private static readonly Dictionary<TestKeyKind, TestCa> Cas = Enum.GetValues<TestKeyKind>()
        .ToDictionary(k => k, k => TestPki.CreateCa($"ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ TEST ({k})", k));

    private static readonly TrustAnchors Trusted = TrustAnchors.From(Cas.Values.Select(c => c.Certificate));

    public static TheoryData<TestKeyKind> Kinds() => [TestKeyKind.Rsa, TestKeyKind.EcdsaP256, TestKeyKind.Gost2012_256];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Given_a_valid_detached_signature_When_verified_Then_it_is_accepted_with_the_signers_identity(TestKeyKind kind)
    {
        var signer = Cas[kind].Issue(kind, "АХМЕТОВ БЕРИК", iin: "870412300123", bin: "123456789021");
        var cms = signer.Sign(Document, TestPki.Now.AddMinutes(-3));

        var result = DetachedSignatureVerifier.Verify(Document, cms, Trusted, TestPki.Now);

        Assert.True(result.IsValid, result.MessageEn);
        var info = result.Signature!;
        Assert.Equal(SignatureStatus.Valid, info.Status);
        Assert.Equal("АХМЕТОВ БЕРИК", info.SignerName);
        Assert.Equal("870412300123", info.Iin);
        Assert.Equal("123456789021", info.Bin);
        Assert.Equal(signer.Certificate.SerialNumber.ToString(16), info.CertificateSerial);
        Assert.Contains("ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ TEST", info.Issuer, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(cms)), info.SignatureSha256Hex);
        Assert.Equal(TestPki.Now.AddMinutes(-3), info.SigningTime);
        Assert.Equal(TestPki.Now, info.VerifiedAt);
        Assert.Contains(kind switch { TestKeyKind.Rsa => "RSA", TestKeyKind.EcdsaP256 => "ECDSA P-256", _ => "GOST R 34.10-2012 (256)" }, info.Algorithm, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Given_a_signature_of_other_bytes_When_verified_against_the_document_Then_it_is_refused_as_wrong_document(TestKeyKind kind)
    {
        var signer = Cas[kind].Issue(kind);
        var cms = signer.Sign(Encoding.UTF8.GetBytes("%PDF-1.7\nдругой документ\n%%EOF\n"));

        var result = DetachedSignatureVerifier.Verify(Document, cms, Trusted, TestPki.Now);

        AssertRefused(result, SignatureStatus.WrongDocument);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Given_an_expired_certificate_When_verified_Then_it_is_refused_as_expired(TestKeyKind kind)
    {
        var signer = Cas[kind].Issue(kind, notBefore: TestPki.Now.AddYears(-2), notAfter: TestPki.Now.AddDays(-1));
        var cms = signer.Sign(Document, TestPki.Now.AddDays(-3));

        var result = DetachedSignatureVerifier.Verify(Document, cms, Trusted, TestPki.Now);

        AssertRefused(result, SignatureStatus.Expired);
        Assert.Contains("истёк", result.MessageRu, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Given_a_certificate_of_an_untrusted_CA_When_verified_Then_it_is_refused_as_untrusted(TestKeyKind kind)
    {
        var rogue = TestPki.CreateCa("ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ TEST (" + kind + ")", kind);
        var signer = rogue.Issue(kind);
        var cms = signer.Sign(Document);

        var result = DetachedSignatureVerifier.Verify(Document, cms, Trusted, TestPki.Now);

        // Same CA name as a trusted one, other key: the name alone does not make it trusted.
        AssertRefused(result, SignatureStatus.Untrusted);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Given_an_authentication_only_certificate_When_used_to_sign_Then_it_is_refused(TestKeyKind kind)
    {
        var signer = Cas[kind].Issue(kind, purpose: TestKeyPurpose.Authentication);
        var cms = signer.Sign(Document);

        var result = DetachedSignatureVerifier.Verify(Document, cms, Trusted, TestPki.Now);

        AssertRefused(result, SignatureStatus.NotForSigning);
        Assert.Contains("AUTH", result.MessageEn, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Given_signature_bytes_tampered_with_When_verified_Then_it_is_refused(TestKeyKind kind)
    {
        var signer = Cas[kind].Issue(kind);
        var cms = signer.Sign(Document);
        var signatureValue = SignatureValue(cms);
        var at = IndexOf(cms, signatureValue) + (signatureValue.Length / 2);
        cms[at] ^= 0x01;

        var result = DetachedSignatureVerifier.Verify(Document, cms, Trusted, TestPki.Now);

        AssertRefused(result, SignatureStatus.BadSignature);
    }

    [Fact]
    public void Given_a_signed_attribute_changed_after_signing_When_verified_Then_it_is_refused_as_a_bad_signature()
    {
        var signer = Cas[TestKeyKind.Rsa].Issue(TestKeyKind.Rsa);
        var cms = signer.Sign(Document, signingTime: new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        // The signing time "260301080000Z" becomes "260301090000Z": the signed attributes no longer match the signature.
        var at = IndexOf(cms, Encoding.ASCII.GetBytes("260301080000Z"));
        cms[at + 7] = (byte)'9';

        var result = DetachedSignatureVerifier.Verify(Document, cms, Trusted, TestPki.Now);

        AssertRefused(result, SignatureStatus.BadSignature);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 })]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 })]
    public void Given_bytes_that_are_not_CMS_When_verified_Then_they_are_refused_as_malformed(byte[] cms)
    {
        var result = DetachedSignatureVerifier.Verify(Document, cms, Trusted, TestPki.Now);

        AssertRefused(result, SignatureStatus.Malformed);
    }

    [Fact]
    public void Given_an_attached_signature_When_verified_Then_it_is_refused_as_not_detached()
    {
        var cms = Cas[TestKeyKind.Rsa].Issue(TestKeyKind.Rsa).Sign(Document, encapsulate: true);

        var result = DetachedSignatureVerifier.Verify(Document, cms, Trusted, TestPki.Now);

        AssertRefused(result, SignatureStatus.Malformed);
        Assert.Contains("detached", result.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_no_trusted_CA_When_a_valid_signature_is_verified_Then_it_is_refused_as_untrusted()
    {
        var cms = Cas[TestKeyKind.Gost2012_256].Issue(TestKeyKind.Gost2012_256).Sign(Document);

        AssertRefused(DetachedSignatureVerifier.Verify(Document, cms, TrustAnchors.None, TestPki.Now), SignatureStatus.Untrusted);
    }

    [Fact]
    public void Given_a_signer_under_an_intermediate_CA_carried_in_the_signature_When_verified_Then_the_chain_reaches_the_trusted_root()
    {
        var root = Cas[TestKeyKind.Rsa];
        var intermediate = root.IssueIntermediate("ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST", TestKeyKind.Gost2012_256);
        var signer = intermediate.Issue(TestKeyKind.Gost2012_256);

        var withIntermediate = DetachedSignatureVerifier.Verify(Document, signer.Sign(Document, extraCertificates: [intermediate.Certificate]), Trusted, TestPki.Now);
        var withoutIntermediate = DetachedSignatureVerifier.Verify(Document, signer.Sign(Document), Trusted, TestPki.Now);

        Assert.True(withIntermediate.IsValid, withIntermediate.MessageEn);
        AssertRefused(withoutIntermediate, SignatureStatus.Untrusted);
    }

    [Fact]
    public void Given_a_signing_time_after_the_certificate_expired_When_verified_Then_it_is_refused()
    {
        var signer = Cas[TestKeyKind.EcdsaP256].Issue(TestKeyKind.EcdsaP256, notBefore: TestPki.Now.AddDays(-10));
        var cms = signer.Sign(Document, signingTime: TestPki.Now.AddDays(-20));

        AssertRefused(DetachedSignatureVerifier.Verify(Document, cms, Trusted, TestPki.Now), SignatureStatus.Expired);
    }

    [Fact]
    public void Given_a_signing_time_in_the_future_When_verified_Then_it_is_refused()
    {
        var cms = Cas[TestKeyKind.EcdsaP256].Issue(TestKeyKind.EcdsaP256).Sign(Document, signingTime: TestPki.Now.AddHours(2));

        AssertRefused(DetachedSignatureVerifier.Verify(Document, cms, Trusted, TestPki.Now), SignatureStatus.NotYetValid);
    }

    [Fact]
    public void Given_a_trusted_CA_that_has_expired_When_a_signature_under_it_is_verified_Then_it_is_refused()
    {
        var old = TestPki.CreateCa("OLD CA", TestKeyKind.EcdsaP256, TestPki.Now.AddYears(-10), TestPki.Now.AddDays(-1));
        var signer = old.Issue(TestKeyKind.EcdsaP256, notBefore: TestPki.Now.AddYears(-1), notAfter: TestPki.Now.AddYears(1));

        var result = DetachedSignatureVerifier.Verify(Document, signer.Sign(Document), TrustAnchors.From([old.Certificate]), TestPki.Now);

        AssertRefused(result, SignatureStatus.Expired);
    }

    [Fact]
    public void Given_a_large_document_as_a_stream_When_verified_Then_it_is_read_to_the_end()
    {
        var large = new byte[3_000_000];
        new Random(7).NextBytes(large);
        var cms = Cas[TestKeyKind.Gost2012_256].Issue(TestKeyKind.Gost2012_256).Sign(large);
        using var stream = new MemoryStream(large);

        var result = DetachedSignatureVerifier.Verify(stream, cms, Trusted, TestPki.Now);

        Assert.True(result.IsValid, result.MessageEn);
        Assert.Equal(large.Length, stream.Position);
    }

    [Theory]
    [InlineData("IIN870412300123", "870412300123")]
    [InlineData("iin870412300123", "870412300123")]
    [InlineData("IIN87041230012", null)]
    [InlineData("BIN870412300123", null)]
    [InlineData(null, null)]
    public void Given_a_subject_serial_number_When_the_IIN_is_read_Then_only_IIN_and_twelve_digits_count(string? serialNumber, string? iin) =>
        Assert.Equal(iin, DetachedSignatureVerifier.IinFrom(serialNumber));

    [Theory]
    [InlineData("BIN123456789021", "123456789021")]
    [InlineData("Отдел кадров", null)]
    public void Given_an_organizational_unit_When_the_BIN_is_read_Then_only_BIN_and_twelve_digits_count(string unit, string? bin) =>
        Assert.Equal(bin, DetachedSignatureVerifier.BinFrom(unit));

    [Fact]
    public void The_Kazakh_GOST_2015_OIDs_map_to_GOST_2012_and_the_2004_ones_are_recognised_as_legacy()
    {
        Assert.Equal(SignatureAlgorithms.ForSignature(SignatureAlgorithms.Gost2012Sign256), SignatureAlgorithms.ForSignature(SignatureAlgorithms.KazakhGost2015With256BitKey));
        Assert.Equal(SignatureAlgorithms.ForSignature(SignatureAlgorithms.Gost2012Sign512), SignatureAlgorithms.ForSignature(SignatureAlgorithms.KazakhGost2015With512BitKey));
        Assert.Equal(SignatureFamily.Gost2012, SignatureAlgorithms.ForSignature("1.2.398.3.10.1.1.2.3.1")!.Family);
        Assert.True(SignatureAlgorithms.IsLegacyKazakhGost("1.2.398.3.10.1.1.1.2"));
        Assert.True(SignatureAlgorithms.IsLegacyKazakhGost("1.3.6.1.4.1.6801.1.2.2"));
        Assert.Null(SignatureAlgorithms.ForSignature("1.2.398.3.10.1.1.1.2"));
    }

    [Fact]
    public void Given_a_GOST_key_labelled_with_the_Kazakh_OID_When_read_Then_it_is_the_same_GOST_2012_key()
    {
        var signer = Cas[TestKeyKind.Gost2012_256].Issue(TestKeyKind.Gost2012_256);
        var info = signer.Certificate.CertificateStructure.SubjectPublicKeyInfo;
        var kazakh = new SubjectPublicKeyInfo(
            new AlgorithmIdentifier(new DerObjectIdentifier(SignatureAlgorithms.KazakhGost2015With256BitKey), info.Algorithm.Parameters), info.PublicKey);

        var key = SignatureAlgorithms.PublicKey(kazakh);

        Assert.NotNull(key);
        Assert.Equal(PublicKeyFactory.CreateKey(info), key);
        var data = Encoding.UTF8.GetBytes("решение суда");
        var gostSigner = SignerUtilities.GetSigner("GOST3411-2012-256WITHECGOST3410-2012-256");
        gostSigner.Init(true, signer.PrivateKey);
        gostSigner.BlockUpdate(data, 0, data.Length);
        Assert.True(SignatureAlgorithms.Verify(SignatureAlgorithms.ForSignature(SignatureAlgorithms.KazakhGost2015With256BitKey)!, key, data, gostSigner.GenerateSignature()));
    }

    [Fact]
    public void Given_a_signature_labelled_throughout_with_the_Kazakh_GOST_2015_OIDs_When_verified_Then_it_is_accepted_as_GOST_2012()
    {
        var ca = Cas[TestKeyKind.Gost2012_256];
        var (certificate, key) = KazakhLabelledSigner(ca, "ЖҰМАБАЕВА ӘСЕМ", "850505450789");
        var standard = TestPki.SignDetached(Document, key, certificate, TestKeyKind.Gost2012_256, TestPki.Now.AddMinutes(-1));
        var kazakh = RelabelSignerAlgorithm(standard, SignatureAlgorithms.KazakhGost2015With256BitKey);

        var result = DetachedSignatureVerifier.Verify(Document, kazakh, Trusted, TestPki.Now);
        var tampered = DetachedSignatureVerifier.Verify(Encoding.UTF8.GetBytes("другой"), kazakh, Trusted, TestPki.Now);

        Assert.Equal(SignatureAlgorithms.KazakhGost2015With256BitKey, certificate.SigAlgOid);
        Assert.Equal(SignatureAlgorithms.KazakhGost2015With256BitKey, certificate.CertificateStructure.SubjectPublicKeyInfo.Algorithm.Algorithm.Id);
        Assert.True(result.IsValid, result.MessageEn);
        Assert.Equal("850505450789", result.Signature!.Iin);
        Assert.StartsWith("GOST R 34.10-2012 (256)", result.Signature.Algorithm, StringComparison.Ordinal);
        AssertRefused(tampered, SignatureStatus.WrongDocument);
    }

    [Fact]
    public void Given_a_signature_with_the_legacy_GOST_34_310_2004_OID_When_verified_Then_it_is_refused_with_its_own_reason()
    {
        var cms = Cas[TestKeyKind.Gost2012_256].Issue(TestKeyKind.Gost2012_256).Sign(Document);

        var result = DetachedSignatureVerifier.Verify(Document, RelabelSignerAlgorithm(cms, SignatureAlgorithms.KazakhGost2004), Trusted, TestPki.Now);

        AssertRefused(result, SignatureStatus.UnsupportedAlgorithm);
        Assert.Contains("34.310-2004", result.MessageEn, StringComparison.Ordinal);
    }

    /// <summary>A GOST 2012 certificate as NCA RK issues them: key and signature algorithm named by the Kazakh OID.</summary>
    private static (Org.BouncyCastle.X509.X509Certificate Certificate, Org.BouncyCastle.Crypto.AsymmetricKeyParameter Key) KazakhLabelledSigner(TestCa ca, string name, string iin)
    {
        var pair = TestPki.NewKey(TestKeyKind.Gost2012_256);
        var kazakhOid = new DerObjectIdentifier(SignatureAlgorithms.KazakhGost2015With256BitKey);
        var info = Org.BouncyCastle.X509.SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public);
        var tbs = new V3TbsCertificateGenerator();
        tbs.SetSerialNumber(DerInteger.ValueOf(424242));
        tbs.SetSignature(new AlgorithmIdentifier(kazakhOid));
        tbs.SetIssuer(ca.Certificate.SubjectDN);
        tbs.SetStartDate(new Time(TestPki.Now.AddYears(-1).UtcDateTime));
        tbs.SetEndDate(new Time(TestPki.Now.AddYears(1).UtcDateTime));
        tbs.SetSubject(new X509Name($"C=KZ,CN={name},SERIALNUMBER=IIN{iin}"));
        tbs.SetSubjectPublicKeyInfo(new SubjectPublicKeyInfo(new AlgorithmIdentifier(kazakhOid, info.Algorithm.Parameters), info.PublicKey));
        var extensions = new X509ExtensionsGenerator();
        extensions.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
        tbs.SetExtensions(extensions.Generate());
        var tbsCertificate = tbs.GenerateTbsCertificate();

        var caKey = ca.PrivateKey;
        var signer = SignerUtilities.GetSigner("GOST3411-2012-256WITHECGOST3410-2012-256");
        signer.Init(true, caKey);
        var encoded = tbsCertificate.GetDerEncoded();
        signer.BlockUpdate(encoded, 0, encoded.Length);
        var structure = new X509CertificateStructure(tbsCertificate, new AlgorithmIdentifier(kazakhOid), new DerBitString(signer.GenerateSignature()));
        return (new Org.BouncyCastle.X509.X509Certificate(structure), pair.Private);
    }

    /// <summary>The same CMS with the signer's signature algorithm named by another OID (the signed bytes are unchanged).</summary>
    private static byte[] RelabelSignerAlgorithm(byte[] cms, string oid)
    {
        var contentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo.GetInstance(Asn1Object.FromByteArray(cms));
        var signedData = Org.BouncyCastle.Asn1.Cms.SignedData.GetInstance(contentInfo.Content);
        var info = Org.BouncyCastle.Asn1.Cms.SignerInfo.GetInstance(signedData.SignerInfos[0]);
        var relabelled = new Org.BouncyCastle.Asn1.Cms.SignerInfo(
            info.SignerID, info.DigestAlgorithm, info.SignedAttrs, new AlgorithmIdentifier(new DerObjectIdentifier(oid)), info.Signature, info.UnsignedAttrs);
        var rebuilt = new Org.BouncyCastle.Asn1.Cms.SignedData(
            signedData.DigestAlgorithms, signedData.EncapContentInfo, signedData.Certificates, signedData.CRLs, new DerSet(relabelled));
        return new Org.BouncyCastle.Asn1.Cms.ContentInfo(Org.BouncyCastle.Asn1.Cms.CmsObjectIdentifiers.SignedData, rebuilt).GetEncoded(Asn1Encodable.Der);
    }

    [Fact]
    public void Given_CA_files_in_PEM_and_DER_When_loaded_Then_every_certificate_is_a_trust_anchor()
    {
        var der = Cas[TestKeyKind.Rsa].Certificate.GetEncoded();
        var pem = Encoding.ASCII.GetBytes(Pem(Cas[TestKeyKind.EcdsaP256].Certificate.GetEncoded()) + Pem(Cas[TestKeyKind.Gost2012_256].Certificate.GetEncoded()));

        var anchors = TrustAnchors.FromEncoded([der, pem]);

        Assert.Equal(3, anchors.Certificates.Count);
        Assert.Throws<FormatException>(() => TrustAnchors.FromEncoded([Encoding.ASCII.GetBytes("not a certificate")]));
    }

    private static string Pem(byte[] der) =>
        "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----\n";

    private static void AssertRefused(SignatureVerification result, SignatureStatus expected)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Signature);
        Assert.Equal(expected, result.Status);
        Assert.All([result.MessageRu, result.MessageKk, result.MessageEn], m => Assert.False(string.IsNullOrWhiteSpace(m)));
        Assert.NotEqual(result.MessageRu, result.MessageEn);
    }

    private static byte[] SignatureValue(byte[] cms)
    {
        var contentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo.GetInstance(Asn1Object.FromByteArray(cms));
        var signedData = Org.BouncyCastle.Asn1.Cms.SignedData.GetInstance(contentInfo.Content);
        return Org.BouncyCastle.Asn1.Cms.SignerInfo.GetInstance(signedData.SignerInfos[0]).Signature.GetOctets();
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        var at = haystack.AsSpan().IndexOf(needle);
        Assert.True(at >= 0);
        return at;
    }
}
