using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Ledger.Intake.Extraction;

public enum FilingFormat
{
    Pdf,
    Docx,
    Text,
}

/// <summary>The text of a filing, the format it came in, its SHA-256 and size.</summary>
public sealed record ExtractedFiling(string Text, FilingFormat Format, string Sha256Hex, long SizeBytes, int Pages);

/// <summary>Reads the text of an uploaded filing (PDF through PdfPig, DOCX through Open XML, plain text), refusing what it cannot read with an <see cref="IntakeException"/>.</summary>
public static class FilingTextExtractor
{
    /// <summary>The e-filing portal's upload limit (20 MB).</summary>
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    public static ExtractedFiling Extract(Stream content, string fileName, string? mediaType, long maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var format = FormatOf(fileName, mediaType) ?? throw IntakeException.UnsupportedType(fileName, mediaType ?? "?");
        var bytes = ReadLimited(content, fileName, maxBytes);
        if (bytes.Length == 0)
        {
            throw IntakeException.Empty(fileName);
        }

        var (text, pages) = format switch
        {
            FilingFormat.Pdf => FromPdf(bytes, fileName),
            FilingFormat.Docx => FromDocx(bytes, fileName),
            _ => (FromPlainText(bytes), 1),
        };
        text = Normalize(text);
        if (text.Length == 0 || !text.Any(char.IsLetter))
        {
            throw IntakeException.NoText(fileName);
        }

        return new ExtractedFiling(text, format, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), bytes.Length, pages);
    }

    /// <summary>The format named by the media type or, failing that, the file extension; null when neither is accepted.</summary>
    public static FilingFormat? FormatOf(string fileName, string? mediaType)
    {
        var type = (mediaType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var byType = type switch
        {
            "application/pdf" => FilingFormat.Pdf,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => FilingFormat.Docx,
            "text/plain" => FilingFormat.Text,
            _ => (FilingFormat?)null,
        };
        var byName = Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".pdf" => FilingFormat.Pdf,
            ".docx" => FilingFormat.Docx,
            ".txt" => FilingFormat.Text,
            _ => (FilingFormat?)null,
        };
        if (byType is not null && byName is not null && byType != byName)
        {
            return null; // a ".pdf" announced as text, or the reverse: refuse rather than guess
        }

        return byType is not null || type is "" or "application/octet-stream" ? byType ?? byName : null;
    }

    private static byte[] ReadLimited(Stream content, string fileName, long maxBytes)
    {
        if (content.CanSeek && content.Length - content.Position > maxBytes)
        {
            throw IntakeException.TooLarge(fileName, maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw IntakeException.TooLarge(fileName, maxBytes);
            }
        }

        return buffer.ToArray();
    }

    private static (string Text, int Pages) FromPdf(byte[] bytes, string fileName)
    {
        if (bytes.AsSpan(0, Math.Min(bytes.Length, 1024)).IndexOf("%PDF-"u8) < 0)
        {
            throw IntakeException.Corrupt(fileName, "PDF");
        }

        try
        {
            using var document = PdfDocument.Open(bytes);
            var text = new StringBuilder();
            foreach (var page in document.GetPages())
            {
                text.AppendLine(ContentOrderTextExtractor.GetText(page));
            }

            return (text.ToString(), document.NumberOfPages);
        }
        catch (Exception ex) when (ex is not IntakeException)
        {
            throw IntakeException.Corrupt(fileName, "PDF", ex);
        }
    }

    private static (string Text, int Pages) FromDocx(byte[] bytes, string fileName)
    {
        if (bytes.Length < 4 || bytes[0] != 'P' || bytes[1] != 'K')
        {
            throw IntakeException.Corrupt(fileName, "DOCX");
        }

        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, false);
            var body = document.MainDocumentPart?.Document?.Body ?? throw IntakeException.Corrupt(fileName, "DOCX");
            var text = new StringBuilder();
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                text.AppendLine(paragraph.InnerText);
            }

            return (text.ToString(), 1);
        }
        catch (Exception ex) when (ex is not IntakeException)
        {
            throw IntakeException.Corrupt(fileName, "DOCX", ex);
        }
    }

    private static string FromPlainText(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            // Older Windows tools save Cyrillic text as Windows-1251.
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1251).GetString(bytes);
        }
    }

    private static string Normalize(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim();
}
