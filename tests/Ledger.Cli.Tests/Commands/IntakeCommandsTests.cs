using System.Text.Json;
using Ledger.Cli;
using Ledger.Cli.Commands;

namespace Ledger.Cli.Tests.Commands;

public sealed class IntakeCommandsTests
{
    private static string Root => IntakeCommands.RepositoryRoot();

    [Fact]
    public void Given_the_root_command_Then_intake_train_and_intake_assess_are_registered()
    {
        var parsed = CaseLedgerCommand.Create().Parse(["intake-assess", "claim.pdf", "--filed-on", "2026-03-15", "--attachment", "a.pdf", "b.pdf"]);
        Assert.Empty(parsed.Errors);
        Assert.Equal(["a.pdf", "b.pdf"], parsed.GetValue<string[]>("--attachment")!);
        Assert.Empty(CaseLedgerCommand.Create().Parse(["intake-train", "--seed", "5"]).Errors);
    }

    [Fact]
    public void Given_a_filing_When_assessed_Then_the_suggestion_is_printed_as_json()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var file = new FileInfo(Path.Combine(Root, "eval", "intake", "corpus", "handwritten", "divorce", "hw-01.ru.txt"));
        var exit = IntakeCommands.RunAssess(file, null, "2026-03-15", null, output, error);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal("divorce", json.RootElement.GetProperty("subcategory").GetProperty("id").GetString());
        Assert.Equal("ru", json.RootElement.GetProperty("language").GetProperty("language").GetString());
        Assert.StartsWith("intake-classifier@", json.RootElement.GetProperty("modelVersion").GetString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public void Given_an_empty_file_When_assessed_Then_the_clerk_reads_why_in_russian_and_english()
    {
        var path = Path.Combine(Path.GetTempPath(), $"empty-{Guid.NewGuid():N}.txt");
        File.WriteAllBytes(path, []);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Assert.Equal(2, IntakeCommands.RunAssess(new FileInfo(path), null, null, null, output, error));
            Assert.Contains("пуст", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("is empty", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Given_a_malformed_date_When_assessed_Then_the_expected_form_is_shown()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(1, IntakeCommands.RunAssess(new FileInfo("x.txt"), null, "15.03.2026", null, output, error));
        Assert.Contains("2026-03-15", error.ToString(), StringComparison.Ordinal);
    }
}
