namespace Ledger.Domain.Statistics;

/// <summary>
/// The CEPEJ (European Commission for the Efficiency of Justice) and NCSC CourTools indicators, as pure arithmetic.
/// A figure that would divide by zero is null ("not defined"), never 0 or infinity.
/// </summary>
public static class Indicators
{
    /// <summary>Clearance rate, %: resolved ÷ incoming × 100. Above 100 the court resolves more than it receives.</summary>
    public static double? ClearanceRate(int resolved, int incoming) =>
        incoming <= 0 ? null : 100.0 * resolved / incoming;

    /// <summary>
    /// Disposition time, days: <paramref name="periodDays"/> × pending at the end ÷ resolved in the period. For a year
    /// (365 days) this is the CEPEJ formula 365 × pending_end ÷ resolved; a shorter period is scaled by its length.
    /// </summary>
    public static double? DispositionTime(int pendingEnd, int resolved, int periodDays = 365) =>
        resolved <= 0 ? null : (double)periodDays * pendingEnd / resolved;

    /// <summary>Case turnover ratio: resolved ÷ pending at the end.</summary>
    public static double? Turnover(int resolved, int pendingEnd) =>
        pendingEnd <= 0 ? null : (double)resolved / pendingEnd;

    /// <summary>Backlog change: (pending_end − pending_start) ÷ pending_start (a fraction; −0.1 is a 10 % decrease).</summary>
    public static double? BacklogChange(int pendingStart, int pendingEnd) =>
        pendingStart <= 0 ? null : (double)(pendingEnd - pendingStart) / pendingStart;

    /// <summary>Share of ended terms met, %: within ÷ ended × 100.</summary>
    public static double? ShareWithinTerm(int within, int ended) =>
        ended <= 0 ? null : 100.0 * within / ended;

