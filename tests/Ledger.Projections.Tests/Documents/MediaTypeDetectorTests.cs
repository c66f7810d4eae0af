using System.IO.Compression;
using System.Text;
using Ledger.Projections.Documents;

namespace Ledger.Projections.Tests.Documents;

public class MediaTypeDetectorTests
{
    [Theory]
    [InlineData("255044462D312E370A", "application/pdf")]
    [InlineData("89504E470D0A1A0A0000000D49484452", "image/png")]
    [InlineData("FFD8FFE000104A464946", "image/jpeg")]
    [InlineData("494433040000000000", "audio/mpeg")]
    [InlineData("FFFB9064000000", "audio/mpeg")]
    [InlineData("4F676753000200000000", "audio/ogg")]
    [InlineData("524946462408000057415645666D7420", "audio/wav")]
    [InlineData("000000206674797069736F6D00000200", "video/mp4")]
    [InlineData("00000020667479704D34412000000000", "audio/mp4")]
    [InlineData("1A45DFA39F4286810142F7810142F2810442F381084282847765626D", "video/webm")]
    [InlineData("1A45DFA39F4286810142F7810142F2810442F3810842828A6D6174726F736B61", null)]
    [InlineData("0000001466747970717420200000000071742020", null)]
    [InlineData("4D5A90000300000004000000FFFF0000", null)]
    [InlineData("3C68746D6C3E3C7363726970743E", null)]
    [InlineData("EFBBBF48656C6C6F", null)]
    public void Given_leading_bytes_When_detected_Then_only_the_accepted_types_are_recognised(string hex, string? expected)
    {
        var bytes = Convert.FromHexString(hex);
        using var stream = new MemoryStream(bytes);

        Assert.Equal(expected, MediaTypeDetector.Detect(stream)?.MediaType);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void Given_a_ZIP_When_it_is_a_Word_package_Then_DOCX_else_not_accepted()
    {
        Assert.Equal(MediaTypeDetector.Docx, MediaTypeDetector.Detect(new MemoryStream(Zip("[Content_Types].xml", "word/document.xml")))?.MediaType);
        Assert.Null(MediaTypeDetector.Detect(new MemoryStream(Zip("[Content_Types].xml", "xl/workbook.xml"))));
        Assert.Null(MediaTypeDetector.Detect(new MemoryStream(Zip("payload.exe"))));
        Assert.Null(MediaTypeDetector.Detect(new MemoryStream([.. "PK\u0003\u0004"u8, .. new byte[100]])));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("application/octet-stream", true)]
    [InlineData("application/pdf", true)]
    [InlineData("Application/PDF; name=claim.pdf", true)]
    [InlineData("application/x-pdf", true)]
    [InlineData("image/png", false)]
    [InlineData("text/html", false)]
    public void Given_a_declared_type_When_compared_with_a_detected_PDF_Then_only_the_same_type_or_no_claim_agrees(string? declared, bool agrees)
    {
        using var pdf = new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.7"));
        var detected = MediaTypeDetector.Detect(pdf)!;

        Assert.Equal(agrees, MediaTypeDetector.Agrees(declared, detected));
    }

    [Fact]
    public void Given_limits_When_a_kind_and_type_are_given_Then_only_hearing_recordings_get_the_recording_limit()
    {
        var limits = new DocumentLimits { MaxFilingBytes = 10, MaxRecordingBytes = 100 };
        var video = MediaTypeDetector.DetectHead("\0\0\0\u0020ftypisom"u8)!;
        var pdf = MediaTypeDetector.DetectHead("%PDF-"u8)!;

        Assert.Equal(100, limits.LimitFor("hearing-video", video));
        Assert.Equal(10, limits.LimitFor("evidence", video));
        Assert.Equal(10, limits.LimitFor("hearing-video", pdf));
        Assert.Throws<InvalidOperationException>(() => new DocumentLimits { MaxRecordingBytes = 2L * 1024 * 1024 * 1024 }.Validated());
        Assert.Throws<InvalidOperationException>(() => new DocumentLimits { MaxFilingBytes = 0 }.Validated());
    }

    [Theory]
    [InlineData("C:\\Users\\Дана\\Иск.pdf", "Иск.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("a\u0000b\u001F.pdf", "ab.pdf")]
    [InlineData("", "document.pdf")]
    [InlineData(null, "document.pdf")]
    public void Given_a_client_file_name_When_cleaned_Then_no_path_or_control_characters_remain(string? name, string expected) =>
        Assert.Equal(expected, DocumentUploads.CleanFileName(name, MediaTypeDetector.DetectHead("%PDF-"u8)!));

    [Fact]
    public void Given_a_signature_as_DER_PEM_or_base64_When_decoded_Then_the_same_CMS_bytes_come_out()
    {
        byte[] der = [0x30, 0x82, 0x01, 0x02, 0x06, 0x09, 0x2A];
        var base64 = Convert.ToBase64String(der);

        Assert.Equal(der, DocumentUploads.DecodeSignature(der));
        Assert.Equal(der, DocumentUploads.DecodeSignature(Encoding.ASCII.GetBytes(base64)));
        Assert.Equal(der, DocumentUploads.DecodeSignature(Encoding.ASCII.GetBytes($"-----BEGIN PKCS7-----\r\n{base64}\r\n-----END PKCS7-----\r\n")));
        Assert.Null(DocumentUploads.DecodeSignature(Encoding.ASCII.GetBytes("not base64!")));
        Assert.Null(DocumentUploads.DecodeSignature([0xFF, 0xFE, 0x00]));
        Assert.Throws<DocumentRejectedException>(() => DocumentUploads.DecodeSignature(new byte[DocumentLimits.MaxSignatureBytes + 1]));
    }

    private static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<x/>");
            }
        }

        return buffer.ToArray();
    }
}
