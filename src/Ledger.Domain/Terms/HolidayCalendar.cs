using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Ledger.Domain.Terms;

/// <summary>
/// Kazakhstan's working-day calendar: weekends, public holidays and moved days off, from data
/// (by default the embedded <c>Terms/kz-holidays.json</c>). Years outside the table fall back to
/// weekends plus the fixed-date statutory holidays (no moved days, no movable religious holidays).
/// </summary>
public sealed class HolidayCalendar
{
    private static readonly Lazy<HolidayCalendar> LazyDefault = new(() =>
    {
        using var stream = TermRuleBook.OpenResource("kz-holidays.json");
        return Load(stream);
    });

    private readonly FrozenDictionary<DateOnly, string> _daysOff;
    private readonly FrozenSet<DateOnly> _workingWeekendDays;
    private readonly FrozenSet<int> _coveredYears;
    private readonly IReadOnlyList<(int Month, int Day, string Name)> _fixed;

    private HolidayCalendar(
        Dictionary<DateOnly, string> daysOff,
        HashSet<DateOnly> workingWeekendDays,
        HashSet<int> coveredYears,
        IReadOnlyList<(int Month, int Day, string Name)> fixedHolidays)
    {
        _daysOff = daysOff.ToFrozenDictionary();
        _workingWeekendDays = workingWeekendDays.ToFrozenSet();
        _coveredYears = coveredYears.ToFrozenSet();
        _fixed = fixedHolidays;
    }

    /// <summary>The calendar shipped with the domain assembly (2024–2027).</summary>
    public static HolidayCalendar Default => LazyDefault.Value;

    /// <summary>Years for which the table lists movable holidays and moved days off.</summary>
    public IReadOnlyCollection<int> CoveredYears => _coveredYears;

    /// <summary>Whether courts work on this date (five-day week).</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (_workingWeekendDays.Contains(date))
        {
            return true;
        }

        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return false;
        }

        return !IsDayOff(date);
    }

    /// <summary>The holiday or moved day off on this date, if any (weekends are not named).</summary>
    public string? DayOffName(DateOnly date)
    {
        if (_daysOff.TryGetValue(date, out var name))
        {
            return name;
        }

        if (!_coveredYears.Contains(date.Year))
        {
            foreach (var (month, day, fixedName) in _fixed)
            {
                if (date.Month == month && date.Day == day)
                {
                    return fixedName;
                }
            }
        }

        return null;
    }

    private bool IsDayOff(DateOnly date) => DayOffName(date) is not null;

    public static HolidayCalendar Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var file = JsonSerializer.Deserialize<CalendarFile>(json, TermRuleBook.JsonOptions)
            ?? throw new InvalidDataException("The holiday calendar is empty.");
        var fixedHolidays = (file.FixedHolidays ?? [])
            .Select(h =>
            {
                var parts = h.MonthDay.Split('-');
                return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), h.NameEn);
            })
            .ToList();

        var daysOff = new Dictionary<DateOnly, string>();
        var working = new HashSet<DateOnly>();
        var years = new HashSet<int>();
        foreach (var year in file.Years ?? [])
        {
            years.Add(year.Year);
            foreach (var (month, day, name) in fixedHolidays)
            {
                daysOff[new DateOnly(year.Year, month, day)] = name;
            }

            foreach (var movable in year.MovableHolidays ?? [])
            {
                daysOff[ParseDate(movable.Date, year.Year)] = movable.NameEn;
            }

            foreach (var moved in year.MovedDaysOff ?? [])
            {
                var date = ParseDate(moved.Date, year.Year);
                daysOff.TryAdd(date, $"Day off moved from {moved.Instead}");
            }

            foreach (var day in year.WorkingWeekendDays ?? [])
            {
                working.Add(ParseDate(day.Date, year.Year));
            }
        }

        return new HolidayCalendar(daysOff, working, years, fixedHolidays);
    }

    private static DateOnly ParseDate(string text, int year)
    {
        var date = DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (date.Year != year)
        {
            throw new InvalidDataException($"Calendar date {text} is listed under year {year}.");
        }

        return date;
    }

    private sealed record CalendarFile(string Country, List<FixedHoliday>? FixedHolidays, List<YearEntry>? Years);

    private sealed record FixedHoliday(string MonthDay, string NameRu, string NameEn, string Kind);

    private sealed record YearEntry(int Year, List<MovableHoliday>? MovableHolidays, List<MovedDayOff>? MovedDaysOff, List<WorkingDay>? WorkingWeekendDays);

    private sealed record MovableHoliday(string Date, string NameRu, string NameEn, string Kind, bool Verified);

    private sealed record MovedDayOff(string Date, string Instead, string Basis, bool Verified);

    private sealed record WorkingDay(string Date, bool Verified);
}
