using Ledger.Domain.Cases;
using Ledger.Domain.Terms;

namespace Ledger.Domain.Statistics;

/// <summary>
/// The cells the situation center pre-aggregates: one per court × kind × category × judge (the judge's GUID, null for a
/// case without one). Coarse cells leave the judge out (<see cref="AnyJudge"/>) and serve every query that does not
/// filter by judge.
/// </summary>
public readonly record struct CaseGroupKey(string CourtId, CaseKind Kind, CaseCategory Category, Guid? JudgeId, bool AnyJudge)
{
    public static CaseGroupKey Fine(CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new(facts.CourtId, facts.Kind, facts.Category, facts.JudgeId, false);
    }

    public static CaseGroupKey Coarse(CaseFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new(facts.CourtId, facts.Kind, facts.Category, null, true);
    }
}

/// <summary>
/// The pre-aggregated figures of one cell (<see cref="CaseGroupKey"/>), built from its cases' facts: running totals of
/// the flow counters per civil day (a range of days is two look-ups), the days each case entered or left the pending
/// caseload with its receipt day (age of the pending caseload at any day), running totals per day of the court terms
/// that ended (per kind), the suspensions that ended sorted by day (their mean and median need the lengths), and the
/// cases pending now. Immutable; a cell is rebuilt when one of its cases changes.
/// </summary>
public sealed class CaseGroup
{
    private readonly int[] _days;
    private readonly FlowCounts[] _totals;
    private readonly int[] _moveDay;
    private readonly int[] _moveReceived;
    private readonly int[] _moveChange;
    private readonly TermTotals[] _terms;
    private readonly SuspensionEnd[] _suspensions;

    public CaseGroup(CaseGroupKey key, IReadOnlyCollection<CaseFacts> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        Key = key;
        Region = CourtRegistry.Find(key.CourtId)?.Region ?? "";
        Cases = members.Count;

        var daily = new SortedDictionary<int, FlowCounts>();
        var moves = new List<PendingMove>();
        var terms = new List<TermEnd>();
        var suspensions = new List<SuspensionEnd>();
        var pending = new List<CaseFacts>();
        var calculator = TermCalculator.Default;
        foreach (var f in members)
        {
            var level = 0;
            for (var i = 0; i < f.Daily.Count; i++)
            {
                var d = f.Daily[i];
                var day = d.Day.DayNumber;
                daily[day] = daily.GetValueOrDefault(day) + d.Counts;

                // The case counts in the age distribution of a day while its own running pending total is above zero.
                var next = level + d.Counts.PendingChange;
                if ((level > 0) != (next > 0))
                {
                    moves.Add(new PendingMove(day, f.ReceivedOn, next > 0 ? 1 : -1));
                }

                level = next;
            }

            for (var i = 0; i < f.EndedTerms.Count; i++)
            {
                var t = f.EndedTerms[i];
                terms.Add(new TermEnd(t.EndedOn.DayNumber, t.Kind, t.WithinTerm, t.NetDays));
            }

            for (var i = 0; i < f.Suspensions.Count; i++)
            {
                var s = f.Suspensions[i];
                if (s.To is { } to)
                {
                    suspensions.Add(new SuspensionEnd(calculator.LocalDate(to).DayNumber, s.Ground, (to - s.From).TotalDays));
                }
            }

            if (f.Pending || f.Suspended)
            {
                pending.Add(f);
            }
        }

        _days = [.. daily.Keys];
        _totals = new FlowCounts[_days.Length];
        var running = FlowCounts.Zero;
        var n = 0;
        foreach (var counts in daily.Values)
        {
            running += counts;
            _totals[n++] = running;
        }

        var sortedMoves = moves.OrderBy(m => m.Day).ToArray();
        _moveDay = [.. sortedMoves.Select(m => m.Day)];
        _moveReceived = [.. sortedMoves.Select(m => m.ReceivedOn.DayNumber)];
        _moveChange = [.. sortedMoves.Select(m => m.Change)];

        // Ended court terms: per kind, running totals (ended, met, net days) per day of ending.
        _terms = [.. terms.GroupBy(t => t.Kind, StringComparer.Ordinal).Select(g =>
        {
            var byDay = g.GroupBy(t => t.Day).OrderBy(d => d.Key).ToArray();
            var days = new int[byDay.Length];
            var totals = new (int Ended, int Within, long NetSum)[byDay.Length];
            (int Ended, int Within, long NetSum) sum = default;
            for (var i = 0; i < byDay.Length; i++)
            {
                days[i] = byDay[i].Key;
                sum = (sum.Ended + byDay[i].Count(), sum.Within + byDay[i].Count(t => t.Within), sum.NetSum + byDay[i].Sum(t => (long)t.NetDays));
                totals[i] = sum;
            }

            return new TermTotals(g.Key, days, totals);
        })];
        _suspensions = [.. suspensions.OrderBy(s => s.Day)];
        Pending = [.. pending];
    }

