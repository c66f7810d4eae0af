using Ledger.Domain.Depersonalization;
using Ledger.Domain.Depersonalization.Evaluation;
using Xunit.Abstractions;

namespace Ledger.Domain.Tests.Depersonalization;

public class EvaluationTests(ITestOutputHelper output)
{
    private static List<LabelledDocument> Load(string sub) =>
        Directory.GetFiles(TestText.EvalDirectory(sub), "*.txt").Order(StringComparer.Ordinal)
            .Select(f => LabelledDocument.FromJson(File.ReadAllText(f), File.ReadAllText(Path.ChangeExtension(f, null) + ".labels.json")))
            .ToList();

    [Fact]
    public void Given_a_labelled_document_and_a_fixed_result_When_evaluated_Then_recall_precision_and_over_removal_are_counted()
    {
        const string text = "Иванов И.И. и Петров П.П., судья Ахметова, ИИН 791028302728.";
        var doc = new LabelledDocument("t", "ru", "civil", text, [],
            [new LabelledSpan("PersonName", 0, 11, "Иванов И.И."), new LabelledSpan("PersonName", 14, 25, "Петров П.П."),
             new LabelledSpan("Iin", 47, 59, "791028302728")],
            [new LabelledSpan("Judge", 33, 41, "Ахметова")]);
        var fake = new DepersonalizationResult("", [
            new Replacement(0, 11, "Иванов И.И.", "[ФИО-1]", EntityType.PersonName, "test"),
            new Replacement(33, 8, "Ахметова", "[ФИО-2]", EntityType.PersonName, "test"),
            new Replacement(47, 12, "791028302728", "[ИИН]", EntityType.Iin, "test"),
        ]);
        var report = Evaluator.Evaluate([doc], _ => fake);
        var names = report.For(EntityType.PersonName);
        Assert.Equal((2, 1, 2, 1), (names.Labelled, names.Found, names.Replacements, names.CorrectReplacements));
        Assert.Equal(0.5, names.Recall);
        Assert.Equal(0.5, names.Precision);
        Assert.Equal(1.0, report.For(EntityType.Iin).Recall);
        Assert.Equal(1, report.OverRemovals);
        Assert.Contains(report.Errors, e => e.Kind == "missed" && e.Text == "Петров П.П.");
        Assert.Contains(report.Errors, e => e.Kind == "over-removed" && e.Text == "Ахметова");
    }

    [Fact]
    public void Given_a_label_that_does_not_match_its_text_When_read_Then_a_clear_error_is_raised()
    {
        const string json = """{"id":"x","entities":[{"type":"Iin","start":0,"end":3,"text":"999"}]}""";
        var ex = Assert.Throws<FormatException>(() => LabelledDocument.FromJson("123456", json));
        Assert.Contains("does not match", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_evaluation_set_When_read_Then_it_has_at_least_60_documents_of_both_languages_and_four_kinds()
    {
        var docs = Load("docs");
        Assert.True(docs.Count >= 60, $"{docs.Count} documents");
        Assert.Equal(["kk", "ru"], docs.Select(d => d.Language).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["administrative", "civil", "criminal", "family"], docs.Select(d => d.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.All(docs.SelectMany(d => d.Entities).Where(e => e.Type == "Iin"), e => Assert.True(Ledger.Domain.Identifiers.Iin.IsValid(e.Text), e.Text));
    }

    [Fact]
    public void Given_the_evaluation_set_When_depersonalized_Then_the_recall_goals_hold_and_nothing_that_must_stay_is_removed()
    {
        var report = Evaluator.Evaluate(Load("docs"));
        output.WriteLine(report.ToTable());
        foreach (var e in report.Errors.Take(50))
        {
            output.WriteLine($"{e.DocumentId} {e.Kind} {e.Type} «{e.Text}» {e.Detail}");
        }

        foreach (var type in new[] { EntityType.Iin, EntityType.Phone, EntityType.Email, EntityType.BankAccount, EntityType.VehiclePlate })
        {
            Assert.True(report.For(type).Recall >= 0.99, $"{type} recall {report.For(type).Recall:0.000}");
        }

        foreach (var type in new[] { EntityType.PersonName, EntityType.Address, EntityType.BirthDate, EntityType.IdentityDocument })
        {
            Assert.True(report.For(type).Recall >= 0.95, $"{type} recall {report.For(type).Recall:0.000}");
        }

        Assert.True(report.Types.All(t => t.Precision >= 0.95), "precision below 0.95: " + string.Join(", ", report.Types.Where(t => t.Precision < 0.95).Select(t => t.Type)));
        Assert.Equal(0, report.OverRemovals);
    }

    [Fact]
    public void Given_the_held_out_acts_When_depersonalized_Then_recall_stays_above_the_floor_measured_on_unseen_text()
    {
        // These acts were written after the rules and measured once before any change (docs/depersonalization.md).
        // The floor is lower than the goal on purpose: it guards against regressions on text the rules were not fitted to.
        var report = Evaluator.Evaluate(Load("heldout-docs"));
        output.WriteLine(report.ToTable());
        Assert.True(report.For(EntityType.PersonName).Recall >= 0.9, $"names {report.For(EntityType.PersonName).Recall:0.000}");
        Assert.True(report.Types.Sum(t => t.Found) >= 0.9 * report.Types.Sum(t => t.Labelled));
        // Two disputed officials (a notary, a police officer) are labelled as kept; nothing else may go.
        Assert.True(report.OverRemovals <= 2, $"{report.OverRemovals} over-removals");
    }
}
