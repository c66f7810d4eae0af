using System.Globalization;
using System.Security.Claims;
using System.Text;
using CsvHelper;
using Ledger.Api.Hosting;
using Ledger.Api.Security;
using Ledger.Domain.Cases;
using Ledger.Domain.Statistics;
using Ledger.Domain.Terms;
using Ledger.Projections.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Ledger.Api.Endpoints;

/// <summary>The filter and period a statistics answer covers (as understood by the server).</summary>
public sealed record StatisticsScope(string? Court, string? Region, string? Kind, string? Category, Guid? Judge, DateOnly From, DateOnly To, DateTimeOffset AsOf);

/// <summary>How current the figures are: events projected, newest event, cases known.</summary>
public sealed record StatisticsFreshness(long ProjectedThrough, long HighWaterMark, long Behind, int Cases);

/// <summary>Headline figures (JSON of <c>GET /api/v1/statistics/summary</c>). Percentages are 0–100; null = not defined.</summary>
[CsvRecord]
public sealed partial record SummaryFigures(
    int Received, int Reopened, int Incoming, int Accepted, int Decided, int Resolved,
    int PendingStart, int PendingEnd, double? ClearanceRate, double? DispositionTimeDays, double? BacklogChange, double? Turnover,
    int PendingUnderTwoMonths, int PendingTwoToSixMonths, int PendingSixToTwelveMonths, int PendingOverTwelveMonths,
    int PendingOneToTwoYears, int PendingTwoToThreeYears, int PendingThreeToFiveYears, int PendingFiveToTenYears, int PendingOverTenYears,
    int PendingOverOneYear, int PendingOverTwoYears, int PendingOverThreeYears,
    int TermsEnded, double? ShareWithinTerm, int DecidedPastTerm,
    int PendingNow, int SuspendedNow, int ActivePendingNow, int PastTermNow,
    int AppealsFiled, int AppealsDecided, int SetAsideOnAppeal, int SetAside, int Suspended, int Resumed);

public sealed record TermRow(string Kind, int Ended, int WithinTerm, int Late, double? ShareWithinTerm, double? MeanNetDays);

public sealed record SuspensionRow(string Ground, string CaseKind, int CurrentCount, double? CurrentMeanDays, double? CurrentLongestDays, int EndedCount, double? MeanDays, double? MedianDays);

public sealed record SummaryResponse(StatisticsScope Scope, StatisticsFreshness Freshness, SummaryFigures Figures, IReadOnlyList<TermRow> Terms, IReadOnlyList<SuspensionRow> Suspensions);

/// <summary>One period of a series: flows, the pending caseload at its start and end, and the CEPEJ indicators of the period (<c>Days</c> = its days inside the range asked).</summary>
[CsvRecord]
public sealed partial record SeriesRow(
    DateOnly PeriodStart, int Days, int Received, int Reopened, int Incoming, int Accepted, int Decided, int Resolved, int PendingStart, int PendingEnd,
    double? ClearanceRate, double? DispositionTimeDays, double? Turnover, double? BacklogChange,
    int Suspended, int Resumed, int AppealsFiled, int AppealsDecided, int SetAsideOnAppeal, int SetAside);

public sealed record SeriesResponse(StatisticsScope Scope, StatisticsFreshness Freshness, string Interval, IReadOnlyList<SeriesRow> Points);

[CsvRecord]
public sealed partial record CourtRow(
    string CourtId, string NameRu, string NameEn, string Region, int Cases, int Received, int Incoming, int Accepted, int Resolved, int Decided,
    int PendingStart, int PendingEnd, double? ClearanceRate, double? DispositionTimeDays, double? Turnover, double? BacklogChange,
    double? ShareWithinTerm, int DecidedPastTerm, int PendingNow, int SuspendedNow, int PastTermNow, int PendingOverOneYear,
    int AppealsFiled, int AppealsDecided, int SetAsideOnAppeal, int SetAside);

public sealed record CourtsResponse(StatisticsScope Scope, StatisticsFreshness Freshness, IReadOnlyList<CourtRow> Courts);

