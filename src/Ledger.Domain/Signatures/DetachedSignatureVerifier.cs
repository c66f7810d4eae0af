using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using AttributeTable = Org.BouncyCastle.Asn1.Cms.AttributeTable;
using CmsAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Ledger.Domain.Signatures;

/// <summary>
/// Verifies a detached CMS (PKCS #7) signature over a document: the signature must be CMS SignedData without
/// encapsulated content and with exactly one signer; it must cover exactly the document's bytes (message digest) and
/// verify with the signer's key (RSA/SHA-256, ECDSA P-256/SHA-256, GOST R 34.10-2012/34.11-2012 including the NCA RK
/// OIDs); the signer's certificate must chain to a trusted CA, be valid now and at the signing time, and allow
/// signing (an NCA authentication key is refused). Pure: the caller passes the content, the trust anchors and the time.
/// Certificate revocation (CRL/OCSP) is not checked here.
/// </summary>
public static partial class DetachedSignatureVerifier
{
    /// <summary>How far in the future a signing time may be (clocks of signers' computers drift).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const int MaxChainLength = 5;
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    private const string EmailProtection = "1.3.6.1.5.5.7.3.4";

    public static SignatureVerification Verify(byte[] content, byte[] cms, TrustAnchors anchors, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var stream = new MemoryStream(content, writable: false);
        return Verify(stream, cms, anchors, now);
    }

    /// <summary>Verifies <paramref name="cms"/> (DER) over the bytes read from <paramref name="content"/> to its end.</summary>
    public static SignatureVerification Verify(Stream content, byte[] cms, TrustAnchors anchors, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(cms);
        ArgumentNullException.ThrowIfNull(anchors);

        if (!TryParse(cms, out var signedData, out var signerInfo))
        {
            return Refusals.Malformed();
        }

        if (signedData.EncapContentInfo.Content is not null)
        {
            return Refusals.NotDetached();
        }

        if (signedData.SignerInfos.Count != 1)
        {
            return Refusals.NotOneSigner(signedData.SignerInfos.Count);
        }

        var signatureOid = signerInfo.SignatureAlgorithm.Algorithm.Id;
        var digestOid = signerInfo.DigestAlgorithm.Algorithm.Id;
        if (SignatureAlgorithms.IsLegacyKazakhGost(signatureOid))
        {
            return Refusals.LegacyGost();
        }

        var algorithm = SignatureAlgorithms.ForSigner(signatureOid, digestOid);
        if (algorithm is null)
        {
            return Refusals.Unsupported(signatureOid, digestOid);
        }

        var included = Certificates(signedData);
        var signer = included.FirstOrDefault(c => Identifies(signerInfo.SignerID, c));
        if (signer is null)
        {
            return Refusals.CertificateMissing();
        }

        var key = SignatureAlgorithms.PublicKey(signer.CertificateStructure.SubjectPublicKeyInfo);
        var keyAlgorithm = SignatureAlgorithms.ForSignature(signer.CertificateStructure.SubjectPublicKeyInfo.Algorithm.Algorithm.Id);
        if (key is null || keyAlgorithm != algorithm
            || (algorithm.Family == SignatureFamily.Ecdsa && (key is not ECPublicKeyParameters ec || !SignatureAlgorithms.IsP256(ec))))
        {
            return Refusals.Unsupported(signatureOid, digestOid);
        }

        var signedAttributes = signerInfo.SignedAttrs;
        var digest = SignatureAlgorithms.Digest(algorithm);
        ISigner? directSigner = null;
        if (signedAttributes is null)
        {
            directSigner = SignerUtilities.GetSigner(algorithm.SignerName);
            directSigner.Init(false, key);
        }

        var buffer = new byte[81920];
        int read;
        while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            digest.BlockUpdate(buffer, 0, read);
            directSigner?.BlockUpdate(buffer, 0, read);
        }

