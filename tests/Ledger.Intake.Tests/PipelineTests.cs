using System.Text;
using Ledger.Domain.Cases;
using Ledger.Intake.Training;

namespace Ledger.Intake.Tests;

public sealed class CommittedPipeline
{
    public IntakePipeline Pipeline { get; } = IntakePipeline.Load(Fixtures.ModelPath);
}

public class PipelineTests(CommittedPipeline committed) : IClassFixture<CommittedPipeline>
{
    private static readonly DateOnly FiledOn = new(2026, 2, 2);
    private IntakePipeline Pipeline => committed.Pipeline;

    private IntakeAssessment AssessText(string text, string name = "claim.txt") =>
        Pipeline.Assess(new MemoryStream(Encoding.UTF8.GetBytes(text)), name, "text/plain", IntakeContext.On(FiledOn));

    [Fact]
    public void Given_fresh_generated_filings_When_assessed_Then_the_rules_recover_what_was_planted()
    {
        // A seed the committed corpus did not use: these filings are new to the model.
        var filings = new IntakeCorpusGenerator(99).Generate(4);
        var amountsRight = 0;
        var courtsRight = 0;
        var categoriesRight = 0;
        foreach (var f in filings)
        {
            var a = AssessText(f.Text, f.Name);
            var claimant = a.Parties.First(p => p.Role is ParticipantRole.Plaintiff or ParticipantRole.Victim);
            Assert.Equal((f.ClaimantIdentifier, f.ClaimantIdentifierValid), (claimant.Identifier, claimant.IdentifierValid));
            Assert.Equal(f.Language, a.Language.Language);
            amountsRight += a.ClaimAmount?.Tenge == f.ClaimTenge ? 1 : 0;
            courtsRight += a.Court.CourtId == f.DefendantCourtId || f.Label is "property" or "special-proceedings" ? 1 : 0;
            categoriesRight += a.Subcategory.Id == f.Label ? 1 : 0;
        }

        Assert.True(amountsRight >= filings.Count * 0.95, $"amounts {amountsRight}/{filings.Count}");
        Assert.True(courtsRight >= filings.Count * 0.95, $"courts {courtsRight}/{filings.Count}");
        Assert.True(categoriesRight >= filings.Count * 0.9, $"categories {categoriesRight}/{filings.Count}");
    }

    [Fact]
    public void Given_a_kazakh_docx_claim_When_assessed_Then_language_category_amount_and_court_are_suggested_with_reasons()
    {
        var docx = Fixtures.DocxOf(
            "Павлодар қалалық сотына",
            "Талапкер: Оспанова Айгүл, ЖСН 061211600012, мекенжайы: Павлодар қаласы, Естай к-сі, 60",
            "Жауапкер: Ахметов Ерлан, ЖСН 791028302728, мекенжайы: Павлодар қаласы, Торайғыров к-сі, 15",
            "Қарыз шарты бойынша берешекті өндіріп алу туралы ТАЛАП АРЫЗ",
            "Жауапкер 2025 жылғы 3 наурызда қарыз шарты бойынша 400 000 теңге алды, бірақ қайтармады.",
            "ҚР АПК 148-бабын басшылыққа ала отырып, жауапкерден 400 000 теңге берешекті өндіріп алуды сұраймын.",
            "Қосымша: қарыз шартының көшірмесі, талап арыздың жауапкер үшін көшірмесі, мемлекеттік баж төленгені туралы түбіртек.");
        var a = Pipeline.Assess(new MemoryStream(docx), "талап.docx", Fixtures.Docx, IntakeContext.On(FiledOn));
        Assert.Equal("kk", a.Language.Language);
        Assert.Equal("debt-loan", a.Subcategory.Id);
        Assert.Equal(400_000m, a.ClaimAmount!.Tenge);
        Assert.True(a.Simplified.Eligible); // 400 000 ≤ 100 × 4 325
        Assert.Equal("pavlodar-city", a.Court.CourtId);
        Assert.True(a.Court.AddressedCourtCompetent);
        Assert.DoesNotContain(a.Completeness, f => f.Code.StartsWith("missing:", StringComparison.Ordinal));
        Assert.Contains(a.Articles, x => x.Code == "ГПК" && x.Article == "148");
        Assert.Contains(new DateOnly(2025, 3, 3), a.Dates);
        Assert.Contains(a.Reasons, r => r.Rule == "model.category");
        Assert.Contains(a.Reasons, r => r.Rule == "simplified.eligible");
        Assert.Equal(Pipeline.ModelVersion, a.ModelVersion);
    }