    public CaseGroupKey Key { get; }

    public string Region { get; }

    public int Cases { get; }

    /// <summary>The facts of the cases pending (or suspended) now: the drill-down lists and the "now" figures read only these.</summary>
    public IReadOnlyList<CaseFacts> Pending { get; }

    /// <summary>The flow counters of every day up to <paramref name="dayNumber"/> (inclusive).</summary>
    public FlowCounts TotalThrough(int dayNumber)
    {
        var i = LastAtOrBefore(_days, dayNumber);
        return i < 0 ? FlowCounts.Zero : _totals[i];
    }

    /// <summary>Adds the counters of each day in [from, to] to <paramref name="days"/> (index 0 = <paramref name="from"/>).</summary>
    public void AddDays(DateOnly from, DateOnly to, Span<FlowCounts> days)
    {
        var i = LastAtOrBefore(_days, from.DayNumber - 1) + 1;
        var previous = i == 0 ? FlowCounts.Zero : _totals[i - 1];
        for (; i < _days.Length && _days[i] <= to.DayNumber; i++)
        {
            days[_days[i] - from.DayNumber] += _totals[i] - previous;
            previous = _totals[i];
        }
    }

    internal void Accumulate(SummaryAccumulator into, ReportPeriod period, DateTimeOffset now)
    {
        into.Cases += Cases;
        var before = TotalThrough(period.From.DayNumber - 1);
        var end = TotalThrough(period.To.DayNumber);
        into.Flows += end - before;
        into.PendingStart += before.PendingChange;
        into.PendingEnd += end.PendingChange;

        // Age of the cases pending at the end: the moves up to the last day, by receipt day (cut-offs as day numbers).
        var last = period.To.DayNumber;
        var cut = into.AgeCutoffs;
        var months = into.Months;
        var years = into.Years;
        for (var i = 0; i < _moveDay.Length && _moveDay[i] <= last; i++)
        {
            var r = _moveReceived[i];
            var change = _moveChange[i];
            months[r > cut[0] ? 0 : r > cut[1] ? 1 : r > cut[2] ? 2 : 3] += change;
            years[r > cut[3] ? 0 : r > cut[4] ? 1 : r > cut[5] ? 2 : r > cut[6] ? 3 : r > cut[7] ? 4 : 5] += change;
        }

        foreach (var kind in _terms)
        {
            var (ended, within, net) = kind.Between(period.From.DayNumber, last);
            if (ended > 0)
            {
                into.AddTerms(kind.Kind, ended, within, net);
            }
        }

        for (var i = FirstAtOrAfter(_suspensions, period.From.DayNumber); i < _suspensions.Length && _suspensions[i].Day <= period.To.DayNumber; i++)
        {
            into.AddEnded(_suspensions[i].Ground, _suspensions[i].Days);
        }

        foreach (var f in Pending)
        {
            if (f.Pending)
            {
                into.PendingNow++;
                if (f.IsOverdueAt(now))
                {
                    into.PastTermNow++;
                }
            }

            if (f.Suspended)
            {
                for (var i = 0; i < f.Suspensions.Count; i++)
                {
                    if (f.Suspensions[i].To is null)
                    {
                        into.AddCurrent(f.Suspensions[i].Ground, Math.Max(0, (now - f.Suspensions[i].From).TotalDays));
                    }
                }
            }
        }
    }

    private static int LastAtOrBefore(int[] days, int day)
    {
        var i = Array.BinarySearch(days, day);
        return i >= 0 ? i : ~i - 1;
    }

    private static int FirstAtOrAfter(SuspensionEnd[] items, int day)
    {
        int lo = 0, hi = items.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (items[mid].Day < day)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private readonly record struct PendingMove(int Day, DateOnly ReceivedOn, int Change);

    private readonly record struct TermEnd(int Day, string Kind, bool Within, int NetDays);

    /// <summary>Running totals of the court terms of one kind that ended, per day of ending.</summary>
    private sealed record TermTotals(string Kind, int[] Days, (int Ended, int Within, long NetSum)[] Totals)
    {
        public (int Ended, int Within, long NetSum) Between(int firstDay, int lastDay)
        {
            var hi = LastAtOrBefore(Days, lastDay);
            var lo = LastAtOrBefore(Days, firstDay - 1);
            var end = hi < 0 ? default : Totals[hi];
            var start = lo < 0 ? default : Totals[lo];
            return (end.Ended - start.Ended, end.Within - start.Within, end.NetSum - start.NetSum);
        }
    }

    private readonly record struct SuspensionEnd(int Day, SuspensionGround Ground, double Days);
}

/// <summary>Sums the cells of a query into a <see cref="SituationSummary"/>, exactly as <see cref="SituationReport.Summary"/> would.</summary>
internal sealed class SummaryAccumulator(ReportPeriod period, DateTimeOffset now)
{
    private readonly int[] _months = new int[4];
    private readonly int[] _years = new int[6];
    private readonly Dictionary<string, (int Ended, int Within, long NetSum)> _terms = new(StringComparer.Ordinal);
    private readonly Dictionary<SuspensionGround, List<double>> _current = [];
    private readonly Dictionary<SuspensionGround, List<double>> _ended = [];

