using Ledger.Domain.Terms;

namespace Ledger.Domain.Tests.Terms;

public class TermCalculatorTests
{
    private static readonly TermCalculator Calc = TermCalculator.Default;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Theory]
    [InlineData(2026, 1, 31, 1, 2026, 2, 28)] // no 31 February: last day of the month
    [InlineData(2028, 1, 31, 1, 2028, 2, 29)] // leap year
    [InlineData(2026, 3, 31, 1, 2026, 4, 30)]
    [InlineData(2025, 12, 15, 2, 2026, 2, 15)] // across the year end
    [InlineData(2026, 2, 6, 2, 2026, 4, 6)]
    public void Given_a_term_in_months_When_its_end_is_computed_Then_it_is_the_same_day_or_the_month_end(int y, int m, int d, int months, int ey, int em, int ed) =>
        Assert.Equal(D(ey, em, ed), Calc.DueDate(D(y, m, d), months, TermUnit.Months));

    [Fact]
    public void Given_a_term_in_days_When_its_end_is_computed_Then_counting_starts_the_next_day() =>
        Assert.Equal(D(2026, 2, 7), Calc.DueDate(D(2026, 2, 2), 5, TermUnit.CalendarDays));

    [Fact]
    public void Given_working_days_across_nauryz_and_moved_days_off_When_counted_Then_holidays_are_skipped() =>
        // Fri 20 Mar 2026; 21–23 Nauryz, 24–25 moved days off; working: 26, 27, 30, 31 Mar, 1 Apr.
        Assert.Equal(D(2026, 4, 1), Calc.DueDate(D(2026, 3, 20), 5, TermUnit.WorkingDays));

    [Fact]
    public void Given_working_days_across_new_year_and_christmas_When_counted_Then_holidays_are_skipped() =>
        // Wed 31 Dec 2025; 1–2 Jan holidays, 3–4 weekend, 7 Jan Christmas; ten working days end on Mon 19 Jan 2026.
        Assert.Equal(D(2026, 1, 19), Calc.DueDate(D(2025, 12, 31), 10, TermUnit.WorkingDays));

    [Fact]
    public void Given_a_holiday_moved_from_a_saturday_When_counting_working_days_Then_the_moved_day_off_is_skipped() =>
        // Republic Day 25 Oct 2025 was a Saturday; Monday 27 Oct was the day off.
        Assert.Equal(D(2025, 10, 28), Calc.DueDate(D(2025, 10, 24), 1, TermUnit.WorkingDays));

    [Fact]
    public void Given_a_due_date_on_a_day_off_When_the_row_moves_it_Then_it_ends_on_the_next_working_day() =>
        // 21 Feb 2026 + 1 month = Sat 21 Mar (Nauryz); 22 Sun, 23 holiday, 24–25 moved days off → Thu 26 Mar.
        Assert.Equal(D(2026, 3, 26), Calc.DueDate(D(2026, 2, 21), 1, TermUnit.Months, movesToNextWorkingDay: true));

    [Fact]
    public void Given_a_year_outside_the_table_When_counting_working_days_Then_fixed_holidays_still_count() =>
        // Wed 20 Mar 2030: 21–22 Nauryz, 23–24 weekend (no moved days known) → Tue 26 Mar.
        Assert.Equal(D(2030, 3, 26), Calc.DueDate(D(2030, 3, 20), 2, TermUnit.WorkingDays));

    [Fact]
    public void Given_a_month_term_and_a_suspension_When_extended_Then_the_suspended_calendar_days_are_added() =>
        Assert.Equal(D(2026, 4, 16), Calc.ExtendForSuspension(D(2026, 4, 6), TermUnit.Months, [(D(2026, 2, 10), D(2026, 2, 20))]));

    [Fact]
    public void Given_overlapping_suspensions_When_extended_Then_overlaps_count_once() =>
        Assert.Equal(D(2026, 4, 13), Calc.ExtendForSuspension(D(2026, 4, 6), TermUnit.Months, [(D(2026, 2, 10), D(2026, 2, 15)), (D(2026, 2, 12), D(2026, 2, 17))]));

    [Fact]
    public void Given_a_working_day_term_and_a_suspension_When_extended_Then_the_suspended_working_days_are_added() =>
        // Suspended Mon 9 – Thu 12 Feb 2026 (9, 10, 11 are working days) → due Mon 16 Feb + 3 working days = Thu 19 Feb.
        Assert.Equal(D(2026, 2, 19), Calc.ExtendForSuspension(D(2026, 2, 16), TermUnit.WorkingDays, [(D(2026, 2, 9), D(2026, 2, 12))]));

    [Fact]
    public void Given_overlapping_and_open_suspensions_When_net_duration_is_computed_Then_suspended_time_is_excluded_once()
    {
        var start = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.FromHours(5));
        var end = start.AddDays(28);
        TimeInterval[] suspensions =
        [
            new(start.AddDays(4), start.AddDays(9)),
            new(start.AddDays(7), start.AddDays(11)), // overlaps the first: 4 → 11 is 7 days
            new(start.AddDays(19), null),             // still open: 19 → 28 is 9 days
            new(start.AddDays(-6), start.AddDays(2)), // starts before the term: counts 2 days
        ];
        Assert.Equal(TimeSpan.FromDays(28 - 7 - 9 - 2), TermCalculator.NetDuration(start, end, suspensions));
    }

    [Fact]
    public void Given_no_suspension_When_net_duration_is_computed_Then_it_is_the_elapsed_time()
    {
        var start = new DateTimeOffset(2026, 2, 1, 9, 30, 0, TimeSpan.FromHours(5));
        Assert.Equal(TimeSpan.FromHours(50), TermCalculator.NetDuration(start, start.AddHours(50), []));
    }

    [Fact]
    public void Given_dates_When_net_days_are_computed_Then_suspended_days_inside_the_term_are_subtracted() =>
        Assert.Equal(59 - 10, TermCalculator.NetDays(D(2026, 2, 6), D(2026, 4, 6), [(D(2026, 2, 10), D(2026, 2, 20)), (D(2026, 5, 1), D(2026, 5, 9))]));

    [Fact]
    public void Given_a_moment_When_its_civil_date_is_taken_Then_the_courts_time_zone_is_used()
    {
        Assert.Equal(D(2026, 2, 2), Calc.LocalDate(new DateTimeOffset(2026, 2, 1, 20, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 2, 8, 0, 0, 0, TimeSpan.FromHours(5)), Calc.EndOf(D(2026, 2, 7)));
    }
}

