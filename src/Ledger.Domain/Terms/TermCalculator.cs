namespace Ledger.Domain.Terms;

/// <summary>A closed-open interval of time [From, To); To null means still open.</summary>
public readonly record struct TimeInterval(DateTimeOffset From, DateTimeOffset? To);

/// <summary>
/// Computes due dates and net durations of procedural terms. Counting rules:
/// a term counted in days or working days starts on the day after the starting event; a term in
/// months ends on the same-numbered day of the last month, or on that month's last day when it has
/// no such day; a working-day term counts only the calendar's working days; when a row says so,
/// a due date falling on a day off moves to the next working day. Dates are the courts' civil dates
/// (the rules table's time-zone offset).
/// </summary>
public sealed class TermCalculator(HolidayCalendar calendar, TimeSpan timeZoneOffset)
{
    private static readonly Lazy<TermCalculator> LazyDefault =
        new(() => new TermCalculator(HolidayCalendar.Default, TermRuleBook.Default.TimeZoneOffset));

    public static TermCalculator Default => LazyDefault.Value;

    public HolidayCalendar Calendar { get; } = calendar;

    public TimeSpan TimeZoneOffset { get; } = timeZoneOffset;

    /// <summary>The civil date of a moment in the courts' time zone.</summary>
    public DateOnly LocalDate(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(TimeZoneOffset).DateTime);

    /// <summary>The first moment after the given civil date ends (an exclusive bound).</summary>
    public DateTimeOffset EndOf(DateOnly date) =>
        new(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeZoneOffset);

    /// <summary>The last day of a term of <paramref name="amount"/> units started on <paramref name="start"/>.</summary>
    public DateOnly DueDate(DateOnly start, int amount, TermUnit unit, bool movesToNextWorkingDay = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        var due = unit switch
        {
            TermUnit.CalendarDays => start.AddDays(amount),
            TermUnit.Months => start.AddMonths(amount),
            TermUnit.WorkingDays => AddWorkingDays(start, amount),
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown term unit."),
        };
        return movesToNextWorkingDay ? NextWorkingDayOnOrAfter(due) : due;
    }

    /// <summary>The due date of a rules-table row for a term started at a moment.</summary>
    public DateOnly DueDate(TermRule rule, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return DueDate(LocalDate(startedAt), rule.Amount, rule.Unit, rule.MovesToNextWorkingDay);
    }

    /// <summary>The date <paramref name="count"/> working days after <paramref name="start"/> (start itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int count)
    {
        var date = start;
        var left = count;
        while (left > 0)
        {
            date = date.AddDays(1);
            if (Calendar.IsWorkingDay(date))
            {
                left--;
            }
        }

        return date;
    }

    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        var d = date;
        while (!Calendar.IsWorkingDay(d))
        {
            d = d.AddDays(1);
        }

        return d;
    }

    /// <summary>Working days in (from, to]: the day after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (Calendar.IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Moves a due date later by the suspension intervals (civil dates, [from, to)). Calendar and
    /// month terms move by the suspended calendar days; working-day terms by the suspended working days.
    /// </summary>
    public DateOnly ExtendForSuspension(DateOnly due, TermUnit unit, IEnumerable<(DateOnly From, DateOnly To)> suspensions, bool movesToNextWorkingDay = false)
    {
        ArgumentNullException.ThrowIfNull(suspensions);
        var merged = MergeDates(suspensions);
        DateOnly extended;
        if (unit == TermUnit.WorkingDays)
        {
            var days = merged.Sum(s => WorkingDaysBetween(s.From.AddDays(-1), s.To.AddDays(-1)));
            extended = AddWorkingDays(due, days);
        }
        else
        {
            var days = merged.Sum(s => s.To.DayNumber - s.From.DayNumber);
            extended = due.AddDays(days);
        }

        return movesToNextWorkingDay ? NextWorkingDayOnOrAfter(extended) : extended;
    }

    /// <summary>
    /// Net duration of a term: (end − start) minus the parts of the suspension intervals inside [start, end].
    /// Overlapping intervals count once; an open interval runs to <paramref name="end"/>.
    /// </summary>
    public static TimeSpan NetDuration(DateTimeOffset start, DateTimeOffset end, IEnumerable<TimeInterval> suspensions)
    {
        ArgumentNullException.ThrowIfNull(suspensions);
        if (end <= start)
        {
            return TimeSpan.Zero;
        }

        var clipped = suspensions
            .Select(s => (From: Max(s.From, start), To: Min(s.To ?? end, end)))
            .Where(s => s.To > s.From)
            .OrderBy(s => s.From)
            .ToList();

        var suspended = TimeSpan.Zero;
        DateTimeOffset? curFrom = null;
        DateTimeOffset curTo = default;
        foreach (var (from, to) in clipped)
        {
            if (curFrom is null)
            {
                (curFrom, curTo) = (from, to);
            }
            else if (from <= curTo)
            {
                curTo = Max(curTo, to);
            }
            else
            {
                suspended += curTo - curFrom.Value;
                (curFrom, curTo) = (from, to);
            }
        }

        if (curFrom is not null)
        {
            suspended += curTo - curFrom.Value;
        }

        return end - start - suspended;
    }

    /// <summary>Net duration in whole civil days (date difference minus suspended days).</summary>
    public static int NetDays(DateOnly start, DateOnly end, IEnumerable<(DateOnly From, DateOnly To)> suspensions)
    {
        ArgumentNullException.ThrowIfNull(suspensions);
        if (end <= start)
        {
            return 0;
        }

        var clipped = suspensions
            .Select(s => (From: s.From < start ? start : s.From, To: s.To > end ? end : s.To))
            .Where(s => s.To > s.From);
        var suspended = MergeDates(clipped).Sum(s => s.To.DayNumber - s.From.DayNumber);
        return end.DayNumber - start.DayNumber - suspended;
    }

    private static List<(DateOnly From, DateOnly To)> MergeDates(IEnumerable<(DateOnly From, DateOnly To)> intervals)
    {
        var result = new List<(DateOnly From, DateOnly To)>();
        foreach (var (from, to) in intervals.Where(i => i.To > i.From).OrderBy(i => i.From))
        {
            if (result.Count > 0 && from <= result[^1].To)
            {
                var last = result[^1];
                result[^1] = (last.From, to > last.To ? to : last.To);
            }
            else
            {
                result.Add((from, to));
            }
        }

        return result;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
