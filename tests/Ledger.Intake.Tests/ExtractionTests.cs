using System.Text;
using Ledger.Intake.Extraction;

namespace Ledger.Intake.Tests;

public class ExtractionTests
{
    private static readonly string[] Claim =
    [
        "В Бостандыкский районный суд г. Алматы",
        "Истец: Нурланова Айгерим Маратовна, ИИН 061211600012",
        "Ответчик: Ахметов Ерлан, ИИН 791028302728",
        "Прошу взыскать 1 500 000 тенге. Талап қоюшы өтінеді.",
    ];

    [Fact]
    public void Given_a_pdf_built_with_cyrillic_and_kazakh_text_When_extracted_Then_the_text_comes_back()
    {
        var bytes = Fixtures.Pdf(Claim);
        var filing = FilingTextExtractor.Extract(new MemoryStream(bytes), "claim.pdf", "application/pdf");
        Assert.Equal(FilingFormat.Pdf, filing.Format);
        Assert.Equal(1, filing.Pages);
        Assert.Contains("Бостандыкский", filing.Text, StringComparison.Ordinal);
        Assert.Contains("061211600012", filing.Text, StringComparison.Ordinal);
        Assert.Contains("қоюшы", filing.Text, StringComparison.Ordinal);
        Assert.Equal(bytes.Length, filing.SizeBytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), filing.Sha256Hex);
    }

    [Fact]
    public void Given_a_docx_built_with_open_xml_When_extracted_Then_every_paragraph_is_a_line()
    {
        var filing = FilingTextExtractor.Extract(new MemoryStream(Fixtures.DocxOf(Claim)), "claim.docx", Fixtures.Docx);
        Assert.Equal(FilingFormat.Docx, filing.Format);
        Assert.Equal(Claim, filing.Text.Split('\n'));
    }

    [Fact]
    public void Given_plain_text_in_utf8_with_a_bom_or_in_windows_1251_When_extracted_Then_both_read_the_same()
    {
        var text = string.Join('\n', Claim[..3]);
        var utf8 = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var cp1251 = Encoding.GetEncoding(1251).GetBytes(text);
        Assert.Equal(text, FilingTextExtractor.Extract(new MemoryStream(utf8), "claim.txt", "text/plain").Text);
        Assert.Equal(text, FilingTextExtractor.Extract(new MemoryStream(cp1251), "claim.txt", "text/plain").Text);
    }

    [Fact]
    public void Given_a_damaged_pdf_When_extracted_Then_the_clerk_is_told_it_is_damaged()
    {
        var bytes = Fixtures.Pdf(Claim);
        var damaged = bytes.Take(bytes.Length / 3).Concat(new byte[500]).ToArray();
        var ex = Assert.Throws<IntakeException>(() => FilingTextExtractor.Extract(new MemoryStream(damaged), "claim.pdf", "application/pdf"));
        Assert.Equal("file.corrupt", ex.Code);
        Assert.Contains("claim.pdf", ex.MessageRu, StringComparison.Ordinal);
        Assert.Contains("повреждён", ex.MessageRu, StringComparison.Ordinal);
        Assert.Contains("damaged", ex.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_text_file_named_pdf_When_extracted_Then_it_is_refused_as_not_a_pdf() =>
        Assert.Equal("file.corrupt", Assert.Throws<IntakeException>(() =>
            FilingTextExtractor.Extract(new MemoryStream(Encoding.UTF8.GetBytes("Истец: ...")), "claim.pdf", "application/pdf")).Code);

    [Fact]
    public void Given_a_damaged_docx_When_extracted_Then_it_is_refused() =>
        Assert.Equal("file.corrupt", Assert.Throws<IntakeException>(() =>
            FilingTextExtractor.Extract(new MemoryStream("PK\u0003\u0004broken"u8.ToArray()), "claim.docx", Fixtures.Docx)).Code);

    [Fact]
    public void Given_an_empty_file_When_extracted_Then_it_is_refused_as_empty()
    {
        var ex = Assert.Throws<IntakeException>(() => FilingTextExtractor.Extract(new MemoryStream([]), "claim.txt", "text/plain"));
        Assert.Equal("file.empty", ex.Code);
        Assert.Equal("The file \"claim.txt\" is empty.", ex.Message);
        Assert.Equal("Файл «claim.txt» пуст.", ex.MessageIn("ru"));
    }

    [Fact]
    public void Given_a_file_over_the_configured_limit_When_extracted_Then_it_is_refused_with_the_limit()
    {
        var ex = Assert.Throws<IntakeException>(() =>
            FilingTextExtractor.Extract(new MemoryStream(new byte[(2 * 1024 * 1024) + 1]), "big.txt", "text/plain", maxBytes: 2 * 1024 * 1024));
        Assert.Equal("file.too-large", ex.Code);
        Assert.Contains("2 MB", ex.MessageEn, StringComparison.Ordinal);
        Assert.Contains("2 МБ", ex.MessageRu, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_stream_that_cannot_seek_When_it_passes_the_limit_Then_reading_stops_with_too_large()
    {
        using var unseekable = new BufferedStream(new NonSeekable(new byte[3_000_000]));
        Assert.Equal("file.too-large", Assert.Throws<IntakeException>(() => FilingTextExtractor.Extract(unseekable, "big.txt", "text/plain", maxBytes: 1_000_000)).Code);
    }

    [Theory]
    [InlineData("photo.png", "image/png")]
    [InlineData("claim.doc", "application/msword")]
    [InlineData("claim.pdf", "text/plain")]
    [InlineData("claim.exe", "")]
    public void Given_a_file_of_an_unaccepted_type_When_extracted_Then_the_accepted_types_are_named(string name, string type)
    {
        var ex = Assert.Throws<IntakeException>(() => FilingTextExtractor.Extract(new MemoryStream([1, 2, 3]), name, type));
        Assert.Equal("file.unsupported-type", ex.Code);
        Assert.Contains("PDF, DOCX", ex.MessageRu, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_pdf_without_a_text_layer_When_extracted_Then_the_clerk_is_told_it_may_be_a_scan() =>
        Assert.Equal("file.no-text", Assert.Throws<IntakeException>(() =>
            FilingTextExtractor.Extract(new MemoryStream(Fixtures.PdfWithoutText()), "scan.pdf", "application/pdf")).Code);

    [Fact]
    public void Given_an_octet_stream_upload_When_the_extension_is_known_Then_the_extension_decides() =>
        Assert.Equal(FilingFormat.Docx, FilingTextExtractor.FormatOf("claim.docx", "application/octet-stream"));

    private sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
