using System.Text.Json.Nodes;
using Ledger.Api.Cases;
using Ledger.Domain.Cases;

namespace Ledger.Api.OpenApi;

/// <summary>Examples of the case endpoints' requests and answers for the OpenAPI document (the same types the API reads and writes).</summary>
internal static class CaseExamples
{
    private static readonly Guid CaseId = Guid.Parse("0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a8b");
    private static readonly Guid JudgeId = Guid.Parse("6f1d7d1c-2a4b-4c5d-8e9f-0a1b2c3d4e5f");
    private static readonly Guid LawyerId = Guid.Parse("3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a");
    private static readonly Guid PlaintiffId = Guid.Parse("7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d");
    private static readonly Guid HearingId = Guid.Parse("0195f3a9-1111-7abc-8def-0123456789ab");
    private static readonly Guid ActId = Guid.Parse("0195f3b0-2222-7abc-8def-0123456789ab");
    private static readonly Guid EventId = Guid.Parse("0195f3c1-3333-7abc-8def-0123456789ab");
    private static readonly DateTimeOffset At = new(2026, 3, 16, 10, 30, 0, TimeSpan.FromHours(5));

    /// <summary>A reference to an uploaded document: media type and size come from the store, so the example leaves them out.</summary>
    private static DocumentReference Doc(string kind, string fileName) => new()
    {
        Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        Kind = kind, FileName = fileName,
    };

    /// <summary>A signed act: the reference names which stored signature the event carries (the judge's, from the upload answer).</summary>
    private static DocumentReference SignedAct(string kind, string fileName) => Doc(kind, fileName) with
    {
        SignatureSha256 = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
    };