/// <summary>A row of a comparison by category (<c>Key</c> = the category) or by judge (<c>Key</c> = the judge's id, never a name).</summary>
[CsvRecord]
public sealed partial record BreakdownRow(
    string Key, string CourtId, string Region, int Cases, int Received, int Incoming, int Accepted, int Resolved, int Decided,
    int PendingStart, int PendingEnd, double? ClearanceRate, double? DispositionTimeDays, double? Turnover, double? BacklogChange,
    double? ShareWithinTerm, int DecidedPastTerm, int PendingNow, int SuspendedNow, int PastTermNow, int PendingOverOneYear,
    int AppealsFiled, int AppealsDecided, int SetAsideOnAppeal, int SetAside);

public sealed record BreakdownResponse(StatisticsScope Scope, StatisticsFreshness Freshness, string By, IReadOnlyList<BreakdownRow> Rows);

/// <summary>A row of the drill-down list: a late case (term, due day, days overdue) or a suspended one (ground, since, days).</summary>
[CsvRecord]
public sealed partial record CaseRow(string CaseNumber, string CourtId, string Kind, string Category, string Reason, DateOnly Since, int Days, bool Suspended);

public sealed record CasesResponse(StatisticsScope Scope, StatisticsFreshness Freshness, string List, int Count, IReadOnlyList<CaseRow> Cases);

public sealed record CourtOption(string Id, string NameRu, string NameEn, string Region);

public sealed record OptionsResponse(IReadOnlyList<CourtOption> Courts, IReadOnlyList<string> Regions, IReadOnlyList<string> Kinds, IReadOnlyList<string> Categories, DateOnly Today, bool CourtFixed);

/// <summary>
/// The situation center's API: live indicators of the courts for analysts and court chairs (a chair sees only the court in
/// their token's <c>court</c> claim). Figures never carry names or identity numbers; case numbers appear only in the
/// drill-down list. Every answer is also available as CSV (<c>?format=csv</c>).
/// </summary>
public static class StatisticsApi
{
    public const string Policy = "situation-center";

