using System.Globalization;
using Ledger.Domain.Cases;
using Ledger.Projections.Ledger;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Ledger.Api.Errors;

/// <summary>
/// Domain and ledger errors as problem details a clerk understands: a refused case action is 409 or 422 with the
/// decider's message in the reader's language, a stale <c>If-Match</c> is 412, a reused idempotency key 422, and an
/// unreachable database 503 (safe to retry). Registered before <see cref="ProblemExceptionHandler"/>.
/// </summary>
internal sealed class LedgerExceptionHandler(IProblemDetailsService problemDetails, ILogger<LedgerExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        ProblemDetails? problem = exception switch
        {
            CaseRuleViolation violation => new ProblemDetails
            {
                Status = violation.Kind switch
                {
                    ViolationKind.NotFound => StatusCodes.Status404NotFound,
                    ViolationKind.Conflict => StatusCodes.Status409Conflict,
                    _ => StatusCodes.Status422UnprocessableEntity,
                },
                Title = Text(language, "Действие отклонено", "Әрекет қабылданбады", "The action was refused"),
                Detail = violation.MessageIn(language),
                Type = "https://caseledger.example/problems/" + violation.Code,
                Extensions = { ["code"] = violation.Code },
            },
            CaseVersionConflictException conflict => new ProblemDetails
            {
                Status = StatusCodes.Status412PreconditionFailed,
                Title = Text(language, "Дело изменено", "Іс өзгертілді", "The case has changed"),
                Detail = Text(language,
                    $"Дело уже изменено другим пользователем: ожидалась версия {conflict.Expected}, сейчас {conflict.Actual}. Обновите дело и повторите.",
                    $"Іс басқа пайдаланушымен өзгертілді: {conflict.Expected} нұсқасы күтілді, қазір {conflict.Actual}. Істі жаңартып, қайталаңыз.",
                    conflict.Message),
                Extensions = { ["currentVersion"] = conflict.Actual },
            },
            IdempotencyKeyReusedException reused => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = Text(language, "Ключ идемпотентности уже использован", "Идемпотенттілік кілті қолданылған", "Idempotency key already used"),
                Detail = Text(language,
                    $"Ключ «{reused.Key}» уже использован для другого запроса. Для нового запроса нужен новый ключ.",
                    $"«{reused.Key}» кілті басқа сұрау үшін қолданылған. Жаңа сұрау үшін жаңа кілт қажет.",
                    reused.Message),
            },
            // Text PostgreSQL cannot hold (a NUL character, \u0000 in JSON): the request's fault, refused before anything
            // is stored — not "database unavailable", which would make clients retry forever.
            _ when Find<PostgresException>(exception) is { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter } => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = Text(language, "Недопустимый символ", "Рұқсат етілмеген таңба", "Character not allowed"),
                Detail = Text(language,
                    "Запрос содержит символ, который нельзя сохранить (например, нулевой символ U+0000). Ничего не сохранено.",
                    "Сұрауда сақтауға болмайтын таңба бар (мысалы, U+0000 нөлдік таңбасы). Ештеңе сақталмады.",
                    "The request contains a character that cannot be stored (such as the NUL character U+0000). Nothing was stored."),
                Extensions = { ["code"] = "text.character-not-allowed" },
            },
            _ when CausedByDatabase(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = Text(language, "База данных недоступна", "Дерекқор қолжетімсіз", "Database unavailable"),
                Detail = Text(language,
                    "Сервис временно не может обратиться к базе данных. Ничего не сохранено; повторите запрос позже.",
                    "Сервис дерекқорға уақытша қол жеткізе алмайды. Ештеңе сақталмады; сұрауды кейінірек қайталаңыз.",
                    "The service cannot reach its database right now. Nothing was stored; retry the request later."),
            },
            _ => null,
        };

        if (problem is null)
        {
            return false;
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "Database unavailable while serving {Path}", httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = "5";
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The database could not be reached or cut the connection: an <see cref="NpgsqlException"/> or a timeout, also
    /// when wrapped — Marten's <c>MartenCommandException</c> when saving a session, Npgsql's
    /// <see cref="ObjectDisposedException"/> of a transaction whose connection broke (both seen when PostgreSQL
    /// restarts during an append, then answered 500).
    /// </summary>
    private static bool CausedByDatabase(Exception exception) => Find<NpgsqlException>(exception) is not null || Find<TimeoutException>(exception) is not null;

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string Text(string language, string ru, string kk, string en) => language switch
    {
        "kk" => kk,
        "en" => en,
        _ => ru,
    };
}
