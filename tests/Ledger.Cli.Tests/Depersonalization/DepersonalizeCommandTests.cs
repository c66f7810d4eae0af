using System.CommandLine;
using System.Text.Json;
using Ledger.Cli.Commands;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Ledger.Cli.Tests.Depersonalization;

public sealed class DepersonalizeCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("depersonalize-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { DepersonalizeCommands.CreateDepersonalize(), DepersonalizeCommands.CreateEvaluate() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Given_a_text_act_When_depersonalized_Then_the_text_without_personal_data_is_printed()
    {
        var path = Write("act.txt", "Истец Иванов Иван Иванович (ИИН 791028302728, тел. +7 (701) 123-45-67) обратился в Алмалинский районный суд г. Алматы.");
        var participants = Write("participants.txt", "Иванов Иван Иванович=Plaintiff\n");
        var (exit, output, error) = Run("depersonalize", path, "--participants", participants);
        Assert.Equal(0, exit);
        Assert.Equal("Истец [ФИО-1] (ИИН [ИИН], тел. [ТЕЛЕФОН]) обратился в Алмалинский районный суд г. Алматы.", output.TrimEnd());
        Assert.Empty(error);
    }

    [Fact]
    public void Given_json_output_When_depersonalized_Then_every_replacement_is_listed_with_its_reason()
    {
        var path = Write("act.txt", "Свидетель Петренко О.В., e-mail: petrenko@mail.kz, показал.");
        var (exit, output, _) = Run("depersonalize", path, "--json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var replacements = json.RootElement.GetProperty("replacements").EnumerateArray().ToList();
        Assert.Equal(["PersonName", "Email"], replacements.Select(r => r.GetProperty("type").GetString()));
        Assert.Equal("Петренко О.В.", replacements[0].GetProperty("original").GetString());
        Assert.Equal("[ФИО-1]", replacements[0].GetProperty("replacement").GetString());
        Assert.False(string.IsNullOrEmpty(replacements[0].GetProperty("reason").GetString()));
        Assert.Equal("Свидетель [ФИО-1], e-mail: [EMAIL], показал.", json.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void Given_a_generated_pdf_with_standard_fonts_When_depersonalized_Then_identifiers_in_it_are_removed()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        page.AddText("IIN 791028302728, phone +7 701 123 45 67", 12, new PdfPoint(40, 760), font);
        page.AddText("e-mail: holder@mail.kz, plate 123ABC02", 12, new PdfPoint(40, 740), font);
        var path = Path.Combine(_dir.FullName, "act.pdf");
        File.WriteAllBytes(path, builder.Build());

        var (exit, output, _) = Run("depersonalize", path);
        Assert.Equal(0, exit);
        Assert.Contains("[ИИН]", output, StringComparison.Ordinal);
        Assert.Contains("[ТЕЛЕФОН]", output, StringComparison.Ordinal);
        Assert.Contains("[EMAIL]", output, StringComparison.Ordinal);
        Assert.Contains("[ГОСНОМЕР]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("791028302728", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_generated_pdf_in_russian_and_kazakh_When_depersonalized_Then_names_in_it_are_removed()
    {
        const string fontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        Assert.True(File.Exists(fontPath), $"This test embeds {fontPath} (Cyrillic and Kazakh letters); install fonts-dejavu-core.");
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(fontPath));
        page.AddText("Судья Ахметова А.М. рассмотрела иск Иванова И.И. к Сейтқалиеваға.", 11, new PdfPoint(40, 760), font);
        var path = Path.Combine(_dir.FullName, "act.pdf");
        File.WriteAllBytes(path, builder.Build());
        var participants = Write("p.txt", "Иванов Иван Иванович=Plaintiff\nСейтқалиева Айгүл Бекқызы=Defendant\nАхметова Асель Маратовна=Judge\n");

        var (exit, output, _) = Run("depersonalize", path, "-p", participants);
        Assert.Equal(0, exit);
        Assert.Contains("Ахметова А.М.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Иванова", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Сейтқалиева", output, StringComparison.Ordinal);
        Assert.Contains("[ФИО-1]", output, StringComparison.Ordinal);
        Assert.Contains("[ФИО-2]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_missing_file_When_depersonalized_Then_a_clear_error_and_a_failure_exit_code()
    {
        var (exit, _, error) = Run("depersonalize", Path.Combine(_dir.FullName, "none.txt"));
        Assert.Equal(2, exit);
        Assert.Contains("Файл не найден", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_act_of_a_closed_category_When_depersonalized_Then_a_warning_says_it_is_not_published()
    {
        var path = Write("act.txt", "Дело рассмотрено в закрытом судебном заседании.");
        var (_, _, error) = Run("depersonalize", path);
        Assert.Contains("не публикуется", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_labelled_directory_When_evaluated_Then_the_per_type_table_is_printed()
    {
        const string text = "Истец Иванов И.И., тел. 87011234567, судья Ахметова А.М.";
        Write("a.txt", text);
        Write("a.labels.json", """
            {"id":"a","language":"ru","kind":"civil","participants":[{"name":"Ахметова Асель Маратовна","role":"Judge"}],
             "entities":[{"type":"PersonName","start":6,"end":17,"text":"Иванов И.И."},{"type":"Phone","start":24,"end":35,"text":"87011234567"}],
             "keep":[{"type":"Judge","start":43,"end":56,"text":"Ахметова А.М."}]}
            """);
        var (exit, output, _) = Run("depersonalize-eval", _dir.FullName, "--errors", "5");
        Assert.Equal(0, exit);
        Assert.Matches(@"PersonName\s+1\s+1\s+1\.000", output);
        Assert.Matches(@"Phone\s+1\s+1\s+1\.000", output);
        Assert.Matches(@"Judge\s+1\s+0", output);
    }
}
