namespace Ledger.Intake;

/// <summary>
/// A filing intake could not read. <see cref="Code"/> is stable ("file.empty", "file.too-large",
/// "file.unsupported-type", "file.corrupt", "file.no-text", "model.missing"); the messages are for
/// clerks, in Russian, Kazakh and English. <see cref="Exception.Message"/> is English.
/// </summary>
public sealed class IntakeException(string code, string messageRu, string messageKk, string messageEn, Exception? inner = null)
    : Exception(messageEn, inner)
{
    public string Code { get; } = code;

    public string MessageRu { get; } = messageRu;

    public string MessageKk { get; } = messageKk;

    public string MessageEn { get; } = messageEn;

    /// <summary>The message in a language ("ru", "kk", anything else gives English).</summary>
    public string MessageIn(string language) => language switch
    {
        "ru" => MessageRu,
        "kk" => MessageKk,
        _ => MessageEn,
    };

    internal static IntakeException Empty(string fileName) => new("file.empty",
        $"Файл «{fileName}» пуст.",
        $"«{fileName}» файлы бос.",
        $"The file \"{fileName}\" is empty.");

    internal static IntakeException TooLarge(string fileName, long limitBytes) => new("file.too-large",
        $"Файл «{fileName}» больше допустимых {limitBytes / (1024 * 1024)} МБ. Разделите документ на части.",
        $"«{fileName}» файлы рұқсат етілген {limitBytes / (1024 * 1024)} МБ-тан үлкен. Құжатты бөліктерге бөліңіз.",
        $"The file \"{fileName}\" is larger than the allowed {limitBytes / (1024 * 1024)} MB. Split the document into parts.");

    internal static IntakeException UnsupportedType(string fileName, string mediaType) => new("file.unsupported-type",
        $"Файл «{fileName}» ({mediaType}) не принимается: загрузите PDF, DOCX или TXT.",
        $"«{fileName}» ({mediaType}) файлы қабылданбайды: PDF, DOCX немесе TXT жүктеңіз.",
        $"The file \"{fileName}\" ({mediaType}) is not accepted: upload a PDF, DOCX or TXT file.");

    internal static IntakeException Corrupt(string fileName, string format, Exception? inner = null) => new("file.corrupt",
        $"Файл «{fileName}» повреждён или не является документом {format}; откройте его и сохраните заново.",
        $"«{fileName}» файлы зақымдалған немесе {format} құжаты емес; оны ашып, қайта сақтаңыз.",
        $"The file \"{fileName}\" is damaged or is not a {format} document; open it and save it again.", inner);

    internal static IntakeException NoText(string fileName) => new("file.no-text",
        $"В файле «{fileName}» нет текста (возможно, это скан). Загрузите документ с текстовым слоем.",
        $"«{fileName}» файлында мәтін жоқ (мүмкін, бұл скан). Мәтіндік қабаты бар құжатты жүктеңіз.",
        $"The file \"{fileName}\" has no text (it may be a scan). Upload a document with a text layer.");

    internal static IntakeException ModelMissing(string path) => new("model.missing",
        $"Модель классификатора не найдена: {path}. Выполните «caseledger intake-train».",
        $"Жіктеуіш моделі табылмады: {path}. «caseledger intake-train» орындаңыз.",
        $"The classifier model was not found: {path}. Run \"caseledger intake-train\".");
}