    public int Cases { get; set; }

    public FlowCounts Flows { get; set; }

    public int PendingStart { get; set; }

    public int PendingEnd { get; set; }

    public int PendingNow { get; set; }

    public int PastTermNow { get; set; }

    /// <summary>
    /// The receipt days (day numbers) that separate the age buckets at the end of the period: 2, 6, 12 months, then 1, 2,
    /// 3, 5, 10 years earlier (as <see cref="PendingAge.BucketOf"/> and <see cref="PendingAge.YearBucketOf"/>).
    /// </summary>
    public int[] AgeCutoffs { get; } =
    [
        period.To.AddMonths(-2).DayNumber, period.To.AddMonths(-6).DayNumber, period.To.AddMonths(-12).DayNumber,
        period.To.AddYears(-1).DayNumber, period.To.AddYears(-2).DayNumber, period.To.AddYears(-3).DayNumber,
        period.To.AddYears(-5).DayNumber, period.To.AddYears(-10).DayNumber,
    ];

    /// <summary>Pending cases per <see cref="AgeBucket"/>.</summary>
    public int[] Months => _months;

    /// <summary>Pending cases per <see cref="YearBucket"/>.</summary>
    public int[] Years => _years;

    public void AddTerms(string kind, int ended, int within, long netDays)
    {
        var (e, w, n) = _terms.GetValueOrDefault(kind);
        _terms[kind] = (e + ended, w + within, n + netDays);
    }

    public void AddCurrent(SuspensionGround ground, double days) => Add(_current, ground, days);

    public void AddEnded(SuspensionGround ground, double days) => Add(_ended, ground, days);

    public SituationSummary ToSummary()
    {
        var termFigures = _terms.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new TermFigures(t.Key, t.Value.Ended, t.Value.Within, t.Value.Ended - t.Value.Within,
                Indicators.ShareWithinTerm(t.Value.Within, t.Value.Ended), t.Value.Ended == 0 ? null : (double)t.Value.NetSum / t.Value.Ended))
            .ToArray();
        var termsEnded = termFigures.Sum(t => t.Ended);
        var suspensions = _current.Keys.Union(_ended.Keys).Order()
            .Select(g =>
            {
                var current = _current.GetValueOrDefault(g) ?? [];
                var done = _ended.GetValueOrDefault(g) ?? [];
                return new SuspensionFigures(g, current.Count, Indicators.Mean(current), current.Count == 0 ? null : current.Max(),
                    done.Count, Indicators.Mean(done), Indicators.Median(done));
            })
            .ToArray();
        var suspendedNow = suspensions.Sum(s => s.CurrentCount);
        return new SituationSummary(
            period.From, period.To, now, Cases, Flows, Flows.Incoming, PendingStart, PendingEnd,
            Indicators.ClearanceRate(Flows.Resolved, Flows.Incoming),
            Indicators.DispositionTime(PendingEnd, Flows.Resolved, period.Days),
            Indicators.BacklogChange(PendingStart, PendingEnd),
            Indicators.Turnover(Flows.Resolved, PendingEnd),
            PendingAge.FromCounts(_months, _years),
            termFigures,
            termFigures.Where(t => t.Kind == "consideration").Sum(t => t.Late),
            termsEnded,
            Indicators.ShareWithinTerm(termFigures.Sum(t => t.WithinTerm), termsEnded),
            PendingNow, suspendedNow, PendingNow - suspendedNow, PastTermNow, suspensions);
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

/// <summary>
/// Every situation-center figure from pre-aggregated cells (<see cref="CaseGroup"/>) instead of a scan of every case: a
/// query adds up the cells its filter selects (a few hundred for all courts), so its cost does not grow with the number
/// of cases. Gives exactly what <see cref="SituationReport"/> gives over the same facts (tested figure by figure).
/// Immutable: <see cref="Update"/> returns a new index that reuses every cell none of whose cases changed.
/// </summary>
public sealed class SituationIndex
{
    private readonly Dictionary<CaseGroupKey, CaseGroup> _fine;
    private readonly Dictionary<CaseGroupKey, CaseGroup> _coarse;

