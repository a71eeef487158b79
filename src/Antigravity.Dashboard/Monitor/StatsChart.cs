using System.Globalization;

namespace Antigravity.Dashboard.Monitor;

/// <summary>One line of a chart: its label, colour and one value per bucket.</summary>
public sealed record ChartSeries(string Label, string Color, IReadOnlyList<long> Values)
{
    /// <summary>The sum over every bucket.</summary>
    public long Total => Values.Sum();
}

/// <summary>A rectangle of a stacked bar, with its tooltip.</summary>
public sealed record ChartBar(double X, double Y, double Width, double Height, string Color, string Title);

/// <summary>A labelled position on an axis.</summary>
public sealed record ChartTick(double Position, string Label);

/// <summary>Everything an SVG stacked bar chart draws, in view-box units.</summary>
public sealed record StackedChart(
    IReadOnlyList<ChartBar> Bars, IReadOnlyList<ChartTick> YTicks, IReadOnlyList<ChartTick> XTicks, long Max)
{
    /// <summary>View-box width.</summary>
    public const double Width = 720;

    /// <summary>View-box height.</summary>
    public const double Height = 240;

    /// <summary>Left edge of the plot (room for the value labels).</summary>
    public const double Left = 52;

    /// <summary>Right edge of the plot.</summary>
    public const double Right = Width - 8;

    /// <summary>Top of the plot.</summary>
    public const double Top = 10;

    /// <summary>Bottom of the plot (room for the time labels).</summary>
    public const double Bottom = Height - 26;
}

/// <summary>
/// The Statistics page's chart geometry, kept apart from the markup so it can be tested: which series get their
/// own colour, a round scale, where each bar goes, and which buckets carry a time label.
/// </summary>
internal static class StatsChart
{
    /// <summary>Colours of the series, in order; "other" is grey.</summary>
    public static readonly IReadOnlyList<string> Palette = ["#4f46e5", "#0ea5e9", "#16a34a", "#f59e0b", "#db2777", "#7c3aed"];

    /// <summary>Colour of the "other" series.</summary>
    public const string OtherColor = "#a3a8bd";

    /// <summary>The first <paramref name="keep"/> series in their own colours, the rest summed into "other".</summary>
    public static IReadOnlyList<ChartSeries> Top(IReadOnlyList<(string Label, IReadOnlyList<long> Values)> series, int keep, int buckets)
    {
        ArgumentNullException.ThrowIfNull(series);
        var result = new List<ChartSeries>();
        for (var i = 0; i < Math.Min(keep, series.Count); i++)
        {
            result.Add(new ChartSeries(series[i].Label, Palette[i % Palette.Count], series[i].Values));
        }
        if (series.Count > keep)
        {
            var other = new long[buckets];
            for (var i = keep; i < series.Count; i++)
            {
                for (var b = 0; b < buckets && b < series[i].Values.Count; b++)
                {
                    other[b] += series[i].Values[b];
                }
            }
            result.Add(new ChartSeries($"{series.Count - keep} other", OtherColor, other));
        }
        return result;
    }

    /// <summary>How many steps the value axis has (ticks at 0 and after each step).</summary>
    public const int ValueSteps = 4;

    /// <summary>
    /// The step between value ticks: the smallest 1, 2, 2.5 or 5 × 10ⁿ (whole, at least 1) such that
    /// <see cref="ValueSteps"/> steps reach <paramref name="max"/>, so every tick label is round.
    /// </summary>
    public static long NiceStep(long max)
    {
        var needed = Math.Max(1, (max + ValueSteps - 1) / ValueSteps);
        var magnitude = (long)Math.Pow(10, Math.Floor(Math.Log10(needed)));
        // 2.5 × 1 is not whole: integer division makes it 2 again, which is harmless.
        foreach (var candidate in (long[])[magnitude, 2 * magnitude, magnitude * 5 / 2, 5 * magnitude, 10 * magnitude])
        {
            if (candidate >= needed)
            {
                return candidate;
            }
        }
        return 10 * magnitude;
    }

    /// <summary>Lays out <paramref name="series"/> stacked per bucket; <paramref name="label"/> names a bucket, <paramref name="unit"/> its values.</summary>
    public static StackedChart Stack(IReadOnlyList<DateTimeOffset> buckets, IReadOnlyList<ChartSeries> series, Func<DateTimeOffset, string> label, string unit)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(label);
        long peak = 0;
        for (var b = 0; b < buckets.Count; b++)
        {
            peak = Math.Max(peak, series.Sum(s => b < s.Values.Count ? s.Values[b] : 0));
        }
        var step = NiceStep(peak);
        var max = step * ValueSteps;
        var plotHeight = StackedChart.Bottom - StackedChart.Top;
        var slot = buckets.Count == 0 ? 0 : (StackedChart.Right - StackedChart.Left) / buckets.Count;
        var barWidth = Math.Max(1, slot * 0.72);
        var bars = new List<ChartBar>();
        for (var b = 0; b < buckets.Count; b++)
        {
            var x = StackedChart.Left + b * slot + (slot - barWidth) / 2;
            var y = StackedChart.Bottom;
            foreach (var line in series)
            {
                var value = b < line.Values.Count ? line.Values[b] : 0;
                if (value <= 0)
                {
                    continue;
                }
                var height = value * plotHeight / max;
                y -= height;
                bars.Add(new ChartBar(Round(x), Round(y), Round(barWidth), Round(height), line.Color,
                    $"{line.Label} · {label(buckets[b])}: {value.ToString("N0", CultureInfo.InvariantCulture)} {unit}"));
            }
        }
        var yTicks = new List<ChartTick>();
        for (var i = 0; i <= ValueSteps; i++)
        {
            yTicks.Add(new ChartTick(Round(StackedChart.Bottom - plotHeight * i / ValueSteps), Compact(step * i)));
        }
        var xTicks = new List<ChartTick>();
        var every = Math.Max(1, (int)Math.Ceiling(buckets.Count / 6d));
        for (var b = 0; b < buckets.Count; b += every)
        {
            xTicks.Add(new ChartTick(Round(StackedChart.Left + b * slot + slot / 2), label(buckets[b])));
        }
        return new StackedChart(bars, yTicks, xTicks, max);
    }

    /// <summary>An axis label: 0, 250, 1.5k, 2M.</summary>
    public static string Compact(double value) => value switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (value / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("0.#", CultureInfo.InvariantCulture),
    };

    /// <summary>How a bucket of <paramref name="range"/> is named on the time axis (UTC).</summary>
    public static string BucketLabel(string range, DateTimeOffset start) => range switch
    {
        "hour" => start.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture),
        "week" => start.UtcDateTime.ToString("ddd d", CultureInfo.InvariantCulture),
        _ => start.UtcDateTime.ToString("HH:00", CultureInfo.InvariantCulture),
    };

    private static double Round(double value) => Math.Round(value, 2);
}
