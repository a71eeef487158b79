using Antigravity.Dashboard.Monitor;

namespace Antigravity.Dashboard.Tests.Monitor;

/// <summary>The Statistics charts' geometry: round scales, stacked bars inside the plot, top series plus "other".</summary>
public sealed class StatsChartTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 1)]
    [InlineData(7, 2)]
    [InlineData(25, 10)]
    [InlineData(400, 100)]
    [InlineData(450, 200)]
    [InlineData(1000, 250)]
    [InlineData(4100, 2000)]
    public void Value_ticks_are_round_steps_that_reach_the_peak(long peak, long step)
    {
        Assert.Equal(step, StatsChart.NiceStep(peak));
        Assert.True(step * StatsChart.ValueSteps >= peak);
    }

    [Fact]
    public void Series_beyond_the_top_ones_are_summed_into_other()
    {
        var series = Enumerable.Range(1, 8).Select(n => ($"model-{n}", (IReadOnlyList<long>)[n, 10 * n])).ToList();

        var top = StatsChart.Top(series, 6, 2);

        Assert.Equal(7, top.Count);
        Assert.Equal("model-1", top[0].Label);
        Assert.Equal("2 other", top[6].Label);
        Assert.Equal([15L, 150L], top[6].Values);
        Assert.Equal(StatsChart.OtherColor, top[6].Color);
        Assert.Equal(6, top.Take(6).Select(s => s.Color).Distinct().Count());
    }

    [Fact]
    public void Bars_stack_per_bucket_and_the_tallest_stack_fits_the_plot()
    {
        IReadOnlyList<DateTimeOffset> buckets = [Start, Start.AddHours(1), Start.AddHours(2)];
        IReadOnlyList<ChartSeries> series = [new("a", "#111", [100, 0, 300]), new("b", "#222", [50, 0, 100])];

        var chart = StatsChart.Stack(buckets, series, b => StatsChart.BucketLabel("day", b), "tokens");

        Assert.Equal(400, chart.Max);
        Assert.Equal(4, chart.Bars.Count); // the empty bucket draws nothing
        Assert.All(chart.Bars, bar => Assert.InRange(bar.Y, StackedChart.Top - 0.01, StackedChart.Bottom + 0.01));
        var third = chart.Bars.Where(b => b.Title.Contains("02:00", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, third.Count);
        Assert.Equal(StackedChart.Bottom, third[0].Y + third[0].Height, 1);
        Assert.Equal(third[0].Y, third[1].Y + third[1].Height, 1); // b sits on a
        Assert.Equal(StackedChart.Bottom - StackedChart.Top, third[0].Height + third[1].Height, 1); // the peak fills the plot
        Assert.Equal("a · 02:00: 300 tokens", third[0].Title);
        Assert.Equal(["0", "100", "200", "300", "400"], chart.YTicks.Select(t => t.Label));
    }

    [Fact]
    public void Time_labels_follow_the_range_and_at_most_six_or_seven_are_written()
    {
        var minutes = Enumerable.Range(0, 60).Select(m => Start.AddMinutes(m)).ToList();

        var chart = StatsChart.Stack(minutes, [new ChartSeries("a", "#111", [.. minutes.Select(_ => 1L)])], b => StatsChart.BucketLabel("hour", b), "requests");

        Assert.InRange(chart.XTicks.Count, 5, 7);
        Assert.Equal("00:00", chart.XTicks[0].Label);
        Assert.Equal("Sun 22", StatsChart.BucketLabel("week", Start));
        Assert.Equal("05:00", StatsChart.BucketLabel("day", Start.AddHours(5)));
    }

    [Fact]
    public void Few_series_need_no_other_and_no_buckets_draw_nothing()
    {
        var top = StatsChart.Top([("only", (IReadOnlyList<long>)[5, 0])], 6, 2);
        var empty = StatsChart.Stack([], top, b => StatsChart.BucketLabel("day", b), "tokens");

        Assert.Equal(["only"], top.Select(s => s.Label));
        Assert.Empty(empty.Bars);
        Assert.Empty(empty.XTicks);
        Assert.Equal(StatsChart.ValueSteps, empty.Max);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(250, "250")]
    [InlineData(1500, "1.5k")]
    [InlineData(625_000, "625k")]
    [InlineData(2_000_000, "2M")]
    public void Axis_labels_are_short(double value, string expected) => Assert.Equal(expected, StatsChart.Compact(value));

    [Fact]
    public void Big_scales_stay_round_and_label_their_ticks_short()
    {
        IReadOnlyList<DateTimeOffset> buckets = [Start];

        var chart = StatsChart.Stack(buckets, [new ChartSeries("a", "#111", [2_000_001])], b => StatsChart.BucketLabel("day", b), "tokens");

        Assert.Equal(4_000_000, chart.Max);
        Assert.Equal(["0", "1M", "2M", "3M", "4M"], chart.YTicks.Select(t => t.Label));
        Assert.Equal(StackedChart.Top, chart.YTicks[^1].Position, 1);
        Assert.Equal(StackedChart.Bottom, chart.YTicks[0].Position, 1);
    }
}
