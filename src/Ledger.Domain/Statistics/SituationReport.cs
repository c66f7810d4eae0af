using Ledger.Domain.Cases;
using Ledger.Domain.Terms;

namespace Ledger.Domain.Statistics;

/// <summary>Which cases a figure covers. Null members do not filter.</summary>
public sealed record StatisticsFilter(
    IReadOnlyCollection<string>? Courts = null,
    string? Region = null,
    CaseKind? Kind = null,
    CaseCategory? Category = null,
    Guid? JudgeId = null)
{
    public static StatisticsFilter All { get; } = new();

    public bool Matches(CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return (Courts is null || Courts.Contains(facts.CourtId))
            && (Region is null || string.Equals(Region, facts.Region, StringComparison.OrdinalIgnoreCase))
            && (Kind is null || Kind == facts.Kind)
            && (Category is null || Category == facts.Category)
            && (JudgeId is null || JudgeId == facts.JudgeId);
    }
}

/// <summary>A reporting period of civil days, both ends included.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    public bool Contains(DateOnly day) => day >= From && day <= To;
}

/// <summary>Term figures for one kind of court term (acceptance, consideration) ended in the period.</summary>
public sealed record TermFigures(string Kind, int Ended, int WithinTerm, int Late, double? ShareWithinTerm, double? MeanNetDays);

/// <summary>Suspension figures for one ground: suspended now (with the mean duration so far) and ended suspensions.</summary>
public sealed record SuspensionFigures(
    SuspensionGround Ground, int CurrentCount, double? CurrentMeanDays, double? CurrentLongestDays, int EndedCount, double? MeanDays, double? MedianDays);

/// <summary>
/// The headline figures for a filter and period. Flows (received … set aside) count what happened in the period;
/// PendingStart/End are the pending caseload at the start of the first day and the end of the last; the age
/// distribution is that of the cases pending at the end. "Now" figures (suspended, past term) are at <see cref="AsOf"/>.
/// </summary>
public sealed record SituationSummary(
    DateOnly From,
    DateOnly To,
    DateTimeOffset AsOf,
    int Cases,
    FlowCounts Flows,
    int Incoming,
    int PendingStart,
    int PendingEnd,
    double? ClearanceRate,
    double? DispositionTimeDays,
    double? BacklogChange,
    double? Turnover,
    AgeDistribution PendingAge,
    IReadOnlyList<TermFigures> Terms,
    int DecidedPastTerm,
    int TermsEnded,
    double? ShareWithinTerm,
    int PendingNow,
    int SuspendedNow,
    int ActivePendingNow,
    int PastTermNow,
    IReadOnlyList<SuspensionFigures> Suspensions);

/// <summary>How a comparison table splits the cases: by court, by category of case, or by judge (a judge is a GUID, never a name).</summary>
public enum BreakdownBy
{
    Court,
    Category,
    Judge,
}

/// <summary>
/// One row of a comparison (per court, category or judge): the period's flows, the pending caseload, the CEPEJ indicators
/// and the "now" figures. <see cref="Key"/> is the court id, the category, or the judge's id ("" for cases without a judge).
/// </summary>
public sealed record BreakdownFigures(
    string Key,
    string CourtId,
    string Region,
    int Cases,
    int Received,
    int Incoming,
    int Accepted,
    int Resolved,
    int Decided,
    int PendingStart,
    int PendingEnd,
    double? ClearanceRate,
    double? DispositionTimeDays,
    double? Turnover,
    double? BacklogChange,
    double? ShareWithinTerm,
    int DecidedPastTerm,
    int PendingNow,
    int SuspendedNow,
    int PastTermNow,
    int PendingOverOneYear,
    int AppealsFiled,
    int AppealsDecided,
    int SetAsideOnAppeal,
    int SetAside)
{
    public static BreakdownFigures Of(string key, string courtId, string region, SituationSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new BreakdownFigures(key, courtId, region, s.Cases, s.Flows.Received, s.Incoming, s.Flows.Accepted, s.Flows.Resolved, s.Flows.Decided,
            s.PendingStart, s.PendingEnd, s.ClearanceRate, s.DispositionTimeDays, s.Turnover, s.BacklogChange, s.ShareWithinTerm, s.DecidedPastTerm,
            s.PendingNow, s.SuspendedNow, s.PastTermNow, s.PendingAge.OverOneYear, s.Flows.AppealsFiled, s.Flows.AppealsDecided,
            s.Flows.SetAsideOnAppeal, s.Flows.SetAside);
    }
}

