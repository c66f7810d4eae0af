using System.Globalization;
using System.Text.Json;
using Ledger.Api.Hosting;
using Ledger.Api.RateLimiting;
using Ledger.Api.Security;
using Ledger.Domain.Depersonalization;
using Ledger.Projections.Publication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Endpoints;

/// <summary>A person named in the act, for <c>POST /api/v1/acts/depersonalize</c>: full name and role (e.g. "Plaintiff", "Judge").</summary>
public sealed record DepersonalizeParticipant(string Name, string Role);

/// <summary>JSON body of <c>POST /api/v1/acts/depersonalize</c>.</summary>
public sealed record DepersonalizeRequest(string? Text, IReadOnlyList<DepersonalizeParticipant>? Participants);

/// <summary>One replacement, for the person who reviews the act: offsets refer to the original text.</summary>
public sealed record ReplacementView(int Start, int Length, string Original, string Replacement, string Type, string Reason);

/// <summary>
/// The depersonalized text, every replacement with its reason, and the closed categories the text suggests (an act in
/// one of them must not be published at all).
/// </summary>
public sealed record DepersonalizeResponse(
    string Text, IReadOnlyList<ReplacementView> Replacements, IReadOnlyList<string> SuggestedClosedCategories, string? Warning);

/// <summary>
/// Judicial acts: the depersonalizer for clerks and judges, and the public search over published acts
/// (docs/search.md, docs/depersonalization.md).
/// </summary>
public static class ActsApi
{
    /// <summary>The largest act accepted for depersonalization (text or PDF).</summary>
    public const long MaxUploadBytes = 10 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapActsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/acts").WithTags("Judicial acts");
        group.MapPost("/depersonalize", DepersonalizeAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Clerk, Roles.Judge))
            .WithSummary("Depersonalizes the text of an act (JSON `text`, or a .txt/.pdf `file` in a form) with an optional participant list; returns the text and every replacement with its reason.");
        group.MapGet("/search", SearchAsync)
            .RequireRateLimiting(RateLimitPolicies.Public)
            .AddEndpointFilter(PublicationDatabase.Filter)
            .WithSummary("Full-text search over published (depersonalized) acts, with filters, ranking and highlighted snippets.");
        group.MapGet("/{actId:guid}", GetAsync)
            .RequireRateLimiting(RateLimitPolicies.Public)
            .AddEndpointFilter(PublicationDatabase.Filter)
            .WithSummary("One published act: its depersonalized text and the SHA-256 of the original act.");
        return endpoints;
    }

    public static async Task<Results<Ok<DepersonalizeResponse>, ProblemHttpResult>> DepersonalizeAsync(HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        string? text;
        IReadOnlyList<DepersonalizeParticipant>? participants;
        try
        {
            (text, participants) = http.Request.HasFormContentType
                ? await ReadFormAsync(http, cancellationToken)
                : await ReadJsonAsync(http, cancellationToken);
        }
        catch (BadInputException bad)
        {
            return Problem(language, bad.Ru, bad.Kk, bad.En);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Problem(language,
                "Передайте текст акта (поле text) или файл .txt/.pdf (поле file).",
                "Акт мәтінін (text өрісі) немесе .txt/.pdf файлын (file өрісі) жіберіңіз.",
                "Send the text of the act (field text) or a .txt/.pdf file (field file).");
        }

        var list = new List<Participant>();
        foreach (var p in participants ?? [])
        {
            if (string.IsNullOrWhiteSpace(p?.Name) || !Enum.TryParse<ParticipantRole>(p.Role?.Replace("-", "", StringComparison.Ordinal), true, out var role))
            {
                return Problem(language,
                    $"Участник «{p?.Name}» указан неверно: нужны ФИО и роль ({string.Join(", ", Enum.GetNames<ParticipantRole>())}).",
                    $"«{p?.Name}» қатысушысы қате көрсетілген: аты-жөні мен рөлі қажет ({string.Join(", ", Enum.GetNames<ParticipantRole>())}).",
                    $"Participant \"{p?.Name}\" is not valid: give the full name and a role ({string.Join(", ", Enum.GetNames<ParticipantRole>())}).");
            }

            list.Add(new Participant(p.Name.Trim(), role));
        }

        var result = Depersonalizer.Depersonalize(text, new DepersonalizationContext(list));
        var suggested = PublicationPolicy.SuggestClosedCategories(text);
        string? warning = null;
        if (suggested.Count > 0)
        {
            var decision = PublicationPolicy.Decide(suggested);
            warning = language == "en" ? decision.ReasonEn : decision.ReasonRu;
        }

        return TypedResults.Ok(new DepersonalizeResponse(
            result.Text,
            [.. result.Replacements.Select(r => new ReplacementView(r.Start, r.Length, r.Original, r.ReplacementText, r.Type.ToString(), r.Reason))],
            [.. suggested.Select(c => c.ToString())],
            warning));
    }

    public static async Task<Results<Ok<ActSearchPage>, ProblemHttpResult>> SearchAsync(
        ActSearch search, string? q, string? court, string? kind, string? category, int? year, string? article, string? outcome,
        int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        if (q is { Length: > 500 })
        {
            return Problem(language, "Запрос слишком длинный: не более 500 символов.", "Сұрау тым ұзын: 500 таңбадан аспауы керек.",
                "The query is too long: at most 500 characters.");
        }

        if (page is < 1 or > 1000 || pageSize is < 1 or > ActSearch.MaxPageSize)
        {
            return Problem(language,
                $"Номер страницы — от 1 до 1000, размер страницы — от 1 до {ActSearch.MaxPageSize}.",
                $"Бет нөмірі 1-ден 1000-ға дейін, бет өлшемі 1-ден {ActSearch.MaxPageSize}-ге дейін.",
                $"The page number must be 1 to 1000 and the page size 1 to {ActSearch.MaxPageSize}.");
        }

        var result = await search.SearchAsync(
            new ActSearchQuery(q, court, kind, category, year, article, outcome, page ?? 1, pageSize ?? 10), cancellationToken);
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<PublishedActView>, ProblemHttpResult>> GetAsync(Guid actId, ActSearch search, CancellationToken cancellationToken)
    {
        var act = await search.GetAsync(actId, cancellationToken);
        if (act is null)
        {
            var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            return Problem(language, "Опубликованный акт не найден.", "Жарияланған акт табылмады.", "No published act has this id.",
                StatusCodes.Status404NotFound);
        }

        return TypedResults.Ok(act);
    }

    private static async Task<(string? Text, IReadOnlyList<DepersonalizeParticipant>? Participants)> ReadJsonAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > MaxUploadBytes)
        {
            throw TooLarge();
        }

        try
        {
            var body = await http.Request.ReadFromJsonAsync<DepersonalizeRequest>(Json, cancellationToken);
            return (body?.Text, body?.Participants);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new BadInputException(
                "Тело запроса должно быть JSON вида {\"text\": \"…\", \"participants\": [{\"name\": \"…\", \"role\": \"Plaintiff\"}]}.",
                "Сұрау денесі {\"text\": \"…\", \"participants\": [{\"name\": \"…\", \"role\": \"Plaintiff\"}]} түріндегі JSON болуы керек.",
                "The body must be JSON like {\"text\": \"…\", \"participants\": [{\"name\": \"…\", \"role\": \"Plaintiff\"}]}.");
        }
    }

    private static async Task<(string? Text, IReadOnlyList<DepersonalizeParticipant>? Participants)> ReadFormAsync(HttpContext http, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // A malformed or truncated multipart body (no boundary, missing closing boundary, a section over the limits).
            throw new BadInputException(
                "Тело запроса — повреждённая форма multipart/form-data.",
                "Сұрау денесі — бүлінген multipart/form-data пішіні.",
                "The request body is a malformed multipart/form-data form.");
        }

        string? text = form["text"];
        var file = form.Files["file"];
        if (file is not null)
        {
            if (file.Length > MaxUploadBytes)
            {
                throw TooLarge();
            }

            if (!ActTextExtractor.IsSupported(file.ContentType, file.FileName))
            {
                throw new BadInputException(
                    "Поддерживаются файлы .txt (UTF-8) и .pdf с текстовым слоем.",
                    ".txt (UTF-8) және мәтін қабаты бар .pdf файлдары қолдау табады.",
                    "Only .txt (UTF-8) and .pdf files with a text layer are accepted.");
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            try
            {
                text = ActTextExtractor.Extract(buffer.ToArray(), file.ContentType, file.FileName);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new BadInputException(
                    $"Не удалось прочитать текст файла «{file.FileName}»: файл повреждён или не является текстом UTF-8 / PDF.",
                    $"«{file.FileName}» файлының мәтінін оқу мүмкін болмады: файл бүлінген немесе UTF-8 мәтіні / PDF емес.",
                    $"The text of \"{file.FileName}\" could not be read: the file is damaged or not UTF-8 text / PDF.");
            }
        }

        IReadOnlyList<DepersonalizeParticipant>? participants = null;
        string? participantsJson = form["participants"];
        if (!string.IsNullOrWhiteSpace(participantsJson))
        {
            try
            {
                participants = JsonSerializer.Deserialize<List<DepersonalizeParticipant>>(participantsJson, Json);
            }
            catch (JsonException)
            {
                throw new BadInputException(
                    "Поле participants должно быть JSON-списком [{\"name\": \"…\", \"role\": \"Plaintiff\"}].",
                    "participants өрісі [{\"name\": \"…\", \"role\": \"Plaintiff\"}] түріндегі JSON тізімі болуы керек.",
                    "The participants field must be a JSON list [{\"name\": \"…\", \"role\": \"Plaintiff\"}].");
            }
        }

        return (text, participants);
    }

    private static BadInputException TooLarge() => new(
        $"Файл слишком большой: не более {MaxUploadBytes / 1024 / 1024} МБ.",
        $"Файл тым үлкен: {MaxUploadBytes / 1024 / 1024} МБ-тан аспауы керек.",
        $"The file is too large: at most {MaxUploadBytes / 1024 / 1024} MB.");

    private static ProblemHttpResult Problem(string language, string ru, string kk, string en, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(
            title: language switch { "kk" => "Сұрау қабылданбады", "en" => "The request was refused", _ => "Запрос отклонён" },
            detail: language switch { "kk" => kk, "en" => en, _ => ru },
            statusCode: status);

    private sealed class BadInputException(string ru, string kk, string en) : Exception(en)
    {
        public string Ru { get; } = ru;
        public string Kk { get; } = kk;
        public string En { get; } = en;
    }
}