    private static readonly Dictionary<Type, (object Request, string[] Events)> Commands = new()
    {
        [typeof(TransmitCriminalCaseRequest)] = (new TransmitCriminalCaseRequest
        {
            CaseId = CaseId, CourtId = "astana-esil", CaseNumber = "1-417-26", ErdrNumber = "261500031000123",
            Materials = [Doc("indictment", "обвинительный-акт.pdf"), Doc("case-file", "материалы-дела.pdf")],
            ClosedCategories = [ClosedCategory.Minors],
        }, ["criminal-case-received"]),
        [typeof(FileClaimRequest)] = (new FileClaimRequest
        {
            CaseId = CaseId, Kind = CaseKind.Civil, Category = CaseCategory.General, CourtId = "almaty-bostandyk", CaseNumber = "2-1234-26",
            Subject = "О взыскании задолженности по договору займа",
            Claimant = new ParticipantRequest { ParticipantId = PlaintiffId, Role = ParticipantRole.Plaintiff, DisplayName = "Нурланова Айгерим Маратовна", Iin = "061211600012" },
            Materials = [Doc("claim", "исковое-заявление.pdf")],
        }, ["claim-filed"]),
        [typeof(MarkClosedCategoryRequest)] = (new MarkClosedCategoryRequest { Category = ClosedCategory.Minors }, ["closed-category-marked"]),
        [typeof(AcceptCaseRequest)] = (new AcceptCaseRequest { JudgeId = JudgeId, JudgeName = "Сериков Арман Болатович", JudgeIin = "750315300128" }, ["case-accepted"]),
        [typeof(ReturnCaseRequest)] = (new ReturnCaseRequest { Reason = "Иск подписан лицом, не имеющим полномочий", Ruling = SignedAct("ruling", "определение-о-возврате.pdf") }, ["case-returned"]),
        [typeof(AdmitParticipantsRequest)] = (new AdmitParticipantsRequest
        {
            Participants =
            [
                new ParticipantRequest { ParticipantId = LawyerId, Role = ParticipantRole.Lawyer, DisplayName = "Касымова Роза" },
                new ParticipantRequest { ParticipantId = Guid.Parse("8b7c6d5e-4f3a-4b2c-9d1e-0f1a2b3c4d5e"), Role = ParticipantRole.Defendant, DisplayName = "Ахметов Ерлан", Iin = "791028302728" },
            ],
        }, ["participants-admitted"]),
        [typeof(AttachMaterialRequest)] = (new AttachMaterialRequest { Document = Doc("evidence", "договор-займа.pdf") }, ["material-attached"]),
        [typeof(FileMotionRequest)] = (new FileMotionRequest { Kind = "expert-examination", Document = Doc("motion", "ходатайство-об-экспертизе.pdf") }, ["motion-filed"]),
        [typeof(DecideMotionRequest)] = (new DecideMotionRequest { Outcome = MotionOutcome.Granted, Ruling = SignedAct("ruling", "определение.pdf") }, ["motion-decided"]),
        [typeof(CompletePreparationRequest)] = (new CompletePreparationRequest(), ["preparation-completed"]),
        [typeof(ScheduleHearingRequest)] = (new ScheduleHearingRequest
        {
            HearingId = HearingId, StartsAt = At.AddDays(7), Format = HearingFormat.Video, Courtroom = "Зал 3", ParticipantIds = [LawyerId, PlaintiffId],
        }, ["hearing-scheduled"]),
        [typeof(HoldHearingRequest)] = (new HoldHearingRequest
        {
            Recordings = [Doc("video-recording", "заседание-2026-03-23.mp4"), Doc("audio-recording", "заседание-2026-03-23.ogg")],
        }, ["hearing-held"]),
        [typeof(PostponeHearingRequest)] = (new PostponeHearingRequest { Reason = "Неявка ответчика по уважительной причине" }, ["hearing-postponed"]),
        [typeof(SuspendProceedingsRequest)] = (new SuspendProceedingsRequest { Ground = SuspensionGround.ExpertExamination, Note = "Назначена судебно-почерковедческая экспертиза", Ruling = SignedAct("ruling", "определение-о-приостановлении.pdf") }, ["proceedings-suspended"]),
        [typeof(ResumeProceedingsRequest)] = (new ResumeProceedingsRequest { Note = "Получено заключение эксперта" }, ["proceedings-resumed"]),
        [typeof(IssueJudgmentRequest)] = (new IssueJudgmentRequest { ActId = ActId, Kind = ActKind.Decision, Document = SignedAct("judgment", "решение.pdf"), Outcome = "Иск удовлетворить частично" }, ["judgment-issued"]),
        [typeof(EnterIntoForceRequest)] = (new EnterIntoForceRequest(), ["judgment-entered-into-force"]),
        [typeof(SetAsideJudgmentRequest)] = (new SetAsideJudgmentRequest { Ground = "cassation", Document = SignedAct("cassation-ruling", "постановление-кассации.pdf") }, ["judgment-set-aside"]),
        [typeof(FileAppealRequest)] = (new FileAppealRequest { ActId = ActId, Document = Doc("appeal", "апелляционная-жалоба.pdf") }, ["appeal-filed"]),
        [typeof(DecideAppealRequest)] = (new DecideAppealRequest { Outcome = AppealOutcome.Upheld, AppellateCourtId = "almaty-regional", Decision = SignedAct("appeal-decision", "постановление-апелляции.pdf") }, ["appeal-decided", "judgment-entered-into-force"]),
        [typeof(CloseCaseRequest)] = (new CloseCaseRequest { Reason = ClosureReason.Archived }, ["case-closed"]),
        [typeof(TransferCaseRequest)] = (new TransferCaseRequest { ToCourtId = "almaty-medeu", Reason = "Подсудность: место жительства ответчика" }, ["case-transferred"]),
        [typeof(OrderErasureRequest)] = (new OrderErasureRequest { Reason = ErasureReason.CourtOrder, OrderReference = "7-55-26", EventVersions = [3, 4] }, ["erasure-ordered"]),
        [typeof(Intake.IntakeDecisionRequest)] = (IntakeExamples.Override, ["intake-reviewed"]),
    };

    public static JsonNode? ForRequest(Type requestType, string path) =>
        Commands.TryGetValue(requestType, out var example) ? CaseLedgerOpenApi.ToNode(example.Request) : null;

