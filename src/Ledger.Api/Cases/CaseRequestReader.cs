using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Ledger.Api.Security;
using Ledger.Domain.Integrity;
using Microsoft.Net.Http.Headers;

namespace Ledger.Api.Cases;

/// <summary>A case command request, read and checked: the body, the headers that steer the append and the request hash.</summary>
public sealed record CaseRequest<T>(T Body, long? ExpectedVersion, string? IdempotencyKey, byte[] RequestHash, DateTimeOffset? OccurredAt);

/// <summary>
/// Reads case command requests strictly: JSON only (<c>application/json</c>), no unknown fields, every required field
/// present and of the right type, enum values by name. Every refusal is a 400/415 problem that says what to fix.
/// Headers: <c>If-Match</c> (the expected case version, as given by <c>ETag</c>), <c>Idempotency-Key</c>
/// (at most 200 visible ASCII characters) and <c>X-Occurred-At</c> (court systems only, when
/// <c>Cases:AllowBackdating</c> is on: the time the act happened, for loading a court's history).
/// The request hash stored with the idempotency key is SHA-256 over method, path, the RFC 8785 canonical body and
/// the <c>X-Occurred-At</c> value.
/// </summary>
public static partial class CaseRequestReader
{
    public const string OccurredAtHeader = "X-Occurred-At";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The JSON options of case requests.</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

    public static async Task<CaseRequest<T>> ReadAsync<T>(HttpContext context, bool bodyOptional = false)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var expectedVersion = ReadIfMatch(request);
        var key = ReadIdempotencyKey(request, context.User);
        var occurredAt = ReadOccurredAt(context);

        var bytes = await ReadBodyAsync(request, context.RequestAborted);
        if (bytes.Length == 0)
        {
            if (!bodyOptional)
            {
                throw CaseProblemException.BadRequest(
                    "body.missing", "Запрос должен содержать тело в формате JSON.", "Сұрауда JSON пішіміндегі дене болуы керек.",
                    "The request needs a JSON body.");
            }

            bytes = "{}"u8.ToArray();
        }
        else if (!IsJson(request.ContentType))
        {
            throw CaseProblemException.Create(
                StatusCodes.Status415UnsupportedMediaType, "body.content-type",
                ("Неподдерживаемый тип содержимого", "Қолдау көрсетілмейтін мазмұн түрі", "Unsupported content type"),
                ($"Тело запроса должно быть в формате JSON (Content-Type: application/json), а не «{request.ContentType}».",
                    $"Сұрау денесі JSON пішімінде болуы керек (Content-Type: application/json), «{request.ContentType}» емес.",
                    $"The request body must be JSON (Content-Type: application/json), not \"{request.ContentType}\"."));
        }

