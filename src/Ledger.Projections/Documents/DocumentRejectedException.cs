using System.Globalization;
using Ledger.Domain.Signatures;

namespace Ledger.Projections.Documents;

/// <summary>Why an upload was refused; the API answers 400, 413, 415 or 422.</summary>
public enum DocumentRejection
{
    /// <summary>The request is not a form with a file (HTTP 400).</summary>
    BadRequest,

    /// <summary>Larger than the limit for its kind (HTTP 413).</summary>
    TooLarge,

    /// <summary>Not one of the accepted types, or the declared type is not what the bytes are (HTTP 415).</summary>
    UnsupportedType,

    /// <summary>The detached signature is invalid, expired, untrusted or of another document (HTTP 422).</summary>
    SignatureRefused,
}

/// <summary>
/// An upload refused before anything was stored, with a stable <see cref="Code"/> and a reason for people in Russian,
/// Kazakh and English. <see cref="Exception.Message"/> is the English text.
/// </summary>
public sealed class DocumentRejectedException(DocumentRejection rejection, string code, string messageRu, string messageKk, string messageEn)
    : Exception(messageEn)
{
    public DocumentRejection Rejection { get; } = rejection;

    public string Code { get; } = code;

    public string MessageRu { get; } = messageRu;

    public string MessageKk { get; } = messageKk;

    public string MessageEn { get; } = messageEn;

    /// <summary>The signature verdict when <see cref="Rejection"/> is <see cref="DocumentRejection.SignatureRefused"/>.</summary>
    public SignatureStatus? SignatureStatus { get; init; }

    public string MessageIn(string language) => language switch
    {
        "ru" => MessageRu,
        "kk" => MessageKk,
        _ => MessageEn,
    };

    public static DocumentRejectedException NoFile() => new(DocumentRejection.BadRequest, "document.file-missing",
        "Запрос должен быть формой multipart/form-data с файлом в поле «file».",
        "Сұрау «file» өрісінде файлы бар multipart/form-data пішіні болуы керек.",
        "The request must be a multipart/form-data form with the file in the field \"file\".");

    public static DocumentRejectedException EmptyFile() => new(DocumentRejection.BadRequest, "document.empty",
        "Файл пуст.", "Файл бос.", "The file is empty.");

    public static DocumentRejectedException BadKind(string kind) => new(DocumentRejection.BadRequest, "document.kind-invalid",
        $"Вид документа «{kind}» недопустим: используйте латинские строчные буквы, цифры и дефис (например, claim, motion, hearing-audio).",
        $"«{kind}» құжат түрі жарамсыз: латынның кіші әріптерін, сандар мен сызықшаны қолданыңыз (мысалы, claim, motion, hearing-audio).",
        $"The document kind \"{kind}\" is not valid: use lower-case Latin letters, digits and hyphens (e.g. claim, motion, hearing-audio).");

    public static DocumentRejectedException NotMultipart() => new(DocumentRejection.UnsupportedType, "document.not-multipart",
        "Документ загружается формой multipart/form-data (поле «file», необязательные «signature» и «kind»).",
        "Құжат multipart/form-data пішінімен жүктеледі («file» өрісі, міндетті емес «signature» және «kind»).",
        "Documents are uploaded as a multipart/form-data form (field \"file\", optional \"signature\" and \"kind\").");

    public static DocumentRejectedException TooLarge(long size, long limit, bool recording) => new(DocumentRejection.TooLarge, "document.too-large",
        $"Файл слишком большой: {Mb(size)}. Предел для {(recording ? "записи заседания" : "документа")} — {Mb(limit)}.",
        $"Файл тым үлкен: {Mb(size)}. {(recording ? "Отырыс жазбасы" : "Құжат")} үшін шек — {Mb(limit)}.",
        $"The file is too large: {Mb(size)}. The limit for a {(recording ? "hearing recording" : "filing")} is {Mb(limit)}.");

    public static DocumentRejectedException RequestTooLarge(long limit) => new(DocumentRejection.TooLarge, "document.too-large",
        $"Запрос слишком большой: предел загрузки — {Mb(limit)}.",
        $"Сұрау тым үлкен: жүктеу шегі — {Mb(limit)}.",
        $"The request is too large: the upload limit is {Mb(limit)}.");

    public static DocumentRejectedException SignatureTooLarge() => new(DocumentRejection.TooLarge, "document.signature-too-large",
        "Файл подписи слишком большой (более 1 МБ): это не отделённая подпись.",
        "Қолтаңба файлы тым үлкен (1 МБ-тан артық): бұл бөлек қолтаңба емес.",
        "The signature file is too large (over 1 MB): it is not a detached signature.");

    public static DocumentRejectedException UnsupportedType() => new(DocumentRejection.UnsupportedType, "document.type-unsupported",
        $"Тип файла не принимается. Допускаются: {MediaTypeDetector.AcceptedList}. Тип определяется по содержимому файла, а не по имени.",
        $"Файл түрі қабылданбайды. Рұқсат етілгендер: {MediaTypeDetector.AcceptedList}. Түрі файл атауымен емес, мазмұнымен анықталады.",
        $"This type of file is not accepted. Accepted: {MediaTypeDetector.AcceptedList}. The type is read from the file's content, not its name.");

    public static DocumentRejectedException TypeMismatch(string declared, DetectedMediaType detected) => new(DocumentRejection.UnsupportedType, "document.type-mismatch",
        $"Заявлен тип «{declared}», но по содержимому это {detected.DisplayName} ({detected.MediaType}). Загрузите файл с верным типом.",
        $"«{declared}» түрі көрсетілген, бірақ мазмұны бойынша бұл {detected.DisplayName} ({detected.MediaType}). Файлды дұрыс түрімен жүктеңіз.",
        $"The file was declared as \"{declared}\" but its content is {detected.DisplayName} ({detected.MediaType}). Upload it with its real type.");

    public static DocumentRejectedException SignatureUnreadable() => new(DocumentRejection.SignatureRefused, "signature.malformed",
        "Подпись не прочитана: передайте файл .p7s (DER или PEM) или подпись в base64.",
        "Қолтаңба оқылмады: .p7s файлын (DER немесе PEM) немесе base64 қолтаңбасын жіберіңіз.",
        "The signature could not be read: send a .p7s file (DER or PEM) or the signature in base64.")
    {
        SignatureStatus = Domain.Signatures.SignatureStatus.Malformed,
    };

    public static DocumentRejectedException SignatureRefused(SignatureVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return new DocumentRejectedException(DocumentRejection.SignatureRefused, verification.Code,
            "Подпись отклонена. " + verification.MessageRu,
            "Қолтаңба қабылданбады. " + verification.MessageKk,
            "The signature was refused. " + verification.MessageEn)
        {
            SignatureStatus = verification.Status,
        };
    }

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture) + " MB";
}

/// <summary>
/// A stored document whose content no longer hashes to its SHA-256: it was changed or damaged in the database. It is
/// never served; the API logs it and answers 500.
/// </summary>
public sealed class DocumentIntegrityException(string expectedSha256Hex, string actualSha256Hex)
    : Exception($"The stored document {expectedSha256Hex} is damaged: its content hashes to {actualSha256Hex}.")
{
    public string ExpectedSha256Hex { get; } = expectedSha256Hex;

    public string ActualSha256Hex { get; } = actualSha256Hex;
}
