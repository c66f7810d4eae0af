using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Ledger.Cli.Commands;

/// <summary>Reads the text of a judicial act from a <c>.txt</c> (UTF-8) or <c>.pdf</c> file.</summary>
internal static class DocumentText
{
    public static string Read(FileInfo file)
    {
        if (string.Equals(file.Extension, ".pdf", StringComparison.OrdinalIgnoreCase))
        {
            using var pdf = PdfDocument.Open(file.FullName);
            return string.Join("\n\n", pdf.GetPages().Select(page => ContentOrderTextExtractor.GetText(page)));
        }

        return File.ReadAllText(file.FullName);
    }
}
