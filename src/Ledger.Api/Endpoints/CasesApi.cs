using System.Collections;
using System.Security.Claims;
using Ledger.Api.Cases;
using Ledger.Api.Hosting;
using Ledger.Api.Security;
using Ledger.Domain.Cases;
using Ledger.Domain.Terms;
using Ledger.Projections.Cases;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Ledger.Api.Endpoints;

/// <summary>What a command builder knows: the caller, the case as it is, and the time the command carries.</summary>
/// <param name="Documents">The request's document references as the events carry them: resolved through the document store (<see cref="DocumentRegistry"/>).</param>
public sealed record CaseCommandContext(
    ClaimsPrincipal User, CaseState State, Guid CaseId, DateTimeOffset Now, HttpContext Http,
    IReadOnlyDictionary<DocumentReference, DocumentRef> Documents)
{
    /// <summary>The document an event carries for a reference of the request (null for null).</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(reference))]
    public DocumentRef? Doc(DocumentReference? reference) => reference is null ? null : Documents[reference];

    /// <summary>
    /// Who acts: the court (court system, clerk) names the participant or judge in <paramref name="requested"/>
    /// (falling back to <paramref name="courtDefault"/>); anyone else acts as themselves (<c>sub</c>) and may not name another.
    /// </summary>
    public Guid Acting(Guid? requested, string field, Guid? courtDefault = null)
    {
        if (CaseAccess.ActsForCourt(User, State.CourtId))
        {
            return requested ?? courtDefault ?? throw CaseProblemException.BadRequest(
                "body.missing-field",
                $"Укажите, кто действует: поле «{field}».", $"Кім әрекет ететінін көрсетіңіз: «{field}» өрісі.",
                $"Say who acts: the field \"{field}\".");
        }

        var self = CaseAccess.SubjectId(User) ?? throw CaseProblemException.NotInOwnName();
        return requested is null || requested == self ? self : throw CaseProblemException.NotInOwnName();
    }
}

/// <summary>
/// The electronic case: every command of the case ledger as an HTTP call, and the reads of the workstation.
/// Writes take <c>If-Match</c> (expected case version) and <c>Idempotency-Key</c>, answer 201 with the appended
/// events (200 for a replay or a repeat), <c>ETag</c> = the new version and <c>Location</c> = the case.
/// Access is decided by <see cref="CaseAccess"/> for every call.
/// </summary>
public static class CasesApi
{
    public const string Tag = "Cases";

    /// <summary>Roles that may upload and read documents (<c>/api/v1/documents</c>).</summary>
    public static IReadOnlyList<string> DocumentRoles { get; } =
    [
        Roles.CourtSystem, Roles.LawEnforcementSystem, Roles.Clerk, Roles.Judge, Roles.Prosecutor, Roles.Lawyer, Roles.Party,
        Roles.Auditor, Roles.CourtChair,
    ];

