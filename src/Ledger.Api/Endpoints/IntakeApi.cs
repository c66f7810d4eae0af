using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using Ledger.Api.Cases;
using Ledger.Api.Hosting;
using Ledger.Api.Intake;
using Ledger.Api.OpenApi;
using Ledger.Api.Security;
using Ledger.Domain.Cases;
using Ledger.Domain.Integrity;
using Ledger.Domain.Terms;
using Ledger.Intake;
using Ledger.Projections.Cases;
using Ledger.Projections.Documents;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.OpenApi;
using Npgsql;

namespace Ledger.Api.Endpoints;

/// <summary>
/// The clerk's intake queue (docs/intake.md): submit a filing of a case not yet accepted (a PDF/DOCX upload, or a document
/// already uploaded, by SHA-256) — intake triage assesses it and the suggestion is appended to the case's ledger as
/// <c>intake-assessed</c>; read the filings awaiting review with their suggestions and reasons; confirm or override one in a
/// single call, appended as <c>intake-reviewed</c>. Suggestions only: nothing is decided without the clerk.
/// The queue is read from the ledger's events, never from state kept elsewhere.
/// Writes: clerks and court systems of the case's court. The queue: also judges and court chairs (read only). Others: 403.
/// </summary>
public static class IntakeApi
{
    public const string Tag = "Intake";

    /// <summary>Roles that record suggestions and decide on them (the court registry).</summary>
    public static IReadOnlyList<string> RegistryRoles { get; } = [Roles.Clerk, Roles.CourtSystem];

    /// <summary>Roles that may read the queue of their court.</summary>
    public static IReadOnlyList<string> QueueRoles { get; } = [Roles.Clerk, Roles.CourtSystem, Roles.Judge, Roles.CourtChair];

    private const int QueueLimit = 500;

    public static IServiceCollection AddCaseLedgerIntake(this IServiceCollection services)
    {
        services.AddSingleton(sp => new IntakeTriage(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<DocumentLimits>()));
        return services;
    }

    public static IEndpointRouteBuilder MapIntakeApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/intake").WithTags(Tag).RequireAuthorization().AddEndpointFilter(LedgerReady.Filter);