        var signatureValue = signerInfo.Signature.GetOctets();
        DateTimeOffset? signingTime = null;
        if (signedAttributes is null)
        {
            if (!SafeVerify(directSigner!, signatureValue))
            {
                return Refusals.DoesNotMatch();
            }
        }
        else
        {
            var attributes = new AttributeTable(signedAttributes);
            if (Single(attributes, CmsAttributes.MessageDigest) is not Asn1OctetString messageDigest
                || Single(attributes, CmsAttributes.ContentType) is not DerObjectIdentifier contentType
                || !contentType.Equals(CmsObjectIdentifiers.Data))
            {
                return Refusals.Malformed();
            }

            var computed = DigestUtilities.DoFinal(digest);
            if (!CryptographicOperations.FixedTimeEquals(computed, messageDigest.GetOctets()))
            {
                return Refusals.WrongDocument();
            }

            if (!SignatureAlgorithms.Verify(algorithm, key, signedAttributes.GetEncoded(Asn1Encodable.Der), signatureValue))
            {
                return Refusals.BadSignature();
            }

            if (Single(attributes, CmsAttributes.SigningTime) is { } time)
            {
                try
                {
                    signingTime = new DateTimeOffset(DateTime.SpecifyKind(Org.BouncyCastle.Asn1.Cms.Time.GetInstance(time).ToDateTime(), DateTimeKind.Utc));
                }
                catch (ArgumentException)
                {
                    return Refusals.Malformed();
                }
            }
        }

        var chain = CheckChain(signer, included, anchors, now);
        if (chain is not null)
        {
            return chain;
        }

        var validity = CheckValidity(signer, now, signingTime);
        if (validity is not null)
        {
            return validity;
        }

        if (!AllowsSigning(signer))
        {
            return Refusals.NotForSigning();
        }

