using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Cases;

/// <summary>
/// A case request refused before it reaches the ledger (bad input, access, headers): an RFC 9457 problem with a
/// title and a detail in the reader's language (Russian, Kazakh or English) and a stable <c>code</c>.
/// </summary>
public sealed class CaseProblemException : Exception
{
    private CaseProblemException(int status, string code, string title, string detail) : base(detail)
    {
        Status = status;
        Code = code;
        Title = title;
    }

    public int Status { get; }

    public string Code { get; }

    public string Title { get; }

    public ProblemHttpResult ToResult(HttpContext context) => TypedResults.Problem(
        title: Title, detail: Message, statusCode: Status, type: "https://caseledger.example/problems/" + Code,
        instance: context?.Request.Path, extensions: new Dictionary<string, object?> { ["code"] = Code });

    public static string Text(string ru, string kk, string en) => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch
    {
        "kk" => kk,
        "en" => en,
        _ => ru,
    };

    public static CaseProblemException Create(int status, string code, (string Ru, string Kk, string En) title, (string Ru, string Kk, string En) detail) =>
        new(status, code, Text(title.Ru, title.Kk, title.En), Text(detail.Ru, detail.Kk, detail.En));

    private static readonly (string, string, string) BadRequestTitle =
        ("Запрос не может быть обработан", "Сұрауды өңдеу мүмкін емес", "The request cannot be processed");

    public static CaseProblemException BadRequest(string code, string ru, string kk, string en) =>
        Create(StatusCodes.Status400BadRequest, code, BadRequestTitle, (ru, kk, en));

    public static CaseProblemException CaseNotFound() => Create(
        StatusCodes.Status404NotFound, "case.unknown",
        ("Дело не найдено", "Іс табылмады", "Case not found"),
        ("Дело не найдено или у вас нет к нему доступа.", "Іс табылмады немесе сізде оған қолжетімділік жоқ.",
            "The case was not found, or you have no access to it."));

    public static CaseProblemException Forbidden(string ru, string kk, string en) => Create(
        StatusCodes.Status403Forbidden, "access.denied", ("Действие не разрешено", "Әрекетке рұқсат жоқ", "Not allowed"), (ru, kk, en));

    public static CaseProblemException ActionForbidden() => Forbidden(
        "Ваша роль в этом деле не позволяет выполнить это действие.",
        "Осы істегі рөліңіз бұл әрекетті орындауға мүмкіндік бермейді.",
        "Your role in this case does not allow this action.");

    public static CaseProblemException NotInOwnName() => Forbidden(
        "Вы можете действовать только от своего имени: не указывайте другого участника или судью.",
        "Сіз тек өз атыңыздан әрекет ете аласыз: басқа қатысушыны немесе судьяны көрсетпеңіз.",
        "You may act only in your own name: do not name another participant or judge.");

    public static CaseProblemException Unprocessable(string code, string ru, string kk, string en) => Create(
        StatusCodes.Status422UnprocessableEntity, code, ("Действие отклонено", "Әрекет қабылданбады", "The action was refused"), (ru, kk, en));
}