        group.MapGet("/queue", QueueAsync).WithName("getIntakeQueue")
            .WithSummary("The clerk's intake queue: filings of the caller's court awaiting review, each with the suggestion and its reasons.")
            .WithDescription("Read from the ledger's intake-assessed events that have no intake-reviewed event yet, in cases not yet accepted. "
                + "Clerks and court systems (who decide), judges and court chairs (read only), of the court in their token. Others get 403.")
            .Produces<IntakeQueueResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/cases/{caseId:guid}/filings", SubmitAsync).WithName("submitIntakeFiling")
            .WithSummary("Submit a filing of a case not yet accepted for intake triage; the suggestion is recorded in the case's ledger and queued for the clerk.")
            .WithDescription("Multipart form (field `file`: PDF or DOCX; `filedOn`; `attachmentNames`, repeated) — the file is stored in the document store — "
                + "or JSON naming a document uploaded before by its SHA-256. The same filing submitted again for the same case answers 200 with the assessment "
                + "already recorded. Refusals (empty, damaged, too large or scanned file, unknown case, case already accepted, wrong role) are problem details; "
                + "nothing is stored then.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                DescribeSubmission(operation);
                return Task.CompletedTask;
            })
            .AddEndpointFilter(RegistryOnly)
            .Produces<IntakeSubmissionResponse>(StatusCodes.Status201Created)
            .Produces<IntakeSubmissionResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        CasesApi.MapCommand<IntakeDecisionRequest>(group, "/cases/{caseId:guid}/filings/{assessmentId:guid}/decision", "decideIntakeFiling",
                "Confirm or override the intake suggestion for one filing in one action (the clerk decides; the decision is an event in the case's ledger).",
                CaseAction.ReviewIntake, Decide)
            .AddEndpointFilter(RegistryOnly);
        return endpoints;
    }

    // ------------------------------------------------------------------ queue

    public static async Task<IResult> QueueAsync(HttpContext http, IDocumentStore store, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(http);
        var user = http.User;
        if (!QueueRoles.Any(user.IsInRole))
        {
            return NotForRole().ToResult(http);
        }

        var courts = user.FindAll(LedgerClaims.Court).Select(c => c.Value).ToArray();
        var ids = new List<Guid>();
        if (courts.Length > 0)
        {
            var schema = Projections.Storage.MartenConfiguration.Schema;
            await using var command = dataSource.CreateCommand($"""
                select a.stream_id from {schema}.mt_events a
                where a.type = 'intake-assessed'
                  and not exists (select 1 from {schema}.mt_events r
                                  where r.stream_id = a.stream_id and r.type = 'intake-reviewed' and r.data->>'assessmentId' = a.data->>'assessmentId')
                  and exists (select 1 from {schema}.mt_events c
                              where c.stream_id = a.stream_id and c.type in ('claim-filed', 'criminal-case-received') and c.data->>'courtId' = any(@courts))
                group by a.stream_id
                order by min(a.seq_id)
                limit @limit
                """);
            command.Parameters.AddWithValue("courts", courts);
            command.Parameters.AddWithValue("limit", QueueLimit);
            await using var reader = await command.ExecuteReaderAsync(http.RequestAborted);
            while (await reader.ReadAsync(http.RequestAborted))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        var items = new List<IntakeQueueItemResponse>();
        foreach (var id in ids)
        {
            var (file, assessed) = await LoadAsync(store, id, http.RequestAborted);
            if (file is null || CaseAccess.VisibilityOf(user, file.State, file.ProsecutorOffice) != CaseVisibility.Court
                || file.State.AcceptedAt is not null || file.State.IsTerminal)
            {
                continue;
            }

            items.AddRange(assessed
                .Where(e => file.State.Intake.TryGetValue(e.AssessmentId, out var r) && r.Status == IntakeStatus.Pending)
                .Select(e => Item(file, e)));
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new IntakeQueueResponse([.. items.OrderBy(i => i.AssessedAt).ThenBy(i => i.AssessmentId)]));
    }

    // ------------------------------------------------------------------ submission

    private sealed record Submission(Stream Content, string Sha256, string FileName, string MediaType, DateOnly FiledOn, IReadOnlyList<string> AttachmentNames, bool Uploaded, byte[] RequestHash);

    public static async Task<IResult> SubmitAsync(
        Guid caseId, HttpContext http, IDocumentStore store, CaseLedger ledger, IntakeTriage triage, DocumentStorage storage, DocumentUploads uploads,
        NpgsqlDataSource dataSource, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(triage);
        ArgumentNullException.ThrowIfNull(uploads);
        var cancellationToken = http.RequestAborted;
        Submission? submission = null;
        try
        {
            var expectedVersion = CaseRequestReader.ReadIfMatch(http.Request);
            var key = CaseRequestReader.ReadIdempotencyKey(http.Request, http.User);
            // The case first: a caller learns nothing about a case that is not theirs, and reads no body for it.
            var file = await CaseFile.LoadAsync(store, caseId, cancellationToken);
            CasesApi.Require(CaseAccess.Decide(http.User, file?.State ?? CaseState.Empty, CaseAction.AssessIntake, file?.ProsecutorOffice));
            var now = time.GetUtcNow().ToOffset(TermCalculator.Default.TimeZoneOffset);
            var today = DateOnly.FromDateTime(now.DateTime);
            var contentType = http.Request.ContentType ?? "";
            if (!http.Request.HasFormContentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                throw CaseProblemException.Create(
                    StatusCodes.Status415UnsupportedMediaType, "body.content-type",
                    ("Неподдерживаемый тип содержимого", "Қолдау көрсетілмейтін мазмұн түрі", "Unsupported content type"),
                    ($"Отправьте файл как multipart/form-data (поле «file») или JSON с sha256 загруженного документа, а не «{contentType}».",
                        $"Файлды multipart/form-data ретінде («file» өрісі) немесе жүктелген құжаттың sha256 бар JSON ретінде жіберіңіз, «{contentType}» емес.",
                        $"Send the file as multipart/form-data (field \"file\") or JSON with the sha256 of an uploaded document, not \"{contentType}\"."));
            }

            submission = http.Request.HasFormContentType
                ? await ReadUploadAsync(http, triage.MaxFileBytes, today)
                : await ReadReferenceAsync(http, storage, today);

            if (key is not null && await CasesApi.FindEarlierAsync(dataSource, key, submission.RequestHash, cancellationToken) is { } earlier)
            {
                return await AnswerAsync(http, store, earlier, AssessmentIdFor(caseId, submission.Sha256), replay: true);
            }

            IntakeAssessment assessment;
            try
            {
                assessment = triage.Pipeline.Assess(submission.Content, submission.FileName, submission.MediaType,
                    new IntakeContext(submission.FiledOn, submission.AttachmentNames));
            }
            catch (IntakeException refused)
            {
                return Problem(http, refused);
            }

            var assessmentId = AssessmentIdFor(caseId, assessment.Sha256Hex);
            var filing = new DocumentRef(assessment.Sha256Hex, "claim", submission.FileName, submission.MediaType, assessment.SizeBytes);
            var command = new RecordIntakeAssessment(caseId, assessmentId, filing, assessment.ToSuggestion(), assessment.ModelVersion, assessment.Reasons, now);
            // The case's version and rules are checked before the file is stored, so that a refusal leaves nothing behind.
            if (expectedVersion is { } expected && expected != file!.State.Version)
            {
                throw new Projections.Ledger.CaseVersionConflictException(caseId, expected, file.State.Version);
            }

            CaseDecider.Decide(command, file!.State);

            if (submission.Uploaded)
            {
                submission.Content.Position = 0;
                try
                {
                    var stored = await uploads.UploadAsync(new DocumentUpload(
                        submission.Content, submission.FileName, "claim", submission.MediaType, null, http.User.FindFirstValue(LedgerClaims.Subject)), cancellationToken);
                    command = command with { Filing = stored.Document };
                }
                catch (DocumentRejectedException rejected)
                {
                    return Problem(http, rejected);
                }
            }

            var result = await ledger.HandleAsync(command, expectedVersion, key, submission.RequestHash, cancellationToken);
            return await AnswerAsync(http, store, result, assessmentId, replay: false);
        }
        catch (CaseProblemException problem)
        {
            return problem.ToResult(http);
        }
        finally
        {
            if (submission is not null)
            {
                await submission.Content.DisposeAsync();
            }
        }
    }

    private static async Task<IResult> AnswerAsync(HttpContext http, IDocumentStore store, Projections.Ledger.AppendResult result, Guid assessmentId, bool replay)
    {
        var (file, assessed) = await LoadAsync(store, result.CaseId, http.RequestAborted);
        var e = assessed.Last(a => a.AssessmentId == assessmentId);
        var response = new IntakeSubmissionResponse(Item(file!, e), AppendResponse.From(replay ? result with { Replayed = true } : result));
        http.Response.Headers.ETag = $"\"{file!.State.Version}\"";
        if (result.Events.Count > 0 && !result.Replayed && !replay)
        {
            return TypedResults.Created($"/api/v1/cases/{result.CaseId}", response);
        }

        http.Response.Headers.Location = $"/api/v1/cases/{result.CaseId}";
        return TypedResults.Ok(response);
    }

    /// <summary>
    /// One assessment per filing and case: the id is derived from the case and the filing's SHA-256, so that submitting the
    /// same file again (a retry, a double click) finds the assessment already recorded instead of queueing it twice.
    /// </summary>
    public static Guid AssessmentIdFor(Guid caseId, string sha256Hex)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"caseledger/intake-assessment\n{caseId:D}\n{sha256Hex}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8 (RFC 9562: custom)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // variant 10
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static async Task<Submission> ReadUploadAsync(HttpContext http, long maxFileBytes, DateOnly today)
    {
        var request = http.Request;
        var max = maxFileBytes + (64 * 1024);
        if (request.ContentLength > max)
        {
            throw TooLarge(maxFileBytes);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = max;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max }, http.RequestAborted);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxFileBytes);
        }
        catch (InvalidDataException invalid) when (invalid.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw TooLarge(maxFileBytes);
        }
        catch (InvalidDataException)
        {
            throw NoFile();
        }
        catch (IOException) when (!http.RequestAborted.IsCancellationRequested)
        {
            // A multipart body that ends before its closing boundary (a truncated or made-up upload).
            throw NoFile();
        }

        var upload = form.Files.GetFile("file") ?? throw NoFile();
        if (upload.Length > maxFileBytes)
        {
            throw TooLarge(maxFileBytes);
        }

        var unknown = form.Keys.Concat(form.Files.Select(f => f.Name)).FirstOrDefault(k => k is not ("file" or "filedOn" or "attachmentNames"));
        if (unknown is not null)
        {
            throw CaseProblemException.BadRequest(
                "body.unknown-field",
                $"Поле формы «{unknown}» не предусмотрено: отправьте file, filedOn и attachmentNames.",
                $"«{unknown}» пішін өрісі қарастырылмаған: file, filedOn және attachmentNames жіберіңіз.",
                $"The form field \"{unknown}\" is not part of this request: send file, filedOn and attachmentNames.");
        }

        var filedOn = ParseDay(form.TryGetValue("filedOn", out var day) ? day.ToString() : null, today);
        var attachments = form.TryGetValue("attachmentNames", out var names)
            ? names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()).ToArray()
            : [];
        var content = new MemoryStream();
        await using (var source = upload.OpenReadStream())
        {
            await source.CopyToAsync(content, http.RequestAborted);
        }

        content.Position = 0;
        var fileName = Path.GetFileName(upload.FileName);
        var mediaType = string.IsNullOrWhiteSpace(upload.ContentType) ? "application/octet-stream" : upload.ContentType;
        var sha = Convert.ToHexStringLower(SHA256.HashData(content.GetBuffer().AsSpan(0, (int)content.Length)));
        var described = new JsonObject
        {
            ["sha256"] = sha, ["fileName"] = fileName, ["mediaType"] = mediaType,
            ["filedOn"] = filedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["attachmentNames"] = new JsonArray([.. attachments.Select(a => (JsonNode)JsonValue.Create(a))]),
        };
        return new Submission(content, sha, fileName, mediaType, filedOn, attachments, Uploaded: true, RequestHashOf(request, described));
    }

    private static async Task<Submission> ReadReferenceAsync(HttpContext http, DocumentStorage storage, DateOnly today)
    {
        var body = await CaseRequestReader.ReadAsync<IntakeSubmissionRequest>(http);
        var r = body.Body;
        var sha = r.Sha256.Trim().ToLowerInvariant();
        if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower))
        {
            throw CaseProblemException.BadRequest(
                "document.not-a-hash",
                $"«{r.Sha256}» не является хешем SHA-256 (64 шестнадцатеричных символа).",
                $"«{r.Sha256}» SHA-256 хэші емес (64 он алтылық таңба).",
                $"\"{r.Sha256}\" is not a SHA-256 hash (64 hexadecimal characters).");
        }

        var stored = await storage.OpenVerifiedAsync(sha, http.RequestAborted) ?? throw CaseProblemException.Unprocessable(
            "document.not-uploaded",
            $"Документ {sha} не загружен в хранилище. Сначала загрузите его (POST /api/v1/documents) или отправьте файл в этом запросе.",
            $"{sha} құжаты қоймаға жүктелмеген. Алдымен оны жүктеңіз (POST /api/v1/documents) немесе файлды осы сұраумен жіберіңіз.",
            $"The document {sha} was not uploaded. Upload it first (POST /api/v1/documents) or send the file with this request.");
        var fileName = string.IsNullOrWhiteSpace(r.FileName) ? sha + MediaTypeDetector.ExtensionOf(stored.MediaType) : Path.GetFileName(r.FileName.Trim());
        return new Submission(stored.Content, sha, fileName, stored.MediaType, r.FiledOn ?? today,
            [.. (r.AttachmentNames ?? []).Where(n => !string.IsNullOrWhiteSpace(n))], Uploaded: false, body.RequestHash);
    }

    private static byte[] RequestHashOf(HttpRequest request, JsonObject described) =>
        CaseRequestReader.RequestHash(request.Method, request.Path.Value ?? "/", JsonCanonicalizer.Canonicalize(JsonSerializer.SerializeToElement(described)), null);

    private static DateOnly ParseDay(string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return today;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw CaseProblemException.BadRequest(
                "body.wrong-type",
                $"filedOn должен быть датой вида 2026-03-16; получено «{text}».",
                $"filedOn 2026-03-16 түріндегі күн болуы керек; алынғаны «{text}».",
                $"filedOn must be a date like 2026-03-16; got \"{text}\".");
    }

    // ------------------------------------------------------------------ decision

    private static CaseCommand Decide(IntakeDecisionRequest r, CaseCommandContext c)
    {
        var assessmentId = CasesApi.RouteGuid(c.Http, "assessmentId");
        if (!c.State.Intake.TryGetValue(assessmentId, out var record))
        {
            throw CaseProblemException.Create(
                StatusCodes.Status404NotFound, "intake.unknown",
                ("Документ не найден в очереди", "Құжат кезекте табылмады", "Filing not found"),
                ("В деле нет такого документа, поданного на предварительную обработку.",
                    "Істе алдын ала өңдеуге берілген мұндай құжат жоқ.",
                    "The case has no such filing submitted for intake."));
        }

        var clerkId = ClerkOf(r, c);
        var reason = string.IsNullOrWhiteSpace(r.Reason) ? null : r.Reason.Trim();
        if (r.Decision == IntakeDecisionKind.Confirm)
        {
            if (r.Subcategory is not null || r.Procedure is not null || r.CourtId is not null)
            {
                throw CaseProblemException.BadRequest(
                    "intake.confirm-with-values",
                    "Подтверждение принимает предложение как есть: чтобы изменить подкатегорию, порядок или суд, выберите «override».",
                    "Растау ұсынысты сол күйінде қабылдайды: кіші санатты, тәртіпті немесе сотты өзгерту үшін «override» таңдаңыз.",
                    "A confirmation keeps the suggestion as it is: to change the subcategory, procedure or court, choose \"override\".");
            }

            return new ReviewIntake(c.CaseId, assessmentId, clerkId, record.Suggested, reason, c.Now);
        }

        if (reason is null)
        {
            throw CaseProblemException.BadRequest(
                "intake.reason-required",
                "Укажите причину, по которой вы не согласны с предложением (поле «reason»).",
                "Ұсыныспен неге келіспейтініңіздің себебін көрсетіңіз («reason» өрісі).",
                "Give the reason why you do not follow the suggestion (the field \"reason\").");
        }

        IntakeSuggestion final;
        try
        {
            final = IntakeOverride.Apply(record.Suggested, IntakeTriage.Rules, r.Subcategory, r.Procedure switch
            {
                IntakeProcedure.Simplified => true,
                IntakeProcedure.General => false,
                _ => null,
            }, r.CourtId);
        }
        catch (ArgumentException)
        {
            var known = string.Join(", ", IntakeTriage.Rules.Subcategories.Select(s => s.Id));
            throw CaseProblemException.BadRequest(
                "intake.subcategory-unknown",
                $"Подкатегория «{r.Subcategory}» неизвестна. Возможные: {known}.",
                $"«{r.Subcategory}» кіші санаты белгісіз. Мүмкіндері: {known}.",
                $"The subcategory \"{r.Subcategory}\" is unknown. Known: {known}.");
        }

        if (final.SameAs(record.Suggested))
        {
            throw CaseProblemException.Unprocessable(
                "intake.override-unchanged",
                "Изменение ничего не меняет в предложении: выберите другие значения или подтвердите предложение.",
                "Өзгерту ұсыныста ештеңені өзгертпейді: басқа мәндерді таңдаңыз немесе ұсынысты растаңыз.",
                "The override changes nothing in the suggestion: choose other values, or confirm the suggestion.");
        }

        return new ReviewIntake(c.CaseId, assessmentId, clerkId, final, reason, c.Now);
    }

    /// <summary>A clerk decides in their own name (their <c>sub</c>, a UUID); a court system names the clerk.</summary>
    private static Guid ClerkOf(IntakeDecisionRequest r, CaseCommandContext c)
    {
        if (c.User.IsInRole(Roles.CourtSystem))
        {
            return c.Acting(r.ClerkId, "clerkId");
        }

        var self = CaseAccess.SubjectId(c.User) ?? throw CaseProblemException.Forbidden(
            "В вашем токене нет идентификатора сотрудника (sub должен быть UUID): решение нельзя записать на ваше имя.",
            "Токеніңізде қызметкер сәйкестендіргіші жоқ (sub UUID болуы керек): шешімді сіздің атыңызға жазу мүмкін емес.",
            "Your token carries no staff id (sub must be a UUID): the decision cannot be recorded in your name.");
        return r.ClerkId is null || r.ClerkId == self ? self : throw CaseProblemException.NotInOwnName();
    }

    // ------------------------------------------------------------------ views

    private static async Task<(CaseFile? File, IReadOnlyList<IntakeAssessed> Assessed)> LoadAsync(IDocumentStore store, Guid caseId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        IReadOnlyList<IEvent> events = await session.Events.FetchStreamAsync(caseId, token: cancellationToken);
        return (CaseFile.From(events), [.. events.Select(e => e.Data).OfType<IntakeAssessed>()]);
    }

    internal static IntakeQueueItemResponse Item(CaseFile file, IntakeAssessed e)
    {
        var state = file.State;
        var record = state.Intake[e.AssessmentId];
        var shown = record.Final ?? e.Suggestion;
        var summary = IntakeReasonSummary.Read(e.Reasons);
        return new IntakeQueueItemResponse(
            e.AssessmentId, state.CaseId, state.CaseNumber ?? "", state.CourtId, state.Version, file.ClaimSubject,
            Name(record.Status), e.AssessedAt, e.ModelVersion,
            new IntakeFilingDocument(e.Filing.Sha256Hex, e.Filing.Kind, e.Filing.FileName, e.Filing.MediaType, e.Filing.SizeBytes,
                $"/api/v1/documents/{e.Filing.Sha256Hex}"),
            Suggestion(shown, summary),
            [.. e.Reasons.Select(r => new IntakeReasonResponse(r.Rule, r.Detail))],
            $"/api/v1/intake/cases/{state.CaseId}/filings/{e.AssessmentId}/decision");
    }

    internal static IntakeSuggestionResponse Suggestion(IntakeSuggestion s, IntakeReasonSummary summary) => new(
        Name(s.Kind), Name(s.Category), s.Subcategory, summary.Confidence,
        [.. summary.Alternatives.Select(a => new IntakeAlternativeResponse(a.Label, a.Probability))],
        s.Language,
        [.. s.Parties.Select(p => new IntakePartyResponse(Name(p.Role), p.Name, p.Identifier, p.IdentifierValid, p.Address))],
        s.ClaimAmountTenge, s.SimplifiedEligible, s.SuggestedCourtId,
        s.SuggestedCourtId is null ? null : CourtRegistry.Find(s.SuggestedCourtId)?.NameRu,
        summary.Dates, summary.Articles, s.Completeness,
        [.. s.Completeness.Where(IsProblem)], summary.TopTerms);

    /// <summary>Completeness findings that need the clerk's attention (a missing attachment or state duty, a claimed exemption).</summary>
    public static bool IsProblem(string code) =>
        code.StartsWith("missing:", StringComparison.Ordinal) || code is "state-duty:missing" or "state-duty:exemption-claimed" or "attachments-list:missing";

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    // ------------------------------------------------------------------ refusals

    private static async ValueTask<object?> RegistryOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        RegistryRoles.Any(context.HttpContext.User.IsInRole) ? await next(context) : NotForRole().ToResult(context.HttpContext);

    private static CaseProblemException NotForRole() => CaseProblemException.Forbidden(
        "Очередь предварительной обработки ведёт канцелярия суда: предложения подтверждают или изменяют секретари (судьи и председатель суда видят очередь). Ваша роль этого не позволяет.",
        "Алдын ала өңдеу кезегін сот кеңсесі жүргізеді: ұсыныстарды хатшылар растайды немесе өзгертеді (судьялар мен сот төрағасы кезекті көреді). Сіздің рөліңіз бұған рұқсат бермейді.",
        "The intake queue is the court registry's work: clerks confirm or override suggestions (judges and court chairs may read the queue). Your role does not allow this.");

    private static CaseProblemException NoFile() => CaseProblemException.BadRequest(
        "file.missing",
        "В форме нет файла: отправьте документ в поле «file» (multipart/form-data) или укажите sha256 загруженного документа (JSON).",
        "Пішінде файл жоқ: құжатты «file» өрісінде жіберіңіз (multipart/form-data) немесе жүктелген құжаттың sha256 көрсетіңіз (JSON).",
        "The form has no file: send the document in the field \"file\" (multipart/form-data), or give the sha256 of an uploaded document (JSON).");

    private static CaseProblemException TooLarge(long limitBytes) => CaseProblemException.Create(
        StatusCodes.Status413PayloadTooLarge, "file.too-large",
        ("Файл слишком большой", "Файл тым үлкен", "File too large"),
        ($"Файл больше допустимых {limitBytes / (1024 * 1024.0):0.#} МБ. Разделите документ на части.",
            $"Файл рұқсат етілген {limitBytes / (1024 * 1024.0):0.#} МБ-тан үлкен. Құжатты бөліктерге бөліңіз.",
            $"The file is larger than the allowed {limitBytes / (1024 * 1024.0):0.#} MB. Split the document into parts."));

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(HttpContext http, IntakeException refused)
    {
        var status = refused.Code switch
        {
            "file.too-large" => StatusCodes.Status413PayloadTooLarge,
            "file.unsupported-type" => StatusCodes.Status415UnsupportedMediaType,
            "model.missing" => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return TypedResults.Problem(
            statusCode: status,
            title: CaseProblemException.Text("Документ не принят на обработку", "Құжат өңдеуге қабылданбады", "The filing could not be assessed"),
            detail: refused.MessageIn(language),
            type: "https://caseledger.example/problems/" + refused.Code,
            instance: http.Request.Path,
            extensions: new Dictionary<string, object?> { ["code"] = refused.Code, ["stored"] = false });
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(HttpContext http, DocumentRejectedException rejected)
    {
        var status = rejected.Rejection switch
        {
            DocumentRejection.TooLarge => StatusCodes.Status413PayloadTooLarge,
            DocumentRejection.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        return TypedResults.Problem(
            statusCode: status,
            title: CaseProblemException.Text("Документ не принят", "Құжат қабылданбады", "The document was refused"),
            detail: rejected.MessageIn(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName),
            type: "https://caseledger.example/problems/" + rejected.Code,
            instance: http.Request.Path,
            extensions: new Dictionary<string, object?> { ["code"] = rejected.Code, ["stored"] = false });
    }

    // ------------------------------------------------------------------ OpenAPI

    private static void DescribeSubmission(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-Match", In = ParameterLocation.Header, Required = false, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Description = "The case version the request expects (the `ETag` of the case, e.g. `\"1\"`); 412 when the case has moved on.",
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "Idempotency-Key", In = ParameterLocation.Header, Required = false, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Description = "Makes the request safe to retry: a repeat with the same key and the same file answers as the first time; the same key with another file is refused (422).",
        });
        var reference = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "sha256" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["sha256"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9a-fA-F]{64}$", Description = "SHA-256 of a PDF or DOCX uploaded with POST /api/v1/documents." },
                ["fileName"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "The file name to record." },
                ["filedOn"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date", Description = "The day the filing was received (default today)." },
                ["attachmentNames"] = new OpenApiSchema { Type = JsonSchemaType.Array | JsonSchemaType.Null, Items = new OpenApiSchema { Type = JsonSchemaType.String }, Description = "Names of the files uploaded with the filing." },
            },
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The filing: a file (multipart) or a document uploaded before (JSON).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The filing: PDF or DOCX with a text layer." },
                            ["filedOn"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date", Description = "The day the filing was received (default today)." },
                            ["attachmentNames"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The name of a file uploaded with the filing (repeat the field for each)." },
                        },
                    },
                },
                ["application/json"] = new() { Schema = reference, Example = IntakeExamples.Submission },
            },
        };
        foreach (var status in new[] { "201", "200" })
        {
            if (operation.Responses?.TryGetValue(status, out var response) == true && response is OpenApiResponse concrete)
            {
                concrete.Description = status == "201"
                    ? "The filing was assessed and the suggestion appended to the case's ledger (intake-assessed); it waits in the queue."
                    : "Nothing new was stored: the same filing was assessed for this case before, or a replay with the same Idempotency-Key.";
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["ETag"] = new OpenApiHeader { Description = "The case's version after the request.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                if (concrete.Content?.TryGetValue("application/json", out var media) == true)
                {
                    media.Example = status == "201" ? IntakeExamples.SubmissionAnswer(false) : IntakeExamples.SubmissionAnswer(true);
                }
            }
        }
    }
}