public class HolidayCalendarTests
{
    private static readonly HolidayCalendar Calendar = HolidayCalendar.Default;

    [Theory]
    [InlineData("2026-03-23", false)] // Nauryz
    [InlineData("2026-03-24", false)] // moved from Saturday 21 March
    [InlineData("2026-03-26", true)]
    [InlineData("2025-10-27", false)] // moved Republic Day
    [InlineData("2025-12-16", false)] // Independence Day
    [InlineData("2024-05-04", true)]  // Saturday worked in exchange for 8 May
    [InlineData("2024-05-08", false)]
    [InlineData("2026-02-07", false)] // Saturday
    [InlineData("2026-02-09", true)]
    public void Given_a_date_When_asked_if_courts_work_Then_the_calendar_answers(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Given_the_shipped_calendar_When_loaded_Then_it_covers_2024_to_2027() =>
        Assert.Equal([2024, 2025, 2026, 2027], Calendar.CoveredYears.Order());

    [Fact]
    public void Given_a_calendar_with_a_date_under_the_wrong_year_When_loaded_Then_it_is_rejected()
    {
        var json = """{"country":"KZ","fixedHolidays":[],"years":[{"year":2026,"movableHolidays":[{"date":"2025-06-06","nameRu":"x","nameEn":"x","kind":"religious","verified":false}],"movedDaysOff":[],"workingWeekendDays":[]}]}""";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Throws<InvalidDataException>(() => HolidayCalendar.Load(stream));
    }
}

public class TermRuleBookTests
{
    private static readonly TermRuleBook Book = TermRuleBook.Default;

    [Fact]
    public void Every_row_has_a_legal_source_and_a_published_start_and_end_event()
    {
        Assert.NotEmpty(Book.Rows);
        Assert.All(Book.Rows, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Source.Code));
            Assert.False(string.IsNullOrWhiteSpace(r.Source.Article));
            Assert.DoesNotContain("http", r.Source.Citation, StringComparison.OrdinalIgnoreCase);
            Assert.NotNull(Ledger.Domain.Cases.CaseEventTypes.TypeOf(r.StartsOn));
            Assert.All(r.EndsOn, e => Assert.NotNull(Ledger.Domain.Cases.CaseEventTypes.TypeOf(e)));
            Assert.True(r.Verified || !string.IsNullOrWhiteSpace(r.Note), $"Unverified row {r.Id} must say why.");
        });
        Assert.Equal(Book.Rows.Count, Book.Rows.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void Every_suspension_ground_has_a_row_naming_its_code_and_article()
    {
        foreach (var ground in Enum.GetValues<Ledger.Domain.Cases.SuspensionGround>())
        {
            var row = Book.Ground(ground.ToString());
            Assert.NotNull(row);
            Assert.Contains(row!.CaseKind, new[] { "civil", "criminal", "administrative" });
            Assert.False(string.IsNullOrWhiteSpace(row.Article));
        }
    }

    [Fact]
    public void Given_the_shipped_table_When_read_Then_the_confirmed_civil_terms_are_present()
    {
        var general = Book["civil.consideration.general"];
        Assert.Equal((2, TermUnit.Months, "183", true), (general.Amount, general.Unit, general.Source.Article, general.Verified));
        var complaint = Book["civil.private-complaint"];
        Assert.Equal((10, TermUnit.WorkingDays, "429"), (complaint.Amount, complaint.Unit, complaint.Source.Article));
    }

    [Fact]
    public void Given_a_row_without_a_source_When_the_table_is_loaded_Then_it_is_rejected()
    {
        var json = """{"version":1,"timeZoneOffset":"+05:00","rows":[{"id":"x","kind":"k","titleRu":"x","titleEn":"x","caseKind":"civil","categories":[],"actKinds":[],"type":"deadline","obligation":"court","startsOn":"claim-filed","endsOn":["case-accepted"],"amount":5,"unit":"working-days","excludesSuspension":false,"movesToNextWorkingDay":false,"source":null,"verified":false,"suspensionRuleVerified":false,"note":null}]}""";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Throws<InvalidDataException>(() => TermRuleBook.Load(stream));
    }

    [Fact]
    public void Given_a_civil_general_case_When_the_end_of_preparation_starts_terms_Then_only_the_two_month_row_applies() =>
        Assert.Equal(["civil.consideration.general"], Book.StartedBy("preparation-completed", "civil", "general").Select(r => r.Id));
}