        return SignatureVerification.Valid(Describe(signer, algorithm, cms, signingTime, now));
    }

    /// <summary>The IIN from a subject serialNumber of the form "IIN123456789012", or null.</summary>
    public static string? IinFrom(string? serialNumber) => Prefixed(serialNumber, "IIN");

    /// <summary>The BIN from an organizational unit of the form "BIN123456789012", or null.</summary>
    public static string? BinFrom(string? organizationalUnit) => Prefixed(organizationalUnit, "BIN");

    private static string? Prefixed(string? value, string prefix)
    {
        if (value is null)
        {
            return null;
        }

        var match = TwelveDigitsAfterPrefix().Match(value.Trim());
        return match.Success && match.Groups[1].Value.Equals(prefix, StringComparison.OrdinalIgnoreCase) ? match.Groups[2].Value : null;
    }

    [GeneratedRegex("^(IIN|BIN)([0-9]{12})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TwelveDigitsAfterPrefix();

    private static bool TryParse(byte[] cms, out SignedData signedData, out SignerInfo signerInfo)
    {
        signedData = null!;
        signerInfo = null!;
        try
        {
            var contentInfo = ContentInfo.GetInstance(Asn1Object.FromByteArray(cms));
            if (contentInfo is null || !CmsObjectIdentifiers.SignedData.Equals(contentInfo.ContentType))
            {
                return false;
            }

            signedData = SignedData.GetInstance(contentInfo.Content);
            if (signedData.SignerInfos.Count == 0)
            {
                return false;
            }

            signerInfo = SignerInfo.GetInstance(signedData.SignerInfos[0]);
            return true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or InvalidOperationException or Asn1Exception)
        {
            return false;
        }
    }

    private static List<X509Certificate> Certificates(SignedData signedData)
    {
        var certificates = new List<X509Certificate>();
        if (signedData.Certificates is null)
        {
            return certificates;
        }

        foreach (var element in signedData.Certificates)
        {
            if (element is Asn1Sequence sequence)
            {
                try
                {
                    certificates.Add(new X509Certificate(X509CertificateStructure.GetInstance(sequence)));
                }
                catch (Exception e) when (e is ArgumentException or InvalidCastException or InvalidOperationException)
                {
                    // Not an X.509 certificate (another CertificateChoices form): ignored.
                }
            }
        }

        return certificates;
    }

    private static bool Identifies(SignerIdentifier id, X509Certificate certificate)
    {
        if (id.ID is Asn1OctetString subjectKeyId)
        {
            var extension = certificate.GetExtensionValue(X509Extensions.SubjectKeyIdentifier);
            return extension is not null
                && SubjectKeyIdentifier.GetInstance(X509ExtensionUtilities.FromExtensionValue(extension)).GetKeyIdentifier()
                    .AsSpan().SequenceEqual(subjectKeyId.GetOctets());
        }

        var issuerAndSerial = IssuerAndSerialNumber.GetInstance(id.ID);
        return issuerAndSerial.Issuer.Equivalent(certificate.IssuerDN) && issuerAndSerial.SerialNumber.Value.Equals(certificate.SerialNumber);
    }

    private static Asn1Object? Single(AttributeTable attributes, DerObjectIdentifier type)
    {
        var all = attributes.GetAll(type);
        if (all.Count != 1)
        {
            return null;
        }

        var values = ((CmsAttribute)all[0]).AttrValues;
        return values.Count == 1 ? values[0].ToAsn1Object() : null;
    }

    private static bool SafeVerify(ISigner signer, byte[] signature)
    {
        try
        {
            return signer.VerifySignature(signature);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or InvalidOperationException or CryptoException)
        {
            return false;
        }
    }

    private static SignatureVerification? CheckChain(X509Certificate signer, List<X509Certificate> included, TrustAnchors anchors, DateTimeOffset now)
    {
        var current = signer;
        for (var depth = 0; depth < MaxChainLength; depth++)
        {
            var anchor = anchors.Certificates.FirstOrDefault(a => a.SubjectDN.Equivalent(current.IssuerDN) && SignedBy(current, a));
            if (anchor is not null)
            {
                return CheckCaValidity(anchor, now);
            }

            var issuer = included.FirstOrDefault(c =>
                !ReferenceEquals(c, current) && c.GetBasicConstraints() >= 0 && c.SubjectDN.Equivalent(current.IssuerDN) && SignedBy(current, c));
            if (issuer is null)
            {
                return Refusals.Untrusted(current.IssuerDN.ToString());
            }

            if (CheckCaValidity(issuer, now) is { } invalid)
            {
                return invalid;
            }

            current = issuer;
        }

        return Refusals.Untrusted(current.IssuerDN.ToString());
    }

    private static SignatureVerification? CheckCaValidity(X509Certificate ca, DateTimeOffset now)
    {
        if (now > ToUtc(ca.NotAfter))
        {
            return Refusals.CaExpired(ca.SubjectDN.ToString(), ToUtc(ca.NotAfter));
        }

        return now < ToUtc(ca.NotBefore) ? Refusals.CaNotYetValid(ca.SubjectDN.ToString(), ToUtc(ca.NotBefore)) : null;
    }

    private static bool SignedBy(X509Certificate child, X509Certificate issuer)
    {
        var key = SignatureAlgorithms.PublicKey(issuer.CertificateStructure.SubjectPublicKeyInfo);
        if (key is null)
        {
            return false;
        }

        var algorithm = SignatureAlgorithms.ForSignature(child.SigAlgOid);
        if (algorithm is not null && (child.SigAlgOid == SignatureAlgorithms.Sha256WithRsa || algorithm.Family != SignatureFamily.Rsa))
        {
            return SignatureAlgorithms.Verify(algorithm, key, child.GetTbsCertificate(), child.GetSignature());
        }

        try
        {
            // Other standard certificate signature algorithms (e.g. sha384WithRSA, ecdsa-with-SHA384 of a root CA).
            return child.IsSignatureValid(key);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or CryptoException or SecurityUtilityException or InvalidCastException)
        {
            return false;
        }
    }

    private static SignatureVerification? CheckValidity(X509Certificate signer, DateTimeOffset now, DateTimeOffset? signingTime)
    {
        var notBefore = ToUtc(signer.NotBefore);
        var notAfter = ToUtc(signer.NotAfter);
        if (now > notAfter)
        {
            return Refusals.Expired(notAfter);
        }

        if (now < notBefore)
        {
            return Refusals.NotYetValid(notBefore);
        }

        if (signingTime is { } at)
        {
            if (at > now + ClockSkew)
            {
                return Refusals.SignedInFuture(at);
            }

            if (at < notBefore || at > notAfter)
            {
                return Refusals.SignedOutsideValidity(at, notBefore, notAfter);
            }
        }

        return null;
    }

    /// <summary>
    /// A signing key has nonRepudiation, or digitalSignature without being an authentication key. An NCA RK
    /// authentication (AUTH) certificate has digitalSignature + keyEncipherment and the extended key usage clientAuth
    /// (without emailProtection, which NCA signing certificates carry).
    /// </summary>
    private static bool AllowsSigning(X509Certificate certificate)
    {
        var usage = certificate.GetKeyUsage();
        var extended = certificate.GetExtendedKeyUsage()?.Select(o => o.Id).ToHashSet() ?? [];
        var nonRepudiation = usage is not null && usage.Length > 1 && usage[1];
        var digitalSignature = usage is not null && usage.Length > 0 && usage[0];
        if (usage is not null && !nonRepudiation && !digitalSignature)
        {
            return false;
        }

        var authentication = extended.Contains(ClientAuth) && !extended.Contains(EmailProtection);
        return nonRepudiation || !authentication;
    }

    private static SignatureInfo Describe(X509Certificate signer, SignatureAlgorithms.Accepted algorithm, byte[] cms, DateTimeOffset? signingTime, DateTimeOffset now)
    {
        var subject = signer.SubjectDN;
        var commonName = subject.GetValueList(X509Name.CN).FirstOrDefault() ?? subject.ToString();
        var iin = subject.GetValueList(X509Name.SerialNumber).Select(IinFrom).FirstOrDefault(v => v is not null);
        var bin = subject.GetValueList(X509Name.OU).Select(BinFrom).FirstOrDefault(v => v is not null);
        return new SignatureInfo(
            Convert.ToHexStringLower(SHA256.HashData(cms)),
            commonName,
            iin,
            bin,
            signer.SerialNumber.ToString(16),
            signer.IssuerDN.ToString(),
            algorithm.DisplayName,
            signingTime,
            now,
            SignatureStatus.Valid);
    }

    private static DateTimeOffset ToUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static string D(DateTimeOffset value) => value.UtcDateTime.ToString("dd.MM.yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static class Refusals
    {
        public static SignatureVerification Malformed() => SignatureVerification.Refused(SignatureStatus.Malformed,
            "Файл подписи не является подписью CMS (PKCS #7) или повреждён.",
            "Қолтаңба файлы CMS (PKCS #7) қолтаңбасы емес немесе бүлінген.",
            "The signature file is not a CMS (PKCS #7) signature or is damaged.");

        public static SignatureVerification NotDetached() => SignatureVerification.Refused(SignatureStatus.Malformed,
            "Подпись содержит документ внутри себя; нужна отделённая подпись (файл .p7s без документа).",
            "Қолтаңба құжатты өз ішінде қамтиды; бөлек қолтаңба қажет (құжатсыз .p7s файлы).",
            "The signature contains the document itself; a detached signature is required (a .p7s file without the document).");

        public static SignatureVerification NotOneSigner(int count) => SignatureVerification.Refused(SignatureStatus.Malformed,
            $"В файле подписи {count} подписантов; загрузите подпись каждого подписанта отдельно.",
            $"Қолтаңба файлында {count} қол қоюшы бар; әр қол қоюшының қолтаңбасын бөлек жүктеңіз.",
            $"The signature file has {count} signers; upload each signer's signature separately.");

        public static SignatureVerification LegacyGost() => SignatureVerification.Refused(SignatureStatus.UnsupportedAlgorithm,
            "Подпись сделана по устаревшему алгоритму ГОСТ 34.310-2004. Подпишите документ ключом ГОСТ 34.10-2015 или RSA.",
            "Қолтаңба ескірген ГОСТ 34.310-2004 алгоритмімен жасалған. Құжатқа ГОСТ 34.10-2015 немесе RSA кілтімен қол қойыңыз.",
            "The signature uses the legacy GOST 34.310-2004 algorithm. Sign the document with a GOST 34.10-2015 or RSA key.");

        public static SignatureVerification Unsupported(string signatureOid, string digestOid) => SignatureVerification.Refused(SignatureStatus.UnsupportedAlgorithm,
            $"Алгоритм подписи не поддерживается (подпись {signatureOid}, хеш {digestOid}). Принимаются ГОСТ 34.10-2015/2012, RSA с SHA-256 и ECDSA P-256 с SHA-256.",
            $"Қолтаңба алгоритмі қолдау көрсетілмейді (қолтаңба {signatureOid}, хэш {digestOid}). ГОСТ 34.10-2015/2012, SHA-256 бар RSA және SHA-256 бар ECDSA P-256 қабылданады.",
            $"The signature algorithm is not supported (signature {signatureOid}, digest {digestOid}). Accepted: GOST 34.10-2015/2012, RSA with SHA-256 and ECDSA P-256 with SHA-256.");

        public static SignatureVerification CertificateMissing() => SignatureVerification.Refused(SignatureStatus.CertificateMissing,
            "В подписи нет сертификата подписанта. Подпишите документ так, чтобы сертификат был включён в подпись.",
            "Қолтаңбада қол қоюшының сертификаты жоқ. Сертификат қолтаңбаға енгізілетіндей етіп қол қойыңыз.",
            "The signature does not include the signer's certificate. Sign the document so that the certificate is included.");

        public static SignatureVerification WrongDocument() => SignatureVerification.Refused(SignatureStatus.WrongDocument,
            "Подпись сделана для другого документа: она не соответствует загруженному файлу.",
            "Қолтаңба басқа құжатқа қойылған: ол жүктелген файлға сәйкес келмейді.",
            "The signature was made for another document: it does not match the uploaded file.");

        public static SignatureVerification DoesNotMatch() => SignatureVerification.Refused(SignatureStatus.WrongDocument,
            "Подпись не соответствует загруженному файлу: документ изменён или подпись повреждена.",
            "Қолтаңба жүктелген файлға сәйкес келмейді: құжат өзгертілген немесе қолтаңба бүлінген.",
            "The signature does not match the uploaded file: the document was changed or the signature is damaged.");

        public static SignatureVerification BadSignature() => SignatureVerification.Refused(SignatureStatus.BadSignature,
            "Подпись недействительна: значение подписи не проверяется ключом сертификата (подпись подделана или повреждена).",
            "Қолтаңба жарамсыз: қолтаңба мәні сертификат кілтімен тексерілмейді (қолтаңба жалған немесе бүлінген).",
            "The signature is invalid: its value does not verify with the certificate's key (forged or damaged).");

        public static SignatureVerification Untrusted(string issuer) => SignatureVerification.Refused(SignatureStatus.Untrusted,
            $"Сертификат подписанта выдан недоверенным удостоверяющим центром ({issuer}). Принимаются сертификаты НУЦ РК.",
            $"Қол қоюшының сертификатын сенімсіз куәландырушы орталық берген ({issuer}). ҚР ҰКО сертификаттары қабылданады.",
            $"The signer's certificate was issued by an untrusted certification authority ({issuer}). Certificates of the NCA RK are accepted.");

        public static SignatureVerification CaExpired(string ca, DateTimeOffset notAfter) => SignatureVerification.Refused(SignatureStatus.Expired,
            $"Сертификат удостоверяющего центра {ca} истёк {D(notAfter)}.",
            $"{ca} куәландырушы орталығының сертификаты {D(notAfter)} мерзімі өтті.",
            $"The certificate of the certification authority {ca} expired on {D(notAfter)}.");

        public static SignatureVerification CaNotYetValid(string ca, DateTimeOffset notBefore) => SignatureVerification.Refused(SignatureStatus.NotYetValid,
            $"Сертификат удостоверяющего центра {ca} действует только с {D(notBefore)}.",
            $"{ca} куәландырушы орталығының сертификаты тек {D(notBefore)} бастап жарамды.",
            $"The certificate of the certification authority {ca} is valid only from {D(notBefore)}.");

        public static SignatureVerification Expired(DateTimeOffset notAfter) => SignatureVerification.Refused(SignatureStatus.Expired,
            $"Срок действия сертификата подписанта истёк {D(notAfter)}. Подпишите документ действующим ключом.",
            $"Қол қоюшы сертификатының мерзімі {D(notAfter)} өтті. Құжатқа жарамды кілтпен қол қойыңыз.",
            $"The signer's certificate expired on {D(notAfter)}. Sign the document with a valid key.");

        public static SignatureVerification NotYetValid(DateTimeOffset notBefore) => SignatureVerification.Refused(SignatureStatus.NotYetValid,
            $"Сертификат подписанта действует только с {D(notBefore)}.",
            $"Қол қоюшының сертификаты тек {D(notBefore)} бастап жарамды.",
            $"The signer's certificate is valid only from {D(notBefore)}.");

        public static SignatureVerification SignedInFuture(DateTimeOffset at) => SignatureVerification.Refused(SignatureStatus.NotYetValid,
            $"Время подписания ({D(at)}) ещё не наступило. Проверьте часы компьютера подписанта.",
            $"Қол қою уақыты ({D(at)}) әлі келген жоқ. Қол қоюшының компьютер сағатын тексеріңіз.",
            $"The signing time ({D(at)}) is in the future. Check the signer's computer clock.");

        public static SignatureVerification SignedOutsideValidity(DateTimeOffset at, DateTimeOffset notBefore, DateTimeOffset notAfter) => SignatureVerification.Refused(SignatureStatus.Expired,
            $"Документ подписан {D(at)}, вне срока действия сертификата ({D(notBefore)} — {D(notAfter)}).",
            $"Құжатқа {D(at)} қол қойылған, сертификаттың жарамдылық мерзімінен тыс ({D(notBefore)} — {D(notAfter)}).",
            $"The document was signed on {D(at)}, outside the certificate's validity ({D(notBefore)} to {D(notAfter)}).");

        public static SignatureVerification NotForSigning() => SignatureVerification.Refused(SignatureStatus.NotForSigning,
            "Ключ предназначен для входа в системы (AUTH), а не для подписи. Подпишите документ ключом подписи (RSA или GOSTKNCA).",
            "Кілт жүйеге кіруге (AUTH) арналған, қол қоюға емес. Құжатқа қол қою кілтімен (RSA немесе GOSTKNCA) қол қойыңыз.",
            "The key is for signing in (AUTH), not for signing documents. Sign the document with a signing key (RSA or GOSTKNCA).");
    }
}
