namespace Antigravity.Benchmarks.Overhead;

/// <summary>Time to the first body byte and to the end of the body of one request, in milliseconds.</summary>
public readonly record struct LatencySample(double FirstByteMs, double TotalMs);

/// <summary>Order statistics of a set of samples.</summary>
public sealed class LatencySummary
{
    private readonly double[] _firstByte;
    private readonly double[] _total;

    /// <summary>Summarises <paramref name="samples"/> (at least one).</summary>
    public LatencySummary(IReadOnlyCollection<LatencySample> samples)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("No samples.", nameof(samples));
        }
        _firstByte = samples.Select(s => s.FirstByteMs).Order().ToArray();
        _total = samples.Select(s => s.TotalMs).Order().ToArray();
    }

    /// <summary>How many requests were measured.</summary>
    public int Count => _total.Length;

    /// <summary>Median time to first byte.</summary>
    public double FirstByteMedian => Percentile(_firstByte, 0.5);

    /// <summary>90th percentile time to first byte.</summary>
    public double FirstByteP90 => Percentile(_firstByte, 0.9);

    /// <summary>Median total time.</summary>
    public double TotalMedian => Percentile(_total, 0.5);

    /// <summary>90th percentile total time.</summary>
    public double TotalP90 => Percentile(_total, 0.9);

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
