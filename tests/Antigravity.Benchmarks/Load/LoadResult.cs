using System.Diagnostics;

namespace Antigravity.Benchmarks.Load;

/// <summary>The requests of one measurement window: their timings in milliseconds, sorted, and the failures.</summary>
public sealed class LoadResult
{
    private readonly double[] _total;
    private readonly double[] _firstToken;
    private readonly double[] _longestGap;

    /// <summary>Summarises the timings of the requests that succeeded in a window of <paramref name="window"/>.</summary>
    public LoadResult(IReadOnlyList<ResponseTiming> timings, int completedInWindow, TimeSpan window)
    {
        var ok = timings.Where(t => t.Succeeded).ToList();
        _total = [.. ok.Select(t => Milliseconds(t.TotalTicks)).Order()];
        _firstToken = [.. ok.Select(t => Milliseconds(t.FirstTokenTicks)).Order()];
        _longestGap = [.. ok.Select(t => Milliseconds(t.LongestGapTicks)).Order()];
        Failures = timings.Count - ok.Count;
        FirstFailure = timings.FirstOrDefault(t => !t.Succeeded).Failure;
        RequestsPerSecond = completedInWindow / window.TotalSeconds;
    }

    /// <summary>Requests that answered 200 with the emulated text.</summary>
    public int Count => _total.Length;

    /// <summary>Requests that did not.</summary>
    public int Failures { get; }

    /// <summary>What the first failure said.</summary>
    public string? FirstFailure { get; }

    /// <summary>Successful answers completed per second of the window.</summary>
    public double RequestsPerSecond { get; }

    /// <summary>Time to the end of the answer at percentile <paramref name="p"/> (0–1).</summary>
    public double Total(double p) => Percentile(_total, p);

    /// <summary>Time to the first text of the answer at percentile <paramref name="p"/>.</summary>
    public double FirstToken(double p) => Percentile(_firstToken, p);

    /// <summary>Longest silence inside one answer, at percentile <paramref name="p"/> over the answers.</summary>
    public double LongestGap(double p) => Percentile(_longestGap, p);

    /// <summary>Nearest-rank percentile; NaN without samples.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