        JsonElement element;
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
            element = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line && ex.BytePositionInLine is { } position
                ? $" ({line + 1}:{position + 1})" : string.Empty;
            throw CaseProblemException.BadRequest(
                "body.malformed", $"Тело запроса — не корректный JSON{where}.", $"Сұрау денесі дұрыс JSON емес{where}.",
                $"The request body is not valid JSON{where}.");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw CaseProblemException.BadRequest(
                "body.not-object", "Тело запроса должно быть JSON-объектом { … }.", "Сұрау денесі JSON нысаны { … } болуы керек.",
                "The request body must be a JSON object { … }.");
        }

        T? body;
        try
        {
            body = element.Deserialize<T>(Json);
        }
        catch (JsonException ex)
        {
            throw Explain(ex);
        }

        if (body is null)
        {
            throw CaseProblemException.BadRequest("body.missing", "Тело запроса пустое.", "Сұрау денесі бос.", "The request body is empty.");
        }

        var hash = RequestHash(request.Method, request.Path.Value ?? "/", JsonCanonicalizer.Canonicalize(element), occurredAt);
        return new CaseRequest<T>(body, expectedVersion, key, hash, occurredAt);
    }

    /// <summary>SHA-256 of method, path, canonical body and backdated time, each on its own line.</summary>
    public static byte[] RequestHash(string method, string path, byte[] canonicalBody, DateTimeOffset? occurredAt)
    {
        ArgumentNullException.ThrowIfNull(canonicalBody);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()}\n{path}\n"));
        hash.AppendData(canonicalBody);
        hash.AppendData(Encoding.UTF8.GetBytes("\n" + occurredAt?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)));
        return hash.GetHashAndReset();
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && (parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || parsed.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true)
        && (!parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw TooLarge();
            }
        }

        return buffer.ToArray();
    }

    private static CaseProblemException TooLarge() => CaseProblemException.Create(
        StatusCodes.Status413PayloadTooLarge, "body.too-large",
        ("Запрос слишком большой", "Сұрау тым үлкен", "Request too large"),
        ("Тело запроса команды больше 1 МБ. Документы загружайте отдельно, а в команде указывайте их хеш.",
            "Команда сұрауының денесі 1 МБ-тан үлкен. Құжаттарды бөлек жүктеп, командада олардың хешін көрсетіңіз.",
            "The command body is larger than 1 MB. Upload documents separately and reference them by hash."));

    internal static long? ReadIfMatch(HttpRequest request)
    {
        var text = request.Headers.IfMatch.ToString().Trim();
        if (text.Length == 0 || text == "*")
        {
            return null;
        }

        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        text = text.Trim('"');
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        throw CaseProblemException.BadRequest(
            "if-match.invalid",
            $"Заголовок If-Match должен содержать версию дела из ETag, например \"5\"; получено «{text}».",
            $"If-Match тақырыбында ETag-тан алынған іс нұсқасы болуы керек, мысалы \"5\"; алынғаны «{text}».",
            $"The If-Match header must carry the case version from the ETag, e.g. \"5\"; got \"{text}\".");
    }

    internal static string? ReadIdempotencyKey(HttpRequest request, System.Security.Claims.ClaimsPrincipal user)
    {
        if (!request.Headers.TryGetValue(IdempotencyKeyHeader, out var values))
        {
            return null;
        }

        var key = values.ToString();
        if (key.Length is 0 or > 200 || !VisibleAscii().IsMatch(key))
        {
            throw CaseProblemException.BadRequest(
                "idempotency-key.invalid",
                "Ключ идемпотентности (Idempotency-Key) должен состоять из 1–200 видимых символов ASCII, например UUID.",
                "Идемпотенттілік кілті (Idempotency-Key) 1–200 көрінетін ASCII таңбасынан тұруы керек, мысалы UUID.",
                "The Idempotency-Key must be 1 to 200 visible ASCII characters, for example a UUID.");
        }

        // Keys are the caller's own: two callers choosing the same key never see each other's results.
        var subject = user.FindFirst(LedgerClaims.Subject)?.Value ?? "";
        return $"{subject}|{key}";
    }

    private static DateTimeOffset? ReadOccurredAt(HttpContext context)
    {
        var text = context.Request.Headers[OccurredAtHeader].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (!context.User.IsInRole(Roles.CourtSystem))
        {
            throw CaseProblemException.Forbidden(
                "Указывать время события (X-Occurred-At) может только информационная система суда.",
                "Оқиға уақытын (X-Occurred-At) тек соттың ақпараттық жүйесі көрсете алады.",
                "Only a court system may give the time of the act (X-Occurred-At).");
        }

        var configuration = context.RequestServices.GetRequiredService<IConfiguration>();
        if (!configuration.GetValue("Cases:AllowBackdating", false))
        {
            throw CaseProblemException.Forbidden(
                "Запись событий прошедшим временем (X-Occurred-At) на этом сервере отключена.",
                "Бұл серверде оқиғаларды өткен уақытпен жазу (X-Occurred-At) өшірілген.",
                "Recording acts at an earlier time (X-Occurred-At) is turned off on this server.");
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) || !text.Contains('T', StringComparison.Ordinal))
        {
            throw CaseProblemException.BadRequest(
                "occurred-at.invalid",
                $"X-Occurred-At должен быть временем ISO 8601 со смещением, например 2025-03-14T10:00:00+05:00; получено «{text}».",
                $"X-Occurred-At ығысуы бар ISO 8601 уақыты болуы керек, мысалы 2025-03-14T10:00:00+05:00; алынғаны «{text}».",
                $"X-Occurred-At must be an ISO 8601 time with offset, e.g. 2025-03-14T10:00:00+05:00; got \"{text}\".");
        }

        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (at > now.AddMinutes(1))
        {
            throw CaseProblemException.Unprocessable(
                "occurred-at.future", "Время события не может быть в будущем.", "Оқиға уақыты болашақта болмауы керек.",
                "The time of the act cannot be in the future.");
        }

        return at;
    }

    private static CaseProblemException Explain(JsonException ex)
    {
        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        var message = ex.Message;
        var names = QuotedName().Matches(message).Select(m => m.Groups[1].Value).Where(n => !n.Contains('.', StringComparison.Ordinal)).ToArray();
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var field = names.FirstOrDefault() ?? path;
            return CaseProblemException.BadRequest(
                "body.unknown-field",
                $"Поле «{field}» ({path}) не предусмотрено этим запросом. Уберите его или проверьте написание.",
                $"«{field}» өрісі ({path}) бұл сұрауда қарастырылмаған. Оны алып тастаңыз немесе жазылуын тексеріңіз.",
                $"The field \"{field}\" ({path}) is not part of this request. Remove it or check its spelling.");
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var fields = string.Join(", ", names);
            return CaseProblemException.BadRequest(
                "body.missing-field",
                $"Не заполнены обязательные поля: {fields} ({path}).",
                $"Міндетті өрістер толтырылмаған: {fields} ({path}).",
                $"Required fields are missing: {fields} ({path}).");
        }

        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("nullab", StringComparison.OrdinalIgnoreCase))
        {
            return CaseProblemException.BadRequest(
                "body.null-field", $"Поле {path} не может быть null.", $"{path} өрісі null бола алмайды.", $"The field {path} cannot be null.");
        }

        return CaseProblemException.BadRequest(
            "body.wrong-type",
            $"Значение поля {path} имеет неверный тип или формат (идентификаторы — UUID, время — ISO 8601, числа — без кавычек, перечисления — по имени).",
            $"{path} өрісінің мәні дұрыс емес түрде немесе пішімде (идентификаторлар — UUID, уақыт — ISO 8601, сандар — тырнақшасыз, тізімдер — атауымен).",
            $"The value of {path} has the wrong type or format (ids are UUIDs, times ISO 8601, numbers unquoted, enumerations by name).");
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            NumberHandling = JsonNumberHandling.Strict,
            PropertyNameCaseInsensitive = false,
            AllowTrailingCommas = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    [GeneratedRegex("^[\\x21-\\x7E]+$", RegexOptions.CultureInvariant)]
    private static partial Regex VisibleAscii();

    [GeneratedRegex("'([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedName();
}