/// <summary>The row of a breakdown and its place in the listing (court order, then the key; categories by declared order).</summary>
internal readonly record struct BreakdownKey(int CourtOrder, string CourtId, string Key, int CategoryOrder) : IComparable<BreakdownKey>
{
    public int CompareTo(BreakdownKey other)
    {
        var c = CourtOrder.CompareTo(other.CourtOrder);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(CourtId, other.CourtId);
        if (c != 0)
        {
            return c;
        }

        c = CategoryOrder.CompareTo(other.CategoryOrder);
        return c != 0 ? c : string.CompareOrdinal(Key, other.Key);
    }
}

/// <summary>A pending case past a court term at the moment asked (drill-down list).</summary>
public sealed record LateCase(string CaseNumber, string CourtId, CaseKind Kind, CaseCategory Category, string TermKind, DateOnly DueOn, int DaysOverdue, bool Suspended);

/// <summary>A suspended case (drill-down list): ground, since when and for how many days so far.</summary>
public sealed record SuspendedCase(string CaseNumber, string CourtId, CaseKind Kind, CaseCategory Category, SuspensionGround Ground, DateOnly Since, int Days);

/// <summary>
/// Computes every situation-center figure from case facts (pure). The same code serves the API, the CSV export and the
/// dashboard, so the page shows exactly what the API returns.
/// </summary>
public static class SituationReport
{
    public static SituationSummary Summary(IEnumerable<CaseFacts> facts, StatisticsFilter filter, ReportPeriod period, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(period);
        var flows = FlowCounts.Zero;
        int cases = 0, pendingStart = 0, pendingEnd = 0, pendingNow = 0, suspendedNow = 0, pastTermNow = 0;
        var ages = new List<DateOnly>();
        var terms = new Dictionary<string, (int Ended, int Within, double NetSum)>(StringComparer.Ordinal);
        var current = new Dictionary<SuspensionGround, List<double>>();
        var ended = new Dictionary<SuspensionGround, List<double>>();
        foreach (var f in facts)
        {
            if (!filter.Matches(f))
            {
                continue;
            }

            cases++;
            var (before, inPeriod) = Split(f, period);
            flows += inPeriod;
            pendingStart += before;
            pendingEnd += before + inPeriod.PendingChange;
            if (before + inPeriod.PendingChange > 0)
            {
                ages.Add(f.ReceivedOn);
            }

            for (var i = 0; i < f.EndedTerms.Count; i++)
            {
                var t = f.EndedTerms[i];
                if (period.Contains(t.EndedOn))
                {
                    var (e, w, n) = terms.GetValueOrDefault(t.Kind);
                    terms[t.Kind] = (e + 1, w + (t.WithinTerm ? 1 : 0), n + t.NetDays);
                }
            }

            if (f.Pending)
            {
                pendingNow++;
                if (f.IsOverdueAt(now))
                {
                    pastTermNow++;
                }
            }

            for (var i = 0; i < f.Suspensions.Count; i++)
            {
                var s = f.Suspensions[i];
                if (s.To is { } to)
                {
                    if (period.Contains(TermCalculator.Default.LocalDate(to)))
                    {
                        Add(ended, s.Ground, (to - s.From).TotalDays);
                    }
                }
                else if (f.Suspended)
                {
                    suspendedNow++;
                    Add(current, s.Ground, Math.Max(0, (now - s.From).TotalDays));
                }
            }
        }

        var termFigures = terms.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new TermFigures(t.Key, t.Value.Ended, t.Value.Within, t.Value.Ended - t.Value.Within,
                Indicators.ShareWithinTerm(t.Value.Within, t.Value.Ended), t.Value.Ended == 0 ? null : t.Value.NetSum / t.Value.Ended))
            .ToArray();
        var termsEnded = termFigures.Sum(t => t.Ended);
        var suspensions = current.Keys.Union(ended.Keys).Order()
            .Select(g =>
            {
                var now1 = current.GetValueOrDefault(g) ?? [];
                var done = ended.GetValueOrDefault(g) ?? [];
                return new SuspensionFigures(g, now1.Count, Indicators.Mean(now1), now1.Count == 0 ? null : now1.Max(),
                    done.Count, Indicators.Mean(done), Indicators.Median(done));
            })
            .ToArray();
        return new SituationSummary(
            period.From, period.To, now, cases, flows, flows.Incoming, pendingStart, pendingEnd,
            Indicators.ClearanceRate(flows.Resolved, flows.Incoming),
            Indicators.DispositionTime(pendingEnd, flows.Resolved, period.Days),
            Indicators.BacklogChange(pendingStart, pendingEnd),
            Indicators.Turnover(flows.Resolved, pendingEnd),
            PendingAge.Distribution(ages, period.To),
            termFigures,
            termFigures.Where(t => t.Kind == "consideration").Sum(t => t.Late),
            termsEnded,
            Indicators.ShareWithinTerm(termFigures.Sum(t => t.WithinTerm), termsEnded),
            pendingNow, suspendedNow, pendingNow - suspendedNow, pastTermNow, suspensions);
    }

    /// <summary>The flow series of the filtered cases over the period.</summary>
    public static IReadOnlyList<FlowPoint> Series(IEnumerable<CaseFacts> facts, StatisticsFilter filter, ReportPeriod period, SeriesInterval interval)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(period);
        var daily = new Dictionary<DateOnly, FlowCounts>();
        var before = new DateOnly(1, 1, 1);
        foreach (var f in facts)
        {
            if (!filter.Matches(f))
            {
                continue;
            }

            for (var i = 0; i < f.Daily.Count; i++)
            {
                var d = f.Daily[i];
                if (d.Day > period.To)
                {
                    continue;
                }

                // Days before the period only carry the pending caseload forward: fold them into one day.
                var key = d.Day < period.From ? before : d.Day;
                daily[key] = daily.GetValueOrDefault(key) + d.Counts;
            }
        }

        return FlowSeries.Build(daily, period.From, period.To, interval);
    }

    /// <summary>One row per first-instance court with at least one matching case, in court-registry order.</summary>
    public static IReadOnlyList<BreakdownFigures> Courts(IEnumerable<CaseFacts> facts, StatisticsFilter filter, ReportPeriod period, DateTimeOffset now) =>
        Breakdown(facts, filter, period, now, BreakdownBy.Court);

    /// <summary>
    /// One row per court, category or judge with at least one matching case: courts in court-registry order, categories
    /// in their declared order, judges by court then id. The reference for <see cref="SituationIndex.Breakdown"/>.
    /// </summary>
    public static IReadOnlyList<BreakdownFigures> Breakdown(IEnumerable<CaseFacts> facts, StatisticsFilter filter, ReportPeriod period, DateTimeOffset now, BreakdownBy by)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(filter);
        return facts.Where(filter.Matches)
            .GroupBy(f => BreakdownKey(f.CourtId, f.Category, f.JudgeId, by))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var s = Summary(g, StatisticsFilter.All, period, now);
                return BreakdownFigures.Of(g.Key.Key, g.Key.CourtId, CourtRegistry.Find(g.Key.CourtId)?.Region ?? "", s);
            })
            .ToArray();
    }

    /// <summary>The row a case belongs to in a breakdown, ordered as the rows are listed.</summary>
    internal static BreakdownKey BreakdownKey(string courtId, CaseCategory category, Guid? judgeId, BreakdownBy by) => by switch
    {
        BreakdownBy.Court => new BreakdownKey(CourtOrder(courtId), courtId, courtId, 0),
        BreakdownBy.Category => new BreakdownKey(0, "", category.ToString(), (int)category),
        _ => new BreakdownKey(CourtOrder(courtId), courtId, judgeId?.ToString() ?? "", 0),
    };

    private static readonly Dictionary<string, int> CourtOrders =
        CourtRegistry.All.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

    private static int CourtOrder(string courtId) => CourtOrders.GetValueOrDefault(courtId, int.MaxValue);

    /// <summary>Pending cases past a court term at <paramref name="now"/>, longest overdue first.</summary>
    public static IReadOnlyList<LateCase> LateCases(IEnumerable<CaseFacts> facts, StatisticsFilter filter, DateTimeOffset now, int limit = 500)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var today = TermCalculator.Default.LocalDate(now);
        var rows = facts.Where(f => filter.Matches(f) && f.IsOverdueAt(now))
            .Select(f => new LateCase(f.CaseNumber, f.CourtId, f.Kind, f.Category, f.Overdue!.Kind, f.Overdue.DueOn,
                Math.Max(0, today.DayNumber - f.Overdue.DueOn.DayNumber), f.Suspended))
            .ToList();
        return Longest(rows, c => c.DaysOverdue, limit)
            .OrderByDescending(c => c.DaysOverdue).ThenBy(c => c.CourtId, StringComparer.Ordinal).ThenBy(c => c.CaseNumber, StringComparer.Ordinal)
            .Take(limit)
            .ToArray();
    }

    /// <summary>Cases suspended at <paramref name="now"/>, longest first.</summary>
    public static IReadOnlyList<SuspendedCase> SuspendedCases(IEnumerable<CaseFacts> facts, StatisticsFilter filter, DateTimeOffset now, int limit = 500)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var calculator = TermCalculator.Default;
        var rows = facts.Where(f => filter.Matches(f) && f.CurrentSuspension is not null)
            .Select(f =>
            {
                var s = f.CurrentSuspension!;
                return new SuspendedCase(f.CaseNumber, f.CourtId, f.Kind, f.Category, s.Ground, calculator.LocalDate(s.From),
                    Math.Max(0, calculator.LocalDate(now).DayNumber - calculator.LocalDate(s.From).DayNumber));
            })
            .ToList();
        return Longest(rows, c => c.Days, limit)
            .OrderByDescending(c => c.Days).ThenBy(c => c.CourtId, StringComparer.Ordinal).ThenBy(c => c.CaseNumber, StringComparer.Ordinal)
            .Take(limit)
            .ToArray();
    }

    /// <summary>
    /// The rows that can be among the <paramref name="limit"/> longest: every row with at least as many days as the
    /// limit-th longest (ties kept, so the full ordering of what is returned is unchanged), without sorting every row.
    /// </summary>
    private static IEnumerable<T> Longest<T>(List<T> rows, Func<T, int> days, int limit)
    {
        if (rows.Count <= limit || limit <= 0)
        {
            return rows;
        }

        var values = rows.Select(days).ToArray();
        Array.Sort(values);
        var threshold = values[^limit];
        return rows.Where(r => days(r) >= threshold);
    }

    private static (int Before, FlowCounts InPeriod) Split(CaseFacts f, ReportPeriod period)
    {
        var before = 0;
        var inPeriod = FlowCounts.Zero;
        for (var i = 0; i < f.Daily.Count; i++)
        {
            var d = f.Daily[i];
            if (d.Day < period.From)
            {
                before += d.Counts.PendingChange;
            }
            else if (d.Day <= period.To)
            {
                inPeriod += d.Counts;
            }
        }

        return (before, inPeriod);
    }

    private static void Add(Dictionary<SuspensionGround, List<double>> map, SuspensionGround ground, double days)
    {
        if (!map.TryGetValue(ground, out var list))
        {
            map[ground] = list = [];
        }

        list.Add(days);
    }
}
