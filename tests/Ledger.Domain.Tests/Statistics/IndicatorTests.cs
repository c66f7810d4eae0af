using FsCheck.Xunit;
using Ledger.Domain.Statistics;

namespace Ledger.Domain.Tests.Statistics;

public class IndicatorTests
{
    [Fact]
    public void Given_100_incoming_and_90_resolved_When_computing_Then_the_clearance_rate_is_90_percent()
    {
        Assert.Equal(90.0, Indicators.ClearanceRate(90, 100));
        Assert.Equal(125.0, Indicators.ClearanceRate(5, 4));
        Assert.Null(Indicators.ClearanceRate(5, 0));
    }

    [Fact]
    public void Given_50_pending_and_100_resolved_in_a_year_When_computing_Then_the_disposition_time_is_182_5_days()
    {
        Assert.Equal(182.5, Indicators.DispositionTime(50, 100));
        Assert.Equal(15.0, Indicators.DispositionTime(50, 100, periodDays: 30));
        Assert.Null(Indicators.DispositionTime(50, 0));
        Assert.Equal(2.0, Indicators.Turnover(100, 50));
        Assert.Null(Indicators.Turnover(100, 0));
    }

    [Fact]
    public void Given_pending_from_100_to_120_When_computing_Then_the_backlog_grew_by_a_fifth()
    {
        Assert.Equal(0.2, Indicators.BacklogChange(100, 120)!.Value, 10);
        Assert.Equal(-0.5, Indicators.BacklogChange(10, 5));
        Assert.Null(Indicators.BacklogChange(0, 5));
        Assert.Equal(75.0, Indicators.ShareWithinTerm(3, 4));
        Assert.Null(Indicators.ShareWithinTerm(0, 0));
    }

    [Fact]
    public void Given_values_When_taking_the_median_Then_even_counts_average_the_middle_pair()
    {
        Assert.Equal(2.5, Indicators.Median([1, 3, 2, 10]));
        Assert.Equal(3.0, Indicators.Median([5, 3, 1]));
        Assert.Null(Indicators.Median([]));
        Assert.Equal(4.0, Indicators.Mean([1.0, 3.0, 8.0]));
    }

    [Theory]
    [InlineData("2026-05-01", AgeBucket.UnderTwoMonths)]
    [InlineData("2026-04-30", AgeBucket.TwoToSixMonths)]
    [InlineData("2025-12-31", AgeBucket.TwoToSixMonths)]
    [InlineData("2025-12-30", AgeBucket.SixToTwelveMonths)]
    [InlineData("2025-07-01", AgeBucket.SixToTwelveMonths)]
    [InlineData("2025-06-30", AgeBucket.OverTwelveMonths)]
    public void Given_a_receipt_date_When_seen_on_30_June_2026_Then_its_age_bucket_follows_calendar_months(string received, AgeBucket expected) =>
        Assert.Equal(expected, PendingAge.BucketOf(DateOnly.Parse(received, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 6, 30)));

    [Fact]
    public void Given_daily_flows_When_building_weekly_and_monthly_series_Then_counts_sum_and_pending_carries_over()
    {
        var daily = new Dictionary<DateOnly, FlowCounts>
        {
            [new DateOnly(2026, 1, 30)] = new() { Received = 5 },
            [new DateOnly(2026, 2, 2)] = new() { Received = 3, Resolved = 1, Decided = 1 },
            [new DateOnly(2026, 2, 8)] = new() { Received = 1 },
            [new DateOnly(2026, 2, 9)] = new() { Resolved = 2, Reopened = 1 },
            [new DateOnly(2026, 3, 1)] = new() { Resolved = 4 },
        };

        var weeks = FlowSeries.Build(daily, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 15), SeriesInterval.Week);
        Assert.Equal([new DateOnly(2026, 1, 26), new DateOnly(2026, 2, 2), new DateOnly(2026, 2, 9)], weeks.Select(w => w.PeriodStart));
        Assert.Equal([0, 4, 0], weeks.Select(w => w.Counts.Received));
        Assert.Equal([5, 8, 7], weeks.Select(w => w.PendingEnd));

        var months = FlowSeries.Build(daily, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), SeriesInterval.Month);
        Assert.Equal([5, 4, 0], months.Select(m => m.Counts.Received));
        Assert.Equal([5, 7, 3], months.Select(m => m.PendingEnd));
        Assert.Equal(7, FlowSeries.PendingAtEndOf(daily, new DateOnly(2026, 2, 28)));
    }

    [Property(MaxTest = 200)]
    public void Daily_series_pending_equals_all_incoming_minus_all_resolved_up_to_each_day(byte[] received, byte[] resolved)
    {
        var start = new DateOnly(2026, 1, 1);
        var daily = new Dictionary<DateOnly, FlowCounts>();
        for (var i = 0; i < Math.Min(received?.Length ?? 0, resolved?.Length ?? 0); i++)
        {
            daily[start.AddDays(i)] = new FlowCounts { Received = received![i], Resolved = resolved![i] };
        }

        var series = FlowSeries.Build(daily, start.AddDays(3), start.AddDays(40), SeriesInterval.Day);
        foreach (var point in series)
        {
            Assert.Equal(FlowSeries.PendingAtEndOf(daily, point.PeriodStart), point.PendingEnd);
        }
    }
}
