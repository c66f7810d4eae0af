using System.IO.Compression;
using System.Text;

namespace Ledger.Projections.Documents;

/// <summary>What a detected file is: a filing (PDF, DOCX), an image, or a sound or video recording.</summary>
public enum MediaFamily
{
    Document,
    Image,
    Audio,
    Video,
}

/// <summary>A media type recognised from a file's own bytes, with the extension it is served under.</summary>
public sealed record DetectedMediaType(string MediaType, string Extension, MediaFamily Family, string DisplayName)
{
    public bool IsRecording => Family is MediaFamily.Audio or MediaFamily.Video;
}

/// <summary>
/// Recognises the accepted file types from their leading ("magic") bytes, never from the name or the declared type:
/// PDF, DOCX (a ZIP package with <c>word/document.xml</c>), PNG, JPEG, MP3, OGG, WAV, MP4 and WebM. Anything else
/// (executables, archives, HTML, plain text, QuickTime, Matroska ...) is not recognised.
/// </summary>
public static class MediaTypeDetector
{
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly DetectedMediaType PdfType = new(Pdf, ".pdf", MediaFamily.Document, "PDF");
    private static readonly DetectedMediaType DocxType = new(Docx, ".docx", MediaFamily.Document, "DOCX");
    private static readonly DetectedMediaType PngType = new("image/png", ".png", MediaFamily.Image, "PNG");
    private static readonly DetectedMediaType JpegType = new("image/jpeg", ".jpg", MediaFamily.Image, "JPEG");
    private static readonly DetectedMediaType Mp3Type = new("audio/mpeg", ".mp3", MediaFamily.Audio, "MP3");
    private static readonly DetectedMediaType OggType = new("audio/ogg", ".ogg", MediaFamily.Audio, "OGG");
    private static readonly DetectedMediaType WavType = new("audio/wav", ".wav", MediaFamily.Audio, "WAV");
    private static readonly DetectedMediaType Mp4Type = new("video/mp4", ".mp4", MediaFamily.Video, "MP4");
    private static readonly DetectedMediaType M4aType = new("audio/mp4", ".m4a", MediaFamily.Audio, "MP4 audio");
    private static readonly DetectedMediaType WebmType = new("video/webm", ".webm", MediaFamily.Video, "WebM");

    /// <summary>The accepted types, for messages: "PDF, DOCX, PNG, JPEG, MP3, OGG, WAV, MP4, WebM".</summary>
    public const string AcceptedList = "PDF, DOCX, PNG, JPEG, MP3, OGG, WAV, MP4, WebM";

    /// <summary>Declared types that say nothing (a client that does not know the type).</summary>
    private static readonly HashSet<string> Unspecific = new(StringComparer.OrdinalIgnoreCase) { "application/octet-stream", "binary/octet-stream", "application/unknown" };

    /// <summary>Other names clients use for the detected types.</summary>
    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        [Pdf] = ["application/x-pdf"],
        ["image/jpeg"] = ["image/jpg", "image/pjpeg"],
        ["audio/mpeg"] = ["audio/mp3", "audio/mpeg3", "audio/x-mpeg"],
        ["audio/ogg"] = ["application/ogg", "audio/opus", "video/ogg"],
        ["audio/wav"] = ["audio/wave", "audio/x-wav", "audio/vnd.wave"],
        ["video/mp4"] = ["audio/mp4", "application/mp4"],
        ["audio/mp4"] = ["video/mp4", "audio/x-m4a", "audio/m4a"],
        ["video/webm"] = ["audio/webm"],
    };

    /// <summary>Detects the type of the content of a seekable stream (read from its start; the position is restored).</summary>
    public static DetectedMediaType? Detect(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
        {
            throw new ArgumentException("The content stream must be seekable.", nameof(content));
        }

        var start = content.Position;
        try
        {
            content.Position = 0;
            var head = new byte[64];
            var length = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var detected = DetectHead(head.AsSpan(0, length));
            if (detected is null && length >= 4 && head.AsSpan(0, 4).SequenceEqual("PK\u0003\u0004"u8))
            {
                content.Position = 0;
                detected = IsWordDocument(content) ? DocxType : null;
            }

            return detected;
        }
        finally
        {
            content.Position = start;
        }
    }

    /// <summary>Detects the type from the first bytes alone (DOCX needs the whole package: see <see cref="Detect(Stream)"/>).</summary>
    public static DetectedMediaType? DetectHead(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return PdfType;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return PngType;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return JpegType;
        }

        if (head.StartsWith("OggS"u8))
        {
            return OggType;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
        {
            return WavType;
        }

        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) == 0x02))
        {
            return Mp3Type;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(head[8..12]);
            return brand switch
            {
                "qt  " => null,
                "M4A " or "M4B " => M4aType,
                _ => Mp4Type,
            };
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]) && head.IndexOf("webm"u8) > 0)
        {
            return WebmType;
        }

        return null;
    }

    /// <summary>
    /// True when a client's declared type agrees with the detected one: the same type, a known alias, or a type
    /// that declares nothing (<c>application/octet-stream</c>, none).
    /// </summary>
    public static bool Agrees(string? declared, DetectedMediaType detected)
    {
        ArgumentNullException.ThrowIfNull(detected);
        var type = Normalize(declared);
        return type is null
            || Unspecific.Contains(type)
            || type.Equals(detected.MediaType, StringComparison.OrdinalIgnoreCase)
            || (Aliases.TryGetValue(detected.MediaType, out var aliases) && aliases.Contains(type, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The file extension of an accepted media type (".bin" for anything else).</summary>
    public static string ExtensionOf(string mediaType) =>
        new[] { PdfType, DocxType, PngType, JpegType, Mp3Type, OggType, WavType, Mp4Type, M4aType, WebmType }
            .FirstOrDefault(t => t.MediaType == mediaType)?.Extension ?? ".bin";

    /// <summary>The media type without parameters, lower-case; null when empty.</summary>
    public static string? Normalize(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return null;
        }

        var semicolon = declared.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? declared[..semicolon] : declared).Trim().ToLowerInvariant();
    }

    private static bool IsWordDocument(Stream content)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            return zip.GetEntry("word/document.xml") is not null && zip.GetEntry("[Content_Types].xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
