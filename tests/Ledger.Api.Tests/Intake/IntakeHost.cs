using System.Net.Http.Headers;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Ledger.Api.Security;
using Ledger.Api.Tests.Cases;
using Npgsql;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Ledger.Api.Tests.Intake;

/// <summary>The case API host with helpers for intake: claims to file, filings to build (PDF, DOCX), submissions and decisions.</summary>
internal sealed class IntakeHost(CaseApiHost api)
{
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The intake limit the tests configure, so that "too large" needs no 20 MB upload.</summary>
    public const long MaxFileBytes = 300_000;

    public CaseApiHost Api { get; } = api;

    public static async Task<IntakeHost> StartAsync(StackFixture fixture, string database) =>
        new(await CaseApiHost.StartAsync(fixture, database, settings => settings["Intake:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public string Clerk(Guid clerkId, string court = CaseApiHost.Court) => Api.Token(Roles.Clerk, clerkId.ToString(), court, "Секретарь Абенова");

    /// <summary>A debt claim in Russian, as a PDF with a text layer (amount within the small-claims threshold of 2026).</summary>
    public static byte[] DebtClaimPdf(string claimant = "Ким Виктория Сергеевна") => Pdf(
        "В Бостандыкский районный суд г. Алматы",
        $"Истец: {claimant}, ИИН 061211600012, адрес: г. Алматы, Бостандыкский район, ул. Тимирязева, 42",
        "Ответчик: Абдрахманов Руслан, ИИН 791028302728, адрес: г. Алматы, Бостандыкский район, ул. Розыбакиева, 181",
        "ИСКОВОЕ ЗАЯВЛЕНИЕ о взыскании задолженности по договору займа",
        "Ответчик взял у меня в долг 350 000 тенге по договору займа от 10.06.2024 и обещал вернуть через три месяца.",
        "Срок прошёл, долг не возвращён. Руководствуясь ст. 148 ГПК РК,",
        "прошу суд взыскать с ответчика сумму займа 350 000 тенге.",
        "Приложение: договор займа; копия искового заявления для ответчика; квитанция об уплате госпошлины.");

    /// <summary>A consumer claim in Kazakh, as a DOCX.</summary>
    public static byte[] ConsumerClaimDocx() => DocxOf(
        "Алматы қаласы Медеу аудандық сотына",
        "Талапкер: Оспанова Айгүл, ЖСН 061211600012, мекенжайы: Алматы қаласы, Медеу ауданы, Достық даңғылы, 60",
        "Жауапкер: «Техно Әлем» ЖШС, БСН 791028302728, мекенжайы: Алматы қаласы, Медеу ауданы, Абай даңғылы, 15",
        "Тұтынушылардың құқықтарын қорғау туралы ТАЛАП АРЫЗ",
        "Мен 2025 жылғы 2 маусымда жауапкерден тоңазытқыш сатып алдым, ол бір аптадан кейін бұзылды. Сатушы тауарды ауыстырудан бас тартты.",
        "Тауардың құны 480 000 теңге. Жауапкерден 480 000 теңге өндіріп алуды сұраймын.",
        "Қосымша: чек, сатушыға талап хат, талап арыздың жауапкер үшін көшірмесі.");

    public static byte[] Pdf(params string[] lines)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "DejaVuSans.ttf")));
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var y = 800.0;
        foreach (var line in lines)
        {
            page.AddText(line, 8, new PdfPoint(30, y), font);
            y -= 14;
        }

        return builder.Build();
    }

    public static byte[] PdfWithoutText()
    {
        using var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.DrawRectangle(new PdfPoint(50, 50), 200, 100);
        return builder.Build();
    }

    public static byte[] DocxOf(params string[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs.Select(p => new Paragraph(new Run(new Text(p) { Space = SpaceProcessingModeValues.Preserve })))));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    /// <summary>Files a claim (as the court's system) in <paramref name="court"/>; the case waits for acceptance.</summary>
    public async Task<Guid> FileClaimAsync(string court = CaseApiHost.Court)
    {
        var caseId = Guid.NewGuid();
        var filed = await Api.PostAsync("/api/v1/cases/claims", Api.CourtSystem(court), new
        {
            caseId, kind = "civil", courtId = court, caseNumber = $"2-{Random.Shared.Next(1, 9999)}-{DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(5)):yy}",
            subject = "О взыскании долга",
            claimant = new { participantId = Guid.NewGuid(), role = "plaintiff", displayName = "Ким Виктория" },
            materials = new[] { CaseApiHost.Doc("claim-" + caseId, "claim") },
        });
        Assert.Equal(201, filed.Status);
        return caseId;
    }

    public static string FilingsPath(Guid caseId) => $"/api/v1/intake/cases/{caseId}/filings";

    public static string DecisionPath(Guid caseId, Guid assessmentId) => $"{FilingsPath(caseId)}/{assessmentId}/decision";

    /// <summary>Submits a file as multipart form data.</summary>
    public Task<CaseApiHost.Answer> SubmitAsync(
        Guid caseId, string token, byte[] content, string fileName, string mediaType, long? ifMatch = null, string? key = null,
        IEnumerable<(string Name, string Value)>? fields = null, bool withFile = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, FilingsPath(caseId).TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.AcceptLanguage.ParseAdd("ru");
        var form = new MultipartFormDataContent();
        if (withFile)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            form.Add(file, "file", fileName);
        }

        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }

        request.Content = form;
        if (ifMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        }

        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return Api.SendAsync(request);
    }

    public Task<CaseApiHost.Answer> DecideAsync(Guid caseId, Guid assessmentId, string token, object body, long? ifMatch = null, string? key = null) =>
        Api.PostAsync(DecisionPath(caseId, assessmentId), token, body, ifMatch, key);

    public async Task<JsonElement[]> QueueAsync(string token)
    {
        var queue = await Api.GetAsync("/api/v1/intake/queue", token);
        Assert.True(queue.Status == 200, queue.ToString());
        return [.. queue.Json.GetProperty("items").EnumerateArray()];
    }

    /// <summary>The stored payloads of the case's events of one type, oldest first.</summary>
    public async Task<JsonElement[]> EventsAsync(Guid caseId, string type)
    {
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select data::text from caseledger.mt_events where stream_id = @id and type = @type order by version", connection);
        command.Parameters.AddWithValue("id", caseId);
        command.Parameters.AddWithValue("type", type);
        var list = new List<JsonElement>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
        }

        return [.. list];
    }

    /// <summary>Rows in the ledger's tables and the document store: (entries, events, idempotency keys, documents).</summary>
    public async Task<(long Entries, long Events, long Keys, long Documents)> CountRowsAsync()
    {
        var (entries, events, keys) = await Api.CountRowsAsync();
        await using var connection = new NpgsqlConnection(Api.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("select to_regclass('ledger.documents') is not null", connection);
        var documents = 0L;
        if ((bool)(await exists.ExecuteScalarAsync())!)
        {
            await using var command = new NpgsqlCommand("select count(*) from ledger.documents", connection);
            documents = (long)(await command.ExecuteScalarAsync())!;
        }

        return (entries, events, keys, documents);
    }
}