    public static IServiceCollection AddCaseLedgerCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new CaseCommandSettings(sp.GetRequiredService<IConfiguration>().GetValue("Cases:RequireSignedActs", true)));
        services.TryAddSingleton(sp => new DocumentRegistry(
            sp.GetService<Projections.Documents.DocumentStorage>(), configuration.GetValue("Cases:RequireUploadedDocuments", true)));
        // A body that is not JSON is refused by routing (415) before the handler runs: say what to send instead.
        services.PostConfigure<ProblemDetailsOptions>(options =>
        {
            var inner = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                inner?.Invoke(context);
                if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && string.IsNullOrEmpty(context.ProblemDetails.Detail))
                {
                    var type = context.HttpContext.Request.ContentType ?? "";
                    context.ProblemDetails.Detail = CaseProblemException.Text(
                        $"Тело запроса должно быть в формате JSON (Content-Type: application/json), а не «{type}».",
                        $"Сұрау денесі JSON пішімінде болуы керек (Content-Type: application/json), «{type}» емес.",
                        $"The request body must be JSON (Content-Type: application/json), not \"{type}\".");
                }
            };
        });
        services.TryAddSingleton(sp => VideoConferencing.FromConfiguration(
            configuration, sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/cases").WithTags(Tag).RequireAuthorization().AddEndpointFilter(LedgerReady.Filter);

        group.MapGet("/", ListAsync).WithName("listCases")
            .WithSummary("The caller's own cases: those of their court, assigned to them, where they are admitted, or that they transmitted.")
            .Produces<CaseListResponse>().WithCaseProblems(StatusCodes.Status400BadRequest);
        group.MapGet("/{caseId:guid}", GetAsync).WithName("getCase")
            .WithSummary("One case, filtered to what the caller's role may see.")
            .Produces<CaseResponse>().WithCaseProblems(StatusCodes.Status404NotFound);
        group.MapGet("/{caseId:guid}/courtroom", GetCourtroomAsync).WithName("getCourtroom")
            .WithSummary("The electronic courtroom of a case: documents with hashes and receipts, motions, hearings with join links, terms.")
            .Produces<CourtroomResponse>().WithCaseProblems(StatusCodes.Status404NotFound);
        group.MapGet("/{caseId:guid}/hearings/{hearingId:guid}/join", JoinHearingAsync).WithName("joinHearing")
            .WithSummary("A short-lived join link to a video hearing, for a participant summoned to it or the judge.")
            .Produces<HearingJoinResponse>().WithCaseProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        MapCommand<TransmitCriminalCaseRequest>(group, "/criminal", "transmitCriminalCase",
            "Transmit a criminal case from the prosecutor (the electronic criminal case: ЕРДР number and materials).",
            CaseAction.TransmitCriminalCase, TransmitCriminalCase, create: (r, u) => (r.CaseId, CaseAccess.DecideNew(u, CaseAction.TransmitCriminalCase, r.CourtId)));
        MapCommand<FileClaimRequest>(group, "/claims", "fileClaim", "File a civil or administrative claim.",
            CaseAction.FileClaim, FileClaim, create: (r, u) => (r.CaseId, CaseAccess.DecideNew(u, CaseAction.FileClaim, r.CourtId, r.Claimant.ParticipantId)));
        MapCommand<AcceptCaseRequest>(group, "/{caseId:guid}/acceptance", "acceptCase", "Accept the case into proceedings (assigns the judge).",
            CaseAction.Accept, Accept);
        MapCommand<ReturnCaseRequest>(group, "/{caseId:guid}/return", "returnCase", "Return the claim or criminal case without acceptance.",
            CaseAction.Return, (r, c) => new ReturnCase(c.CaseId, c.Acting(r.JudgeId, "judgeId"), r.Reason, c.Doc(r.Ruling), c.Now));
        MapCommand<AdmitParticipantsRequest>(group, "/{caseId:guid}/participants", "admitParticipants", "Admit participants to the case.",
            CaseAction.AdmitParticipants, (r, c) => new AdmitParticipants(c.CaseId, [.. r.Participants.Select(p => p.ToDomain())], c.Now));
        MapCommand<AttachMaterialRequest>(group, "/{caseId:guid}/materials", "attachMaterial", "Attach a material (a document uploaded before, by hash).",
            CaseAction.AttachMaterial, (r, c) => new AttachMaterial(
                c.CaseId, r.MaterialId ?? Guid.CreateVersion7(), c.Doc(r.Document), c.Acting(r.FiledBy, "filedBy"), c.Now));
        MapCommand<FileMotionRequest>(group, "/{caseId:guid}/motions", "fileMotion", "File a motion.",
            CaseAction.FileMotion, (r, c) => new FileMotion(
                c.CaseId, r.MotionId ?? Guid.CreateVersion7(), c.Acting(r.FiledBy, "filedBy"), r.Kind, c.Doc(r.Document), c.Now));
        MapCommand<DecideMotionRequest>(group, "/{caseId:guid}/motions/{motionId:guid}/decision", "decideMotion", "Decide a motion.",
            CaseAction.DecideMotion, (r, c) => new DecideMotion(
                c.CaseId, RouteGuid(c.Http, "motionId"), c.Acting(r.JudgeId, "judgeId", c.State.JudgeId), r.Outcome, c.Doc(r.Ruling), c.Now));
        MapCommand<CompletePreparationRequest>(group, "/{caseId:guid}/preparation-completed", "completePreparation",
            "Complete preparation of the case for trial.", CaseAction.CompletePreparation,
            (r, c) => new CompletePreparation(c.CaseId, c.Acting(r.JudgeId, "judgeId", c.State.JudgeId), c.Now), bodyOptional: true);
        MapCommand<ScheduleHearingRequest>(group, "/{caseId:guid}/hearings", "scheduleHearing",
            "Schedule a hearing in person, by video (the room link is made per hearing) or mobile.", CaseAction.ScheduleHearing, Schedule);
        MapCommand<HoldHearingRequest>(group, "/{caseId:guid}/hearings/{hearingId:guid}/held", "recordHearingHeld",
            "Record that a hearing was held, with the hashes of its audio and video recordings.", CaseAction.HoldHearing,
            (r, c) => new HoldHearing(c.CaseId, RouteGuid(c.Http, "hearingId"), [.. r.Recordings.Select(d => c.Doc(d))], c.Now));
        MapCommand<PostponeHearingRequest>(group, "/{caseId:guid}/hearings/{hearingId:guid}/postponement", "postponeHearing",
            "Postpone a scheduled hearing.", CaseAction.PostponeHearing,
            (r, c) => new PostponeHearing(c.CaseId, RouteGuid(c.Http, "hearingId"), r.Reason, c.Now));
        MapCommand<SuspendProceedingsRequest>(group, "/{caseId:guid}/suspension", "suspendProceedings", "Suspend proceedings on a ground of the Code.",
            CaseAction.Suspend, (r, c) => new SuspendProceedings(
                c.CaseId, c.Acting(r.JudgeId, "judgeId", c.State.JudgeId), r.Ground, r.Note, c.Doc(r.Ruling), c.Now));
        MapCommand<ResumeProceedingsRequest>(group, "/{caseId:guid}/resumption", "resumeProceedings", "Resume suspended proceedings.",
            CaseAction.Resume, (r, c) => new ResumeProceedings(c.CaseId, c.Acting(r.JudgeId, "judgeId", c.State.JudgeId), r.Note, c.Now), bodyOptional: true);
        MapCommand<IssueJudgmentRequest>(group, "/{caseId:guid}/judgments", "issueJudgment", "Issue a judgment (decision, verdict) or final ruling.",
            CaseAction.IssueJudgment, (r, c) => new IssueJudgment(
                c.CaseId, r.ActId ?? Guid.CreateVersion7(), r.Kind, c.Acting(r.JudgeId, "judgeId", c.State.JudgeId), c.Doc(r.Document), r.Outcome, c.Now));
        MapCommand<EnterIntoForceRequest>(group, "/{caseId:guid}/judgments/{actId:guid}/entry-into-force", "enterJudgmentIntoForce",
            "Enter a judgment into force after its appeal term.", CaseAction.EnterIntoForce,
            (_, c) => new EnterJudgmentIntoForce(c.CaseId, RouteGuid(c.Http, "actId"), c.Now), bodyOptional: true);
        MapCommand<SetAsideJudgmentRequest>(group, "/{caseId:guid}/judgments/{actId:guid}/set-aside", "setAsideJudgment",
            "Set aside a judgment outside the appeal (cassation, new circumstances).", CaseAction.SetAside,
            (r, c) => new SetAsideJudgment(c.CaseId, RouteGuid(c.Http, "actId"), r.Ground, c.Doc(r.Document), c.Now));
        MapCommand<FileAppealRequest>(group, "/{caseId:guid}/appeals", "fileAppeal", "Appeal a judgment.",
            CaseAction.FileAppeal, (r, c) => new FileAppeal(
                c.CaseId, r.AppealId ?? Guid.CreateVersion7(), r.ActId, c.Acting(r.FiledBy, "filedBy"), c.Doc(r.Document), r.ReinstatementMotionId, c.Now));
        MapCommand<DecideAppealRequest>(group, "/{caseId:guid}/appeals/{appealId:guid}/decision", "decideAppeal",
            "Record the appellate court's decision on an appeal.", CaseAction.DecideAppeal,
            (r, c) => new DecideAppeal(
                c.CaseId, RouteGuid(c.Http, "appealId"), r.Outcome, r.AppellateCourtId, c.Doc(r.Decision), c.Doc(r.AmendedAct), c.Now));
        MapCommand<MarkClosedCategoryRequest>(group, "/{caseId:guid}/closed-categories", "markClosedCategory",
            "Mark the case as of a closed category (minors, sexual offence, adoption, state secrets, closed hearing): its acts are never published, a published one is withdrawn.",
            CaseAction.MarkClosedCategory, (r, c) => new MarkClosedCategory(c.CaseId, r.Category, c.Now));
        MapCommand<CloseCaseRequest>(group, "/{caseId:guid}/closure", "closeCase", "Close the case (archive, termination, settlement, withdrawal).",
            CaseAction.Close, (r, c) => new CloseCase(c.CaseId, r.Reason, c.Doc(r.Ruling), c.Now));
        MapCommand<TransferCaseRequest>(group, "/{caseId:guid}/transfer", "transferCase", "Transfer the case to another court.",
            CaseAction.Transfer, (r, c) => new TransferCase(c.CaseId, r.ToCourtId, r.Reason, c.Now));
        MapCommand<OrderErasureRequest>(group, "/{caseId:guid}/erasures", "orderErasure",
            "Order erasure of personal data of earlier events (the court only); proofs stay valid.", CaseAction.OrderErasure,
            (r, c) => new OrderErasure(c.CaseId, r.ErasureId ?? Guid.CreateVersion7(), r.Reason, r.OrderReference, r.EventVersions, c.Now));
        return endpoints;
    }

    // ------------------------------------------------------------------ commands

    private static CaseCommand TransmitCriminalCase(TransmitCriminalCaseRequest r, CaseCommandContext c)
    {
        string office;
        if (c.User.IsInRole(Roles.CourtSystem) && CaseAccess.ActsForCourt(c.User, r.CourtId))
        {
            office = r.ProsecutorOffice ?? throw CaseProblemException.BadRequest(
                "body.missing-field", "Укажите прокуратуру, направившую дело: поле «prosecutorOffice».",
                "Істі жіберген прокуратураны көрсетіңіз: «prosecutorOffice» өрісі.",
                "Name the prosecutor's office that sent the case: the field \"prosecutorOffice\".");
        }
        else
        {
            var subject = c.User.FindFirst(LedgerClaims.Subject)?.Value ?? "";
            if (r.ProsecutorOffice is not null && r.ProsecutorOffice != subject)
            {
                throw CaseProblemException.NotInOwnName();
            }

            office = subject;
        }

        return new ReceiveCriminalCase(r.CaseId, r.CourtId, r.CaseNumber, r.ErdrNumber, office, [.. r.Materials.Select(d => c.Doc(d))], c.Now, r.ClosedCategories);
    }

    private static CaseCommand FileClaim(FileClaimRequest r, CaseCommandContext c) =>
        new FileClaim(r.CaseId, r.Kind, r.Category, r.CourtId, r.CaseNumber, r.Subject, r.Claimant.ToDomain(), [.. r.Materials.Select(d => c.Doc(d))], c.Now, r.ClosedCategories);

    private static CaseCommand Accept(AcceptCaseRequest r, CaseCommandContext c)
    {
        var judgeId = c.Acting(r.JudgeId, "judgeId");
        var name = r.JudgeName
            ?? (CaseAccess.SubjectId(c.User) == judgeId ? c.User.FindFirst(LedgerClaims.Name)?.Value : null)
            ?? throw CaseProblemException.BadRequest(
                "body.missing-field", "Укажите имя судьи: поле «judgeName».", "Судьяның атын көрсетіңіз: «judgeName» өрісі.",
                "Give the judge's name: the field \"judgeName\".");
        return new AcceptCase(c.CaseId, new Participant(judgeId, ParticipantRole.Judge, name, r.JudgeIin), c.Now);
    }

    private static CaseCommand Schedule(ScheduleHearingRequest r, CaseCommandContext c)
    {
        var hearingId = r.HearingId ?? Guid.CreateVersion7();
        var video = c.Http.RequestServices.GetRequiredService<VideoConferencing>();
        var room = r.Format == HearingFormat.Video ? video.RoomUrl(hearingId) : null;
        IReadOnlyList<Guid> summoned = r.ParticipantIds
            ?? [.. c.State.Participants.Values.Where(p => p.Role != ParticipantRole.Judge).Select(p => p.ParticipantId)];
        return new ScheduleHearing(c.CaseId, hearingId, r.StartsAt, r.Format, r.Courtroom, room, summoned, c.Now);
    }

    // ------------------------------------------------------------------ pipeline

    internal static RouteHandlerBuilder MapCommand<TRequest>(
        RouteGroupBuilder group, string pattern, string name, string summary, CaseAction action,
        Func<TRequest, CaseCommandContext, CaseCommand> build,
        Func<TRequest, ClaimsPrincipal, (Guid CaseId, CaseAccessDecision Decision)>? create = null,
        bool bodyOptional = false)
        where TRequest : class
    {
        Func<HttpContext, Task<IResult>> handler = http => AppendAsync(http, action, build, create, bodyOptional);
        var builder = group.MapPost(pattern, handler)
            .WithName(name).WithSummary(summary)
            .Produces<AppendResponse>(StatusCodes.Status201Created)
            .Produces<AppendResponse>(StatusCodes.Status200OK)
            .WithCaseProblems(
                StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
                StatusCodes.Status412PreconditionFailed, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new CaseCommandMetadata(typeof(TRequest), action, bodyOptional));
        builder.Accepts<TRequest>(bodyOptional, "application/json");
        return builder;
    }

    private static async Task<IResult> AppendAsync<TRequest>(
        HttpContext http, CaseAction action, Func<TRequest, CaseCommandContext, CaseCommand> build,
        Func<TRequest, ClaimsPrincipal, (Guid CaseId, CaseAccessDecision Decision)>? create, bool bodyOptional)
        where TRequest : class
    {
        var services = http.RequestServices;
        var ledger = services.GetRequiredService<CaseLedger>();
        var cancellationToken = http.RequestAborted;
        try
        {
            Guid caseId;
            CaseState state;
            string? transmittedBy = null;
            CaseRequest<TRequest> request;
            if (create is null)
            {
                // The case is known from the path: decide access before reading the body, so that a caller learns
                // nothing about a case that is not theirs. The state is the ledger's (kept in memory for recently used
                // cases, so no round trip); a refusal is confirmed on the stored events, and an allowed command is
                // authorized again on the state it is decided on (below), so a stale kept state never lets one through.
                caseId = RouteGuid(http, "caseId");
                (_, state) = await ledger.GetStateAsync(caseId, cancellationToken);
                if (CaseAccess.Decide(http.User, state, action) != CaseAccessDecision.Allowed)
                {
                    var file = await CaseFile.LoadAsync(services.GetRequiredService<IDocumentStore>(), caseId, cancellationToken);
                    state = file?.State ?? CaseState.Empty;
                    transmittedBy = file?.ProsecutorOffice;
                    Require(CaseAccess.Decide(http.User, state, action, transmittedBy));
                    // Allowed on the stored events but not on the kept state: that state is stale, let the ledger reload it.
                    ledger.Appender.Forget(caseId);
                }

                request = await CaseRequestReader.ReadAsync<TRequest>(http, bodyOptional);
            }
            else
            {
                request = await CaseRequestReader.ReadAsync<TRequest>(http, bodyOptional);
                (caseId, var decision) = create(request.Body, http.User);
                var file = await CaseFile.LoadAsync(services.GetRequiredService<IDocumentStore>(), caseId, cancellationToken);
                state = file?.State ?? CaseState.Empty;
                transmittedBy = file?.ProsecutorOffice;
                Require(file is null ? decision : CaseAccess.Decide(http.User, file.State, action, transmittedBy));
            }

            var now = request.OccurredAt ?? services.GetRequiredService<TimeProvider>().GetUtcNow().ToOffset(TermCalculator.Default.TimeZoneOffset);
            // Every referenced document is taken from the store (media type, size, verified signature), never from the
            // client's description; an unknown document or signature is refused here, before anything is stored.
            var documents = await services.GetRequiredService<DocumentRegistry>().ResolveAsync(DocumentReferences(request.Body), cancellationToken);
            var context = new CaseCommandContext(http.User, state, caseId, now, http, documents);
            var command = build(request.Body, context);
            if (services.GetRequiredService<CaseCommandSettings>().RequireSignedActs)
            {
                ActSignatures.Check(command, state, http.User);
            }

            // A key seen before is answered by the ledger before anything is decided or appended (a replay returns the
            // stored result, another body is refused), and checked again atomically for requests that race.
            var user = http.User;
            var result = await ledger.HandleAsync(
                command, request.ExpectedVersion, request.IdempotencyKey, request.RequestHash,
                authorize: create is null ? current => Require(CaseAccess.Decide(user, current, action, transmittedBy)) : null,
                cancellationToken);
            var response = AppendResponse.From(result);
            var location = $"/api/v1/cases/{result.CaseId}";
            http.Response.Headers.ETag = $"\"{result.Version}\"";
            if (result.Events.Count > 0 && !result.Replayed)
            {
                return TypedResults.Created(location, response);
            }

            http.Response.Headers.Location = location;
            return TypedResults.Ok(response);
        }
        catch (CaseProblemException problem)
        {
            return problem.ToResult(http);
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions IdempotencyJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    internal static async Task<Projections.Ledger.AppendResult?> FindEarlierAsync(
        NpgsqlDataSource dataSource, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select request_hash, result::text from ledger.idempotency where key = @key");
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(reader.GetFieldValue<byte[]>(0), requestHash))
        {
            throw new Projections.Ledger.IdempotencyKeyReusedException(key);
        }

        var stored = System.Text.Json.JsonSerializer.Deserialize<Projections.Ledger.AppendResult>(reader.GetString(1), IdempotencyJson)!;
        return stored with { Replayed = true };
    }

    internal static void Require(CaseAccessDecision decision)
    {
        switch (decision)
        {
            case CaseAccessDecision.NotFound:
                throw CaseProblemException.CaseNotFound();
            case CaseAccessDecision.Forbidden:
                throw CaseProblemException.ActionForbidden();
        }
    }

    internal static Guid RouteGuid(HttpContext http, string name) =>
        Guid.TryParse(http.Request.RouteValues[name] as string, out var id) ? id : throw CaseProblemException.CaseNotFound();

    /// <summary>Every <see cref="DocumentReference"/> in a request (its properties and lists), to be resolved through the store.</summary>
    private static List<DocumentReference> DocumentReferences(object request)
    {
        var found = new List<DocumentReference>();
        foreach (var property in DocumentProperties.GetOrAdd(request.GetType(), FindDocumentProperties))
        {
            switch (property.GetValue(request))
            {
                case DocumentReference document:
                    found.Add(document);
                    break;
                case IEnumerable items and not string:
                    foreach (var item in items.OfType<DocumentReference>())
                    {
                        found.Add(item);
                    }

                    break;
            }
        }

        return found;
    }

    /// <summary>The properties of each request type that can hold document references (looked up once per type).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.PropertyInfo[]> DocumentProperties = new();

    private static System.Reflection.PropertyInfo[] FindDocumentProperties(Type type) =>
    [
        .. type.GetProperties().Where(p => p.GetIndexParameters().Length == 0
            && (p.PropertyType.IsAssignableFrom(typeof(DocumentReference)) || p.PropertyType.IsAssignableTo(typeof(DocumentReference))
                || (p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType)))),
    ];

    // ------------------------------------------------------------------ reads

    public static async Task<IResult> GetAsync(Guid caseId, HttpContext http, IDocumentStore store, TimeProvider time)
    {
        var (file, visibility) = await LoadVisibleAsync(http, store, caseId);
        if (file is null)
        {
            return CaseProblemException.CaseNotFound().ToResult(http);
        }

        http.Response.Headers.ETag = $"\"{file.State.Version}\"";
        return TypedResults.Ok(CaseViews.Case(file, visibility, time.GetUtcNow()));
    }

    public static async Task<IResult> GetCourtroomAsync(Guid caseId, HttpContext http, IDocumentStore store, TimeProvider time, VideoConferencing video)
    {
        var (file, visibility) = await LoadVisibleAsync(http, store, caseId);
        if (file is null)
        {
            return CaseProblemException.CaseNotFound().ToResult(http);
        }

        http.Response.Headers.ETag = $"\"{file.State.Version}\"";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(CaseViews.Courtroom(file, visibility, CaseAccess.SubjectId(http.User), video, time.GetUtcNow()));
    }

    public static async Task<IResult> JoinHearingAsync(Guid caseId, Guid hearingId, HttpContext http, IDocumentStore store, VideoConferencing video)
    {
        var file = await CaseFile.LoadAsync(store, caseId, http.RequestAborted);
        try
        {
            Require(CaseAccess.Decide(http.User, file?.State ?? CaseState.Empty, CaseAction.JoinHearing, file?.ProsecutorOffice));
            var state = file!.State;
            if (!state.Hearings.TryGetValue(hearingId, out var hearing) || !file.Hearings.TryGetValue(hearingId, out var details))
            {
                throw CaseProblemException.Create(
                    StatusCodes.Status404NotFound, "hearing.unknown", ("Заседание не найдено", "Отырыс табылмады", "Hearing not found"),
                    ("В деле нет такого заседания.", "Істе мұндай отырыс жоқ.", "The case has no such hearing."));
            }

            var me = CaseAccess.SubjectId(http.User);
            if (me is null || !(details.ParticipantIds.Contains(me.Value) || state.JudgeId == me))
            {
                throw CaseProblemException.Forbidden(
                    "Вы не вызваны на это заседание.", "Сіз бұл отырысқа шақырылмағансыз.", "You are not summoned to this hearing.");
            }

            if (hearing.Format != HearingFormat.Video || hearing.Status != HearingStatus.Scheduled || details.VideoRoomUrl is null)
            {
                throw CaseProblemException.Create(
                    StatusCodes.Status409Conflict, "hearing.no-video-room",
                    ("Видеокомнаты нет", "Бейнебөлме жоқ", "No video room"),
                    ("Заседание не проводится по видеосвязи или уже проведено либо отложено.",
                        "Отырыс бейнебайланыс арқылы өткізілмейді немесе өткізілді не кейінге қалдырылды.",
                        "The hearing is not held by video, or it was already held or postponed."));
            }

            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(video.Join(hearingId, me.Value, details.VideoRoomUrl));
        }
        catch (CaseProblemException problem)
        {
            return problem.ToResult(http);
        }
    }

    public static async Task<IResult> ListAsync(
        HttpContext http, IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider time, string? status = null, int limit = 50, int offset = 0)
    {
        if (limit is < 1 or > 200 || offset < 0)
        {
            return CaseProblemException.BadRequest(
                "query.invalid", "limit должен быть от 1 до 200, offset — не меньше 0.", "limit 1-ден 200-ге дейін, offset 0-ден кем емес болуы керек.",
                "limit must be between 1 and 200, offset zero or more.").ToResult(http);
        }

        var user = http.User;
        var courtRoles = new[] { Roles.CourtSystem, Roles.Clerk, Roles.Judge, Roles.CourtChair }.Any(user.IsInRole);
        var courts = courtRoles ? user.FindAll(LedgerClaims.Court).Select(c => c.Value).ToArray() : [];
        var subject = user.FindFirst(LedgerClaims.Subject)?.Value ?? "";
        var participant = CaseAccess.SubjectId(user)?.ToString() ?? "";
        var transmitter = user.IsInRole(Roles.LawEnforcementSystem) ? subject : null;

        var ids = new List<Guid>();
        await using (var command = dataSource.CreateCommand($"""
            select stream_id from {Projections.Storage.MartenConfiguration.Schema}.mt_events
            where (type in ('criminal-case-received', 'claim-filed') and data->>'courtId' = any(@courts))
               or (type = 'case-accepted' and data->'judge'->>'participantId' = @subject)
               or (type = 'claim-filed' and data->'claimant'->>'participantId' = @subject)
               or (type = 'participants-admitted' and data->'participants' @> @member::jsonb)
               or (type = 'criminal-case-received' and data->>'prosecutorOffice' = @transmitter)
            group by stream_id
            order by min(seq_id) desc
            limit @limit offset @offset
            """))
        {
            command.Parameters.AddWithValue("courts", courts);
            command.Parameters.AddWithValue("subject", participant);
            command.Parameters.AddWithValue("member", $"[{{\"participantId\":{System.Text.Json.JsonSerializer.Serialize(participant)}}}]");
            command.Parameters.Add(new NpgsqlParameter("transmitter", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)transmitter ?? DBNull.Value });
            command.Parameters.AddWithValue("limit", limit);
            command.Parameters.AddWithValue("offset", offset);
            await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
            while (await reader.ReadAsync(http.RequestAborted))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        var now = time.GetUtcNow();
        var cases = new List<CaseSummaryResponse>(ids.Count);
        foreach (var id in ids)
        {
            var file = await CaseFile.LoadAsync(store, id, http.RequestAborted);
            if (file is null || CaseAccess.VisibilityOf(user, file.State, file.ProsecutorOffice) == CaseVisibility.None)
            {
                continue;
            }

            var summary = CaseViews.Summary(file, now);
            if (status is null || string.Equals(summary.Status, status, StringComparison.OrdinalIgnoreCase))
            {
                cases.Add(summary);
            }
        }

        return TypedResults.Ok(new CaseListResponse(cases, limit, offset));
    }

    private static async Task<(CaseFile? File, CaseVisibility Visibility)> LoadVisibleAsync(HttpContext http, IDocumentStore store, Guid caseId)
    {
        var file = await CaseFile.LoadAsync(store, caseId, http.RequestAborted);
        if (file is null)
        {
            return (null, CaseVisibility.None);
        }

        var visibility = CaseAccess.VisibilityOf(http.User, file.State, file.ProsecutorOffice);
        return visibility == CaseVisibility.None ? (null, visibility) : (file, visibility);
    }

    private static RouteHandlerBuilder WithCaseProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        builder.ProducesProblem(StatusCodes.Status401Unauthorized);
        builder.ProducesProblem(StatusCodes.Status403Forbidden);
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}

/// <summary>Settings of the case commands, read once at start-up: <c>Cases:RequireSignedActs</c> (default on).</summary>
public sealed record CaseCommandSettings(bool RequireSignedActs);

/// <summary>Endpoint metadata of a case command (request type, action), used by the OpenAPI description.</summary>
public sealed record CaseCommandMetadata(Type RequestType, CaseAction Action, bool BodyOptional);