    public static JsonNode AppendAnswer(Type requestType)
    {
        var events = Commands.TryGetValue(requestType, out var example) ? example.Events : ["material-attached"];
        var response = new AppendResponse(
            CaseId, 7,
            [.. events.Select((type, i) => new AppendedEventResponse(
                i == 0 ? EventId : Guid.Parse("0195f3c1-4444-7abc-8def-0123456789ab"), 7 - events.Length + 1 + i, type,
                "3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a", AppendResponse.ReceiptUrl(i == 0 ? EventId : Guid.Parse("0195f3c1-4444-7abc-8def-0123456789ab"))))],
            false);
        return CaseLedgerOpenApi.ToNode(response);
    }

    public static JsonNode Replayed(JsonNode answer)
    {
        var copy = answer.DeepClone();
        copy["replayed"] = true;
        return copy;
    }

    private static CaseResponse Case => new()
    {
        CaseId = CaseId, CaseNumber = "2-1234-26", Kind = "civil", Category = "general", CourtId = "almaty-bostandyk",
        CourtName = "Бостандыкский районный суд города Алматы", Status = "readyForTrial", Version = 7, Visibility = "participant",
        JudgeId = JudgeId, ClaimSubject = "О взыскании задолженности по договору займа", ReceivedAt = At.AddDays(-20), AcceptedAt = At.AddDays(-18),
        Participants =
        [
            new ParticipantResponse(JudgeId, "judge", "Сериков Арман Болатович", null),
            new ParticipantResponse(PlaintiffId, "plaintiff", "Нурланова Айгерим Маратовна", null),
            new ParticipantResponse(LawyerId, "lawyer", "Касымова Роза", null),
        ],
        Suspensions = [],
        Acts = [],
        Appeals = [],
        Deadlines =
        [
            new DeadlineResponse("civil-consideration", "gpk-183-general", null, "maximum", "court", At.AddDays(-10), DateOnly.FromDateTime(At.AddDays(50).Date),
                new DateTimeOffset(At.AddDays(51).Date, TimeSpan.FromHours(5)), "running", false, null),
        ],
        MaterialCount = 3,
        HearingCount = 1,
    };

    public static JsonNode? ForRead(string? operationId) => operationId switch
    {
        "getCase" => CaseLedgerOpenApi.ToNode(Case),
        "listCases" => CaseLedgerOpenApi.ToNode(new CaseListResponse(
            [new CaseSummaryResponse(CaseId, "2-1234-26", "civil", "almaty-bostandyk", "readyForTrial", 7, At.AddDays(-20), 0, DateOnly.FromDateTime(At.AddDays(50).Date))], 50, 0)),
        "joinHearing" => CaseLedgerOpenApi.ToNode(Join),
        "getIntakeQueue" => IntakeExamples.Queue,
        "getCourtroom" => CaseLedgerOpenApi.ToNode(new CourtroomResponse(
            Case, LawyerId,
            [new CourtroomDocumentResponse(
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "evidence", "договор-займа.pdf", "application/pdf", 184_320,
                "material", null, LawyerId, "Касымова Роза", EventId, 5, "material-attached", At.AddDays(-3), AppendResponse.ReceiptUrl(EventId))],
            [new CourtroomMotionResponse(Guid.Parse("0195f3d0-5555-7abc-8def-0123456789ab"), "expert-examination", LawyerId, "Касымова Роза", "decided", "granted", At.AddDays(-2))],
            [new CourtroomHearingResponse(
                HearingId, At.AddDays(7), "video", "scheduled", "Зал 3", $"https://video.court.example/rooms/{HearingId:N}", [LawyerId, PlaintiffId], [], null, Join)])),
        _ => null,
    };

    private static HearingJoinResponse Join => new(
        $"https://video.court.example/rooms/{HearingId:N}?token=v1.{HearingId:N}.{LawyerId:N}.1774244400.Qm9ndXNTaWduYXR1cmVGb3JFeGFtcGxlT25seTEyMzQ",
        $"v1.{HearingId:N}.{LawyerId:N}.1774244400.Qm9ndXNTaWduYXR1cmVGb3JFeGFtcGxlT25seTEyMzQ",
        DateTimeOffset.FromUnixTimeSeconds(1774244400));
}
