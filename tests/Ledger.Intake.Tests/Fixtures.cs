using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Ledger.Intake.Tests;

/// <summary>Builds filing files in memory: a PDF through PdfPig's builder, a DOCX through Open XML.</summary>
internal static class Fixtures
{
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static string RepositoryRoot { get; } = FindRoot();

    public static string ModelPath => Path.Combine(RepositoryRoot, "models", "intake-classifier.zip");

    public static string CorpusPath => Path.Combine(RepositoryRoot, "eval", "intake", "corpus");

    public static byte[] Pdf(params string[] lines)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "DejaVuSans.ttf")));
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var y = 800.0;
        foreach (var line in lines)
        {
            page.AddText(line, 10, new PdfPoint(40, y), font);
            y -= 16;
        }

        return builder.Build();
    }

    public static byte[] PdfWithoutText()
    {
        using var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.DrawRectangle(new PdfPoint(50, 50), 200, 100);
        return builder.Build();
    }

    public static byte[] DocxOf(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs.Select(p => new Paragraph(new Run(new Text(p) { Space = SpaceProcessingModeValues.Preserve })))));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CaseLedger.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (CaseLedger.slnx) was not found above the test folder.");
    }
}