    private SituationIndex(Dictionary<CaseGroupKey, CaseGroup> fine, Dictionary<CaseGroupKey, CaseGroup> coarse)
    {
        _fine = fine;
        _coarse = coarse;
    }

    public static SituationIndex Empty { get; } = new([], []);

    public int CellCount => _fine.Count + _coarse.Count;

    public static SituationIndex Build(IEnumerable<CaseFacts> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var all = facts.ToArray();
        return new SituationIndex(
            all.GroupBy(CaseGroupKey.Fine).ToDictionary(g => g.Key, g => new CaseGroup(g.Key, g.ToArray())),
            all.GroupBy(CaseGroupKey.Coarse).ToDictionary(g => g.Key, g => new CaseGroup(g.Key, g.ToArray())));
    }

    /// <summary>A new index in which the cells in <paramref name="changed"/> are rebuilt from <paramref name="members"/> (an empty cell is dropped).</summary>
    public SituationIndex Update(IEnumerable<CaseGroupKey> changed, Func<CaseGroupKey, IReadOnlyCollection<CaseFacts>> members)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(members);
        var fine = new Dictionary<CaseGroupKey, CaseGroup>(_fine);
        var coarse = new Dictionary<CaseGroupKey, CaseGroup>(_coarse);
        foreach (var key in changed)
        {
            var target = key.AnyJudge ? coarse : fine;
            var cases = members(key);
            if (cases.Count == 0)
            {
                target.Remove(key);
            }
            else
            {
                target[key] = new CaseGroup(key, cases);
            }
        }

        return new SituationIndex(fine, coarse);
    }

    public SituationSummary Summary(StatisticsFilter filter, ReportPeriod period, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(period);
        var sum = new SummaryAccumulator(period, now);
        foreach (var cell in Cells(filter))
        {
            cell.Accumulate(sum, period, now);
        }

        return sum.ToSummary();
    }

    public IReadOnlyList<FlowPoint> Series(StatisticsFilter filter, ReportPeriod period, SeriesInterval interval)
    {
        ArgumentNullException.ThrowIfNull(period);
        var days = new FlowCounts[period.Days];
        var before = FlowCounts.Zero;
        foreach (var cell in Cells(filter))
        {
            before += cell.TotalThrough(period.From.DayNumber - 1);
            cell.AddDays(period.From, period.To, days);
        }

        return FlowSeries.BuildDense(before, days, period.From, period.To, interval);
    }

    public IReadOnlyList<BreakdownFigures> Breakdown(StatisticsFilter filter, ReportPeriod period, DateTimeOffset now, BreakdownBy by)
    {
        ArgumentNullException.ThrowIfNull(period);
        // A breakdown by judge needs the judge cells; the others add up the coarse ones.
        var cells = by == BreakdownBy.Judge ? FineCells(filter) : Cells(filter);
        var rows = new SortedDictionary<BreakdownKey, SummaryAccumulator>();
        foreach (var cell in cells)
        {
            var key = SituationReport.BreakdownKey(cell.Key.CourtId, cell.Key.Category, cell.Key.JudgeId, by);
            if (!rows.TryGetValue(key, out var sum))
            {
                rows[key] = sum = new SummaryAccumulator(period, now);
            }

            cell.Accumulate(sum, period, now);
        }

        return rows.Select(r => BreakdownFigures.Of(r.Key.Key, r.Key.CourtId, CourtRegistry.Find(r.Key.CourtId)?.Region ?? "", r.Value.ToSummary())).ToArray();
    }

    /// <summary>The facts of the pending (or suspended) cases the filter selects: what the late and suspended lists read.</summary>
    public IEnumerable<CaseFacts> PendingFacts(StatisticsFilter filter) => Cells(filter).SelectMany(c => c.Pending);

    private IEnumerable<CaseGroup> Cells(StatisticsFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.JudgeId is not null ? FineCells(filter) : _coarse.Values.Where(c => Selects(filter, c));
    }

    private IEnumerable<CaseGroup> FineCells(StatisticsFilter filter) => _fine.Values.Where(c => Selects(filter, c));

    private static bool Selects(StatisticsFilter filter, CaseGroup cell) =>
        (filter.Courts is null || filter.Courts.Contains(cell.Key.CourtId))
        && (filter.Region is null || string.Equals(filter.Region, cell.Region, StringComparison.OrdinalIgnoreCase))
        && (filter.Kind is null || filter.Kind == cell.Key.Kind)
        && (filter.Category is null || filter.Category == cell.Key.Category)
        && (filter.JudgeId is null || (!cell.Key.AnyJudge && filter.JudgeId == cell.Key.JudgeId));
}
