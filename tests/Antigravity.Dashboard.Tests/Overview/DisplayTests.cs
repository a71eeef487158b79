using Antigravity.Dashboard.Components.Shared;

namespace Antigravity.Dashboard.Tests.Overview;

/// <summary>How numbers, shares and times read on the pages.</summary>
public sealed class DisplayTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(1234, "1,234")]
    [InlineData(45_600, "45.6k")]
    [InlineData(7_890_000, "7.89M")]
    [InlineData(2_500_000_000, "2.5B")]
    public void Counts_are_short(long value, string expected) => Assert.Equal(expected, Display.Count(value));

    [Theory]
    [InlineData(0, "0%")]
    [InlineData(0.001, "<1%")]
    [InlineData(0.257, "26%")]
    [InlineData(1, "100%")]
    public void Shares_are_whole_percentages(double fraction, string expected) => Assert.Equal(expected, Display.Percent(fraction));

    [Fact]
    public void Times_read_in_the_two_largest_units()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal("in 2 h 5 min", Display.Until(now.AddMinutes(125), now));
        Assert.Equal("in 40 s", Display.Until(now.AddSeconds(40), now));
        Assert.Equal("now", Display.Until(now.AddSeconds(-1), now));
        Assert.Equal("3 d 4 h ago", Display.Ago(now.AddHours(-76), now));
        Assert.Equal("just now", Display.Ago(now.AddSeconds(-2), now));
    }
}