    public static IServiceCollection AddSituationCenter(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SituationCenter(sp.GetRequiredService<Npgsql.NpgsqlDataSource>()));
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireRole(Roles.Analyst, Roles.CourtChair));
        return services;
    }

    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/statistics").WithTags("Statistics")
            .RequireAuthorization(Policy)
            .AddEndpointFilter(LedgerReady.Filter);
        group.MapGet("/options", GetOptions).WithSummary("Courts, regions, kinds and categories the caller may filter by.");
        group.MapGet("/summary", GetSummaryAsync).WithSummary("Headline figures: flows, CEPEJ indicators, age of pending cases, terms, suspensions, appeals.");
        group.MapGet("/series", GetSeriesAsync).WithSummary("Received, decided, resolved and pending per day, week or month.");
        group.MapGet("/courts", GetCourtsAsync).WithSummary("The indicators per court, for comparison.");
        group.MapGet("/breakdown", GetBreakdownAsync).WithSummary("The indicators per category (by=category) or per judge (by=judge, the judge's id only).");
        group.MapGet("/cases", GetCasesAsync).WithSummary("Drill-down: pending cases past a court term (list=late) or suspended (list=suspended).");

        // Development only: the dashboard's "get a development token" button (an analyst token signed with the local key).
        if (endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            endpoints.MapPost("/api/v1/statistics/dev-token", (IConfiguration configuration) =>
                AccessTokens.ReadSigningKey(configuration) is { } key
                    ? Results.Text(AccessTokens.Issue(key, AccessTokens.Issuer(configuration), AccessTokens.Audience(configuration),
                        "situation-dev-analyst", [Roles.Analyst], lifetime: TimeSpan.FromHours(8)), "text/plain")
                    : Results.NotFound()).ExcludeFromDescription();
        }

        return endpoints;
    }

    public static IResult GetOptions(ClaimsPrincipal user, SituationCenter center)
    {
        var chairCourt = ChairCourt(user);
        var courts = CourtRegistry.FirstInstance.Where(c => chairCourt is null || c.Id == chairCourt)
            .Select(c => new CourtOption(c.Id, c.NameRu, c.NameEn, c.Region)).ToArray();
        return TypedResults.Ok(new OptionsResponse(
            courts,
            courts.Select(c => c.Region).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
            Enum.GetValues<CaseKind>().Select(CaseNames.Of).ToArray(),
            Enum.GetValues<CaseCategory>().Select(CaseNames.Of).ToArray(),
            TermCalculator.Default.LocalDate(center.Now),
            chairCourt is not null));
    }

    public static async Task<IResult> GetSummaryAsync(HttpContext http, SituationCenter center, IStringLocalizer<SituationText> t, CancellationToken cancellationToken)
    {
        if (!TryScope(http, center, t, out var scope, out var filter, out var problem))
        {
            return problem!;
        }

        await center.EnsureFreshAsync(cancellationToken);
        var s = center.Summary(filter!, new ReportPeriod(scope!.From, scope.To));
        var f = s.Flows;
        var figures = new SummaryFigures(
            f.Received, f.Reopened, f.Incoming, f.Accepted, f.Decided, f.Resolved, s.PendingStart, s.PendingEnd,
            Round(s.ClearanceRate), Round(s.DispositionTimeDays), Round(s.BacklogChange, 4), Round(s.Turnover, 4),
            s.PendingAge.UnderTwoMonths, s.PendingAge.TwoToSixMonths, s.PendingAge.SixToTwelveMonths, s.PendingAge.OverTwelveMonths,
            s.PendingAge.OneToTwoYears, s.PendingAge.TwoToThreeYears, s.PendingAge.ThreeToFiveYears, s.PendingAge.FiveToTenYears, s.PendingAge.OverTenYears,
            s.PendingAge.OverOneYear, s.PendingAge.OverTwoYears, s.PendingAge.OverThreeYears,
            s.TermsEnded, Round(s.ShareWithinTerm), s.DecidedPastTerm, s.PendingNow, s.SuspendedNow, s.ActivePendingNow, s.PastTermNow,
            f.AppealsFiled, f.AppealsDecided, f.SetAsideOnAppeal, f.SetAside, f.Suspended, f.Resumed);
        var terms = s.Terms.Select(x => new TermRow(x.Kind, x.Ended, x.WithinTerm, x.Late, Round(x.ShareWithinTerm), Round(x.MeanNetDays))).ToArray();
        var suspensions = s.Suspensions.Select(x => new SuspensionRow(
            x.Ground.ToString(), TermRuleBook.Default.Ground(x.Ground.ToString())?.CaseKind ?? "", x.CurrentCount, Round(x.CurrentMeanDays),
            Round(x.CurrentLongestDays), x.EndedCount, Round(x.MeanDays), Round(x.MedianDays))).ToArray();
        var response = new SummaryResponse(scope with { AsOf = center.Now }, Freshness(center), figures, terms, suspensions);
        return Wants(http, "csv")
            ? Csv("summary", w => w.WriteRecords([figures]))
            : TypedResults.Ok(response);
    }

    public static async Task<IResult> GetSeriesAsync(HttpContext http, SituationCenter center, IStringLocalizer<SituationText> t, CancellationToken cancellationToken)
    {
        if (!TryScope(http, center, t, out var scope, out var filter, out var problem))
        {
            return problem!;
        }

        var intervalText = http.Request.Query["interval"].ToString();
        if (!Enum.TryParse<SeriesInterval>(string.IsNullOrEmpty(intervalText) ? "day" : intervalText, ignoreCase: true, out var interval)
            || !Enum.IsDefined(interval))
        {
            return Problem(t["Stats_Error_Interval"]);
        }

        await center.EnsureFreshAsync(cancellationToken);
        var rows = center.Series(filter!, new ReportPeriod(scope!.From, scope.To), interval)
            .Select(p => new SeriesRow(p.PeriodStart, p.Days, p.Counts.Received, p.Counts.Reopened, p.Counts.Incoming, p.Counts.Accepted, p.Counts.Decided,
                p.Counts.Resolved, p.PendingStart, p.PendingEnd, Round(p.ClearanceRate), Round(p.DispositionTimeDays), Round(p.Turnover, 4), Round(p.BacklogChange, 4),
                p.Counts.Suspended, p.Counts.Resumed, p.Counts.AppealsFiled, p.Counts.AppealsDecided, p.Counts.SetAsideOnAppeal, p.Counts.SetAside))
            .ToArray();
        return Wants(http, "csv")
            ? Csv("series", w => w.WriteRecords(rows))
            : TypedResults.Ok(new SeriesResponse(scope with { AsOf = center.Now }, Freshness(center), interval.ToString().ToLowerInvariant(), rows));
    }

    public static async Task<IResult> GetCourtsAsync(HttpContext http, SituationCenter center, IStringLocalizer<SituationText> t, CancellationToken cancellationToken)
    {
        if (!TryScope(http, center, t, out var scope, out var filter, out var problem))
        {
            return problem!;
        }

        await center.EnsureFreshAsync(cancellationToken);
        var rows = center.Courts(filter!, new ReportPeriod(scope!.From, scope.To))
            .Select(c =>
            {
                var court = CourtRegistry.Find(c.CourtId);
                return new CourtRow(c.CourtId, court?.NameRu ?? c.CourtId, court?.NameEn ?? c.CourtId, c.Region, c.Cases, c.Received, c.Incoming, c.Accepted,
                    c.Resolved, c.Decided, c.PendingStart, c.PendingEnd, Round(c.ClearanceRate), Round(c.DispositionTimeDays), Round(c.Turnover, 4),
                    Round(c.BacklogChange, 4), Round(c.ShareWithinTerm), c.DecidedPastTerm, c.PendingNow, c.SuspendedNow, c.PastTermNow,
                    c.PendingOverOneYear, c.AppealsFiled, c.AppealsDecided, c.SetAsideOnAppeal, c.SetAside);
            })
            .ToArray();
        return Wants(http, "csv")
            ? Csv("courts", w => w.WriteRecords(rows))
            : TypedResults.Ok(new CourtsResponse(scope with { AsOf = center.Now }, Freshness(center), rows));
    }

    public static async Task<IResult> GetBreakdownAsync(HttpContext http, SituationCenter center, IStringLocalizer<SituationText> t, CancellationToken cancellationToken)
    {
        if (!TryScope(http, center, t, out var scope, out var filter, out var problem))
        {
            return problem!;
        }

        BreakdownBy? by = http.Request.Query["by"].ToString() switch
        {
            "category" => BreakdownBy.Category,
            "judge" => BreakdownBy.Judge,
            "court" => BreakdownBy.Court,
            _ => null,
        };
        if (by is null)
        {
            return Problem(t["Stats_Error_Breakdown"]);
        }

        await center.EnsureFreshAsync(cancellationToken);
        var rows = center.Breakdown(filter!, new ReportPeriod(scope!.From, scope.To), by.Value)
            .Select(c => new BreakdownRow(
                by == BreakdownBy.Category && Enum.TryParse<CaseCategory>(c.Key, out var category) ? CaseNames.Of(category) : c.Key,
                c.CourtId, c.Region, c.Cases, c.Received, c.Incoming, c.Accepted, c.Resolved, c.Decided, c.PendingStart, c.PendingEnd,
                Round(c.ClearanceRate), Round(c.DispositionTimeDays), Round(c.Turnover, 4), Round(c.BacklogChange, 4), Round(c.ShareWithinTerm),
                c.DecidedPastTerm, c.PendingNow, c.SuspendedNow, c.PastTermNow, c.PendingOverOneYear, c.AppealsFiled, c.AppealsDecided,
                c.SetAsideOnAppeal, c.SetAside))
            .ToArray();
        var name = by.Value.ToString().ToLowerInvariant();
        return Wants(http, "csv")
            ? Csv("breakdown-" + name, w => w.WriteRecords(rows))
            : TypedResults.Ok(new BreakdownResponse(scope with { AsOf = center.Now }, Freshness(center), name, rows));
    }

    public static async Task<IResult> GetCasesAsync(HttpContext http, SituationCenter center, IStringLocalizer<SituationText> t, CancellationToken cancellationToken)
    {
        if (!TryScope(http, center, t, out var scope, out var filter, out var problem))
        {
            return problem!;
        }

        var list = http.Request.Query["list"].ToString();
        if (list is not ("late" or "suspended"))
        {
            return Problem(t["Stats_Error_List"]);
        }

        var limit = int.TryParse(http.Request.Query["limit"], CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 5000) : 500;
        await center.EnsureFreshAsync(cancellationToken);
        var rows = list == "late"
            ? center.LateCases(filter!, limit).Select(c => new CaseRow(c.CaseNumber, c.CourtId, CaseNames.Of(c.Kind), CaseNames.Of(c.Category), c.TermKind, c.DueOn, c.DaysOverdue, c.Suspended)).ToArray()
            : center.SuspendedCases(filter!, limit).Select(c => new CaseRow(c.CaseNumber, c.CourtId, CaseNames.Of(c.Kind), CaseNames.Of(c.Category), c.Ground.ToString(), c.Since, c.Days, true)).ToArray();
        return Wants(http, "csv")
            ? Csv("cases-" + list, w => w.WriteRecords(rows))
            : TypedResults.Ok(new CasesResponse(scope! with { AsOf = center.Now }, Freshness(center), list, rows.Length, rows));
    }

    /// <summary>The court a court chair is limited to (their <c>court</c> claim); null for analysts, who see every court.</summary>
    private static string? ChairCourt(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Analyst) ? null : user.FindFirst(LedgerClaims.Court)?.Value ?? "";

    private static bool TryScope(
        HttpContext http, SituationCenter center, IStringLocalizer<SituationText> t,
        out StatisticsScope? scope, out StatisticsFilter? filter, out IResult? problem)
    {
        scope = null;
        filter = null;
        problem = null;
        var q = http.Request.Query;
        var court = Text(q["court"]);
        var region = Text(q["region"]);
        var chairCourt = ChairCourt(http.User);
        if (chairCourt is not null)
        {
            if (chairCourt.Length == 0 || (court is not null && court != chairCourt))
            {
                problem = TypedResults.Problem(title: t["Stats_Error_OtherCourt_Title"], detail: t["Stats_Error_OtherCourt"], statusCode: StatusCodes.Status403Forbidden);
                return false;
            }

            court = chairCourt;
        }

        if (court is not null && CourtRegistry.Find(court) is not { Level: CourtLevel.District })
        {
            problem = Problem(t["Stats_Error_Court"]);
            return false;
        }

        CaseKind? kind = null;
        if (Text(q["kind"]) is { } kindText)
        {
            kind = Enum.GetValues<CaseKind>().Cast<CaseKind?>().FirstOrDefault(k => CaseNames.Of(k!.Value) == kindText);
            if (kind is null)
            {
                problem = Problem(t["Stats_Error_Kind"]);
                return false;
            }
        }

        CaseCategory? category = null;
        if (Text(q["category"]) is { } categoryText)
        {
            category = Enum.GetValues<CaseCategory>().Cast<CaseCategory?>().FirstOrDefault(c => CaseNames.Of(c!.Value) == categoryText);
            if (category is null)
            {
                problem = Problem(t["Stats_Error_Category"]);
                return false;
            }
        }

        Guid? judge = null;
        if (Text(q["judge"]) is { } judgeText)
        {
            if (!Guid.TryParse(judgeText, out var judgeId))
            {
                problem = Problem(t["Stats_Error_Judge"]);
                return false;
            }

            judge = judgeId;
        }

        var today = TermCalculator.Default.LocalDate(center.Now);
        if (!TryDate(q["to"], today, out var to) || !TryDate(q["from"], to.AddDays(-364), out var from) || from > to || to.DayNumber - from.DayNumber > 3660)
        {
            problem = Problem(t["Stats_Error_Period"]);
            return false;
        }

        scope = new StatisticsScope(court, region, kind is null ? null : CaseNames.Of(kind.Value), category is null ? null : CaseNames.Of(category.Value), judge, from, to, center.Now);
        filter = new StatisticsFilter(court is null ? null : [court], region, kind, category, judge);
        return true;
    }

    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) =>
        string.IsNullOrWhiteSpace(value.ToString()) ? null : value.ToString().Trim();

    private static bool TryDate(Microsoft.Extensions.Primitives.StringValues value, DateOnly fallback, out DateOnly date)
    {
        if (Text(value) is not { } text)
        {
            date = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static bool Wants(HttpContext http, string format) =>
        string.Equals(http.Request.Query["format"].ToString(), format, StringComparison.OrdinalIgnoreCase);

    private static StatisticsFreshness Freshness(SituationCenter center)
    {
        var s = center.Status;
        return new StatisticsFreshness(s.ProjectedThrough, s.HighWaterMark, s.Behind, s.Cases);
    }

    private static double? Round(double? value, int digits = 2) => value is null ? null : Math.Round(value.Value, digits, MidpointRounding.AwayFromZero);

    private static ProblemHttpResult Problem(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static FileContentHttpResult Csv(string name, Action<CsvWriter> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, null, true))
        {
            write(csv);
        }

        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(),
            "text/csv; charset=utf-8", $"situation-{name}.csv");
    }
}