    [Fact]
    public void Given_a_pdf_claim_When_assessed_Then_the_pdf_is_read_and_a_wrong_check_digit_is_a_reason()
    {
        var pdf = Fixtures.Pdf(
            "В Медеуский районный суд г. Алматы",
            "Истец: Сарсенбаев Кайрат, ИИН 791028302729, адрес: г. Алматы, Медеуский район, ул. Жамбыла, 114",
            "Ответчик: Гусев Павел, ИИН 061211600012, адрес: г. Алматы, Медеуский район, ул. Кабанбай батыра, 48",
            "ИСКОВОЕ ЗАЯВЛЕНИЕ о взыскании задолженности по договору займа",
            "Ответчик получил по договору займа 2 400 000 тенге и долг не вернул.",
            "Прошу взыскать с ответчика 2 400 000 тенге.");
        var a = Pipeline.Assess(new MemoryStream(pdf), "claim.pdf", "application/pdf", IntakeContext.On(FiledOn));
        Assert.Equal("debt-loan", a.Subcategory.Id);
        Assert.False(a.Simplified.Eligible);
        Assert.Contains(a.Reasons, r => r.Rule == "identifier.check-digit-wrong" && r.Detail.Contains("791028302729", StringComparison.Ordinal));
        Assert.Contains("state-duty:missing", a.Completeness.Select(f => f.Code));
    }

    [Fact]
    public void Given_an_assessment_When_recorded_and_confirmed_through_the_queue_Then_the_decider_accepts_both_and_decides_nothing_else()
    {
        var caseId = Guid.NewGuid();
        var t0 = new DateTimeOffset(2026, 2, 2, 10, 0, 0, TimeSpan.FromHours(5));
        var claimant = new Participant(Guid.NewGuid(), ParticipantRole.Plaintiff, "Нурланова Айгерим", "061211600012");
        var state = CaseDecider.Fold(CaseDecider.Decide(new FileClaim(caseId, CaseKind.Civil, CaseCategory.General, "almaty-bostandyk", "2-7-26", "О взыскании долга", claimant,
            [new DocumentRef(new string('a', 64), "claim", "claim.txt", "text/plain", 100)], t0), CaseState.Empty));

        var text = File.ReadAllText(Path.Combine(Fixtures.CorpusPath, "handwritten", "debt-loan", "hw-03.ru.txt"));
        var assessment = AssessText(text);
        var queue = new IntakeQueue();
        var assessmentId = Guid.NewGuid();
        var record = queue.Add(assessmentId, Guid.NewGuid(), caseId, assessment, t0.AddMinutes(1));
        Assert.Single(queue.Pending);
        var events = CaseDecider.Decide(record, state).ToList();
        state = events.Aggregate(state, CaseDecider.Evolve);

        var review = queue.Confirm(assessmentId, Guid.NewGuid(), t0.AddMinutes(20));
        var reviewed = Assert.IsType<IntakeReviewed>(Assert.Single(CaseDecider.Decide(review, state)));
        Assert.Equal(IntakeReviewOutcome.Confirmed, reviewed.Outcome);
        Assert.Empty(queue.Pending);
        Assert.Equal(IntakeQueueStatus.Confirmed, queue.Find(assessmentId)!.Status);
        Assert.All(events, e => Assert.IsType<IntakeAssessed>(e));
        Assert.Equal(assessment.Sha256Hex, ((IntakeAssessed)events[0]).Filing.Sha256Hex);
    }

    [Fact]
    public void Given_a_suggestion_When_the_clerk_overrides_it_Then_the_review_carries_the_final_values_and_is_overridden()
    {
        var assessment = AssessText(File.ReadAllText(Path.Combine(Fixtures.CorpusPath, "handwritten", "consumer", "hw-01.ru.txt")));
        var queue = new IntakeQueue();
        var id = Guid.NewGuid();
        queue.Add(id, Guid.NewGuid(), Guid.NewGuid(), assessment, DateTimeOffset.UnixEpoch);
        var final = assessment.ToSuggestion() with { SuggestedCourtId = "astana-saryarka" };
        var review = queue.Override(id, Guid.NewGuid(), final, "Потребитель вправе подать иск по своему месту жительства", DateTimeOffset.UnixEpoch);
        Assert.Equal("astana-saryarka", review.Final.SuggestedCourtId);
        Assert.Equal(IntakeQueueStatus.Overridden, queue.Find(id)!.Status);
    }

    [Fact]
    public void Given_a_missing_model_file_When_loaded_Then_the_clerk_is_told_to_train_it()
    {
        var ex = Assert.Throws<IntakeException>(() => IntakePipeline.Load(Path.Combine(Path.GetTempPath(), "no-such-model.zip")));
        Assert.Equal("model.missing", ex.Code);
        Assert.Contains("intake-train", ex.MessageRu, StringComparison.Ordinal);
    }
}
