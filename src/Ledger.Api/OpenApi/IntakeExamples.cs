using System.Text.Json.Nodes;
using Ledger.Api.Cases;
using Ledger.Api.Intake;

namespace Ledger.Api.OpenApi;

/// <summary>Examples of the intake endpoints for the OpenAPI document (the same types the API reads and writes; fictitious people).</summary>
internal static class IntakeExamples
{
    private static readonly Guid CaseId = Guid.Parse("0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a8b");
    private static readonly Guid AssessmentId = Guid.Parse("5d0c7a4e-91b3-8f2a-a6c1-2e7d9b0f4a13");
    private static readonly Guid EventId = Guid.Parse("0195f3c1-3333-7abc-8def-0123456789ab");
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static readonly DateTimeOffset At = new(2026, 3, 16, 10, 30, 0, TimeSpan.FromHours(5));

    public static JsonNode Submission => CaseLedgerOpenApi.ToNode(new IntakeSubmissionRequest
    {
        Sha256 = Sha, FileName = "исковое-заявление.pdf", FiledOn = new DateOnly(2026, 3, 16), AttachmentNames = ["договор-займа.pdf", "квитанция-госпошлина.pdf"],
    });

    public static IntakeDecisionRequest Override => new()
    {
        Decision = IntakeDecisionKind.Override, Subcategory = "consumer", Procedure = IntakeProcedure.General, CourtId = "almaty-medeu",
        Reason = "Истец — потребитель: иск по месту жительства истца (ст. 30 ГПК РК)",
    };

    public static IntakeQueueItemResponse Item => new(
        AssessmentId, CaseId, "2-1234-26", "almaty-bostandyk", 2, "О взыскании задолженности по договору займа", "pending", At, "intake-classifier@4e8662f07a992f05+corpus@95deae34e293d732",
        new IntakeFilingDocument(Sha, "claim", "исковое-заявление.pdf", "application/pdf", 184_320, $"/api/v1/documents/{Sha}"),
        new IntakeSuggestionResponse(
            "civil", "general", "debt-loan", 0.912,
            [new IntakeAlternativeResponse("consumer", 0.041), new IntakeAlternativeResponse("property", 0.017)],
            "ru",
            [
                new IntakePartyResponse("plaintiff", "Нурланова Айгерим Маратовна", "061211600012", true, "г. Алматы, Бостандыкский район, ул. Тимирязева, 42"),
                new IntakePartyResponse("defendant", "Ахметов Ерлан", "791028302728", true, "г. Алматы, Бостандыкский район, ул. Розыбакиева, 181"),
            ],
            400_000m, true, "almaty-bostandyk", "Бостандыкский районный суд города Алматы",
            [new DateOnly(2025, 3, 3)], ["ГПК РК, ст. 148"],
            ["present:copy-for-defendant", "present:contract", "state-duty:missing"], ["state-duty:missing"],
            ["договор займа", "займа", "взыскать долг"]),
        [
            new IntakeReasonResponse("language", "ru: Kazakh letters 0, Kazakh words 0, Russian words 41"),
            new IntakeReasonResponse("model.category", "debt-loan p=0.912; next: consumer p=0.041, property p=0.017"),
            new IntakeReasonResponse("model.terms", "договор займа, займа, взыскать долг"),
            new IntakeReasonResponse("amount.claim", "400 000 тенге → 400000 ₸"),
            new IntakeReasonResponse("simplified.eligible", "400000 ₸ ≤ 100 МРП × 4325 ₸ (2026, individual)"),
            new IntakeReasonResponse("completeness", "state-duty:missing"),
            new IntakeReasonResponse("jurisdiction", "almaty-bostandyk: defendant's address (ГПК РК art. 29)"),
        ],
        $"/api/v1/intake/cases/{CaseId}/filings/{AssessmentId}/decision");

    public static JsonNode Queue => CaseLedgerOpenApi.ToNode(new IntakeQueueResponse([Item]));

    public static JsonNode SubmissionAnswer(bool repeated) => CaseLedgerOpenApi.ToNode(new IntakeSubmissionResponse(
        Item,
        new AppendResponse(CaseId, 2, repeated ? [] : [new AppendedEventResponse(EventId, 2, "intake-assessed",
            "3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a", AppendResponse.ReceiptUrl(EventId))], false)));
}