    /// <summary>The arithmetic mean, summed in ascending order so that the result does not depend on the input order.</summary>
    public static double? Mean(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0 ? null : values.Order().Sum() / values.Count;
    }

    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    public static double? Median(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

/// <summary>Age buckets of the pending caseload (CEPEJ): under 2 months, 2–6, 6–12, over 12 months since receipt.</summary>
public enum AgeBucket
{
    UnderTwoMonths,
    TwoToSixMonths,
    SixToTwelveMonths,
    OverTwelveMonths,
}

/// <summary>
/// Counts of pending cases per age bucket: the CEPEJ buckets (under 2 months, 2–6, 6–12, over 12 months) and, for long
/// horizons, the cases over a year split by years since receipt (1–2, 2–3, 3–5, 5–10, over 10 years; the year buckets
/// add up to <see cref="OverTwelveMonths"/>).
/// </summary>
public sealed record AgeDistribution(int UnderTwoMonths, int TwoToSixMonths, int SixToTwelveMonths, int OverTwelveMonths)
{
    public int OneToTwoYears { get; init; }

    public int TwoToThreeYears { get; init; }

    public int ThreeToFiveYears { get; init; }

    public int FiveToTenYears { get; init; }

    public int OverTenYears { get; init; }

    public int Total => UnderTwoMonths + TwoToSixMonths + SixToTwelveMonths + OverTwelveMonths;

    /// <summary>Pending for more than a year (the same cases as <see cref="OverTwelveMonths"/>).</summary>
    public int OverOneYear => OverTwelveMonths;

    public int OverTwoYears => TwoToThreeYears + ThreeToFiveYears + FiveToTenYears + OverTenYears;

    public int OverThreeYears => ThreeToFiveYears + FiveToTenYears + OverTenYears;
}

/// <summary>Years since receipt of a case pending for more than a year.</summary>
public enum YearBucket
{
    UnderOneYear,
    OneToTwoYears,
    TwoToThreeYears,
    ThreeToFiveYears,
    FiveToTenYears,
    OverTenYears,
}

public static class PendingAge
{
    /// <summary>
    /// The bucket of a case received on <paramref name="receivedOn"/>, seen on <paramref name="asOf"/> (civil dates). A case
    /// is "under 2 months" while it was received after the same day two months earlier, and so on (calendar months).
    /// </summary>
    public static AgeBucket BucketOf(DateOnly receivedOn, DateOnly asOf)
    {
        var cutoffs = Cutoffs(asOf);
        return receivedOn > cutoffs.TwoMonths ? AgeBucket.UnderTwoMonths
            : receivedOn > cutoffs.SixMonths ? AgeBucket.TwoToSixMonths
            : receivedOn > cutoffs.TwelveMonths ? AgeBucket.SixToTwelveMonths
            : AgeBucket.OverTwelveMonths;
    }

    /// <summary>The receipt dates that separate the buckets: received after <c>TwoMonths</c> is under two months old, etc.</summary>
    public static (DateOnly TwoMonths, DateOnly SixMonths, DateOnly TwelveMonths) Cutoffs(DateOnly asOf) =>
        (asOf.AddMonths(-2), asOf.AddMonths(-6), asOf.AddMonths(-12));

    /// <summary>The year bucket of a case received on <paramref name="receivedOn"/>, seen on <paramref name="asOf"/> (calendar years, as for months).</summary>
    public static YearBucket YearBucketOf(DateOnly receivedOn, DateOnly asOf) =>
        receivedOn > asOf.AddYears(-1) ? YearBucket.UnderOneYear
        : receivedOn > asOf.AddYears(-2) ? YearBucket.OneToTwoYears
        : receivedOn > asOf.AddYears(-3) ? YearBucket.TwoToThreeYears
        : receivedOn > asOf.AddYears(-5) ? YearBucket.ThreeToFiveYears
        : receivedOn > asOf.AddYears(-10) ? YearBucket.FiveToTenYears
        : YearBucket.OverTenYears;

    public static AgeDistribution Distribution(IEnumerable<DateOnly> receivedOn, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(receivedOn);
        var counts = new int[4];
        var years = new int[6];
        foreach (var day in receivedOn)
        {
            counts[(int)BucketOf(day, asOf)]++;
            years[(int)YearBucketOf(day, asOf)]++;
        }

        return FromCounts(counts, years);
    }

    /// <summary>A distribution from counts per <see cref="AgeBucket"/> and per <see cref="YearBucket"/>.</summary>
    public static AgeDistribution FromCounts(IReadOnlyList<int> months, IReadOnlyList<int> years)
    {
        ArgumentNullException.ThrowIfNull(months);
        ArgumentNullException.ThrowIfNull(years);
        return new AgeDistribution(months[0], months[1], months[2], months[3])
        {
            OneToTwoYears = years[1],
            TwoToThreeYears = years[2],
            ThreeToFiveYears = years[3],
            FiveToTenYears = years[4],
            OverTenYears = years[5],
        };
    }
}

/// <summary>Time-series granularity.</summary>
public enum SeriesInterval
{
    Day,
    Week,
    Month,
}

/// <summary>
/// One point of a flow time series: the counters of the period and the pending caseload at its end, with the CEPEJ
/// indicators of the period (<see cref="Days"/> = the days of the period inside the range asked).
/// </summary>
public sealed record FlowPoint(DateOnly PeriodStart, FlowCounts Counts, int PendingEnd)
{
    public int Days { get; init; }

    public int PendingStart => PendingEnd - Counts.PendingChange;

    public double? ClearanceRate => Indicators.ClearanceRate(Counts.Resolved, Counts.Incoming);

    public double? DispositionTimeDays => Indicators.DispositionTime(PendingEnd, Counts.Resolved, Days);

    public double? Turnover => Indicators.Turnover(Counts.Resolved, PendingEnd);

    public double? BacklogChange => Indicators.BacklogChange(PendingStart, PendingEnd);
}

/// <summary>Builds time series from daily flow counters (pure).</summary>
public static class FlowSeries
{
    /// <summary>The first day of the period containing <paramref name="day"/>: the day, its ISO week's Monday, or the 1st of its month.</summary>
    public static DateOnly PeriodStart(DateOnly day, SeriesInterval interval) => interval switch
    {
        SeriesInterval.Day => day,
        SeriesInterval.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        SeriesInterval.Month => new DateOnly(day.Year, day.Month, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "Unknown interval."),
    };

    /// <summary>Pending caseload at the end of <paramref name="day"/>: everything that came in minus everything resolved up to that day.</summary>
    public static int PendingAtEndOf(IEnumerable<KeyValuePair<DateOnly, FlowCounts>> daily, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(daily);
        return daily.Where(d => d.Key <= day).Sum(d => d.Value.PendingChange);
    }

    /// <summary>
    /// The series over [<paramref name="from"/>, <paramref name="to"/>] (civil dates, inclusive) by <paramref name="interval"/>,
    /// with every period present (zero when nothing happened). Days before <paramref name="from"/> count only toward the
    /// pending caseload.
    /// </summary>
    public static IReadOnlyList<FlowPoint> Build(IEnumerable<KeyValuePair<DateOnly, FlowCounts>> daily, DateOnly from, DateOnly to, SeriesInterval interval)
    {
        ArgumentNullException.ThrowIfNull(daily);
        if (to < from)
        {
            return [];
        }

        var byDay = new SortedDictionary<DateOnly, FlowCounts>();
        foreach (var (day, counts) in daily)
        {
            byDay[day] = byDay.GetValueOrDefault(day) + counts;
        }

        var pending = byDay.Where(d => d.Key < from).Sum(d => d.Value.PendingChange);
        var points = new List<FlowPoint>();
        var start = PeriodStart(from, interval);
        while (start <= to)
        {
            var next = interval switch
            {
                SeriesInterval.Day => start.AddDays(1),
                SeriesInterval.Week => start.AddDays(7),
                _ => start.AddMonths(1),
            };
            var counts = FlowCounts.Zero;
            foreach (var (day, c) in byDay.Where(d => d.Key >= start && d.Key < next && d.Key >= from && d.Key <= to))
            {
                counts += c;
            }

            pending += counts.PendingChange;
            points.Add(new FlowPoint(start, counts, pending) { Days = DaysInside(start, next, from, to) });
            start = next;
        }

        return points;
    }

    /// <summary>
    /// The same series from dense daily counters: <paramref name="days"/>[i] holds the counters of <paramref name="from"/> + i
    /// (up to <paramref name="to"/>), <paramref name="before"/> the sum of every day before <paramref name="from"/>.
    /// Linear in the number of days (the pre-aggregated path of <see cref="SituationIndex"/>).
    /// </summary>
    public static IReadOnlyList<FlowPoint> BuildDense(FlowCounts before, ReadOnlySpan<FlowCounts> days, DateOnly from, DateOnly to, SeriesInterval interval)
    {
        if (to < from)
        {
            return [];
        }

        var pending = before.PendingChange;
        var points = new List<FlowPoint>();
        var start = PeriodStart(from, interval);
        while (start <= to)
        {
            var next = Next(start, interval);
            var counts = FlowCounts.Zero;
            var first = Math.Max(start.DayNumber, from.DayNumber);
            var last = Math.Min(next.DayNumber - 1, to.DayNumber);
            for (var day = first; day <= last; day++)
            {
                var i = day - from.DayNumber;
                if (i < days.Length)
                {
                    counts += days[i];
                }
            }

            pending += counts.PendingChange;
            points.Add(new FlowPoint(start, counts, pending) { Days = DaysInside(start, next, from, to) });
            start = next;
        }

        return points;
    }

    private static DateOnly Next(DateOnly start, SeriesInterval interval) => interval switch
    {
        SeriesInterval.Day => start.AddDays(1),
        SeriesInterval.Week => start.AddDays(7),
        _ => start.AddMonths(1),
    };

    private static int DaysInside(DateOnly start, DateOnly next, DateOnly from, DateOnly to) =>
        Math.Max(0, Math.Min(next.DayNumber - 1, to.DayNumber) - Math.Max(start.DayNumber, from.DayNumber) + 1);
}
