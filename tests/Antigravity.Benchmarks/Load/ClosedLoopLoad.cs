using System.Diagnostics;

namespace Antigravity.Benchmarks.Load;

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers, one keep-alive connection each, each sending its next request as
/// soon as the last one is answered, for a warm-up and then a measured window. Requests started in the window are
/// timed; those finished in it count towards requests per second.
/// </summary>
public static class ClosedLoopLoad
{
    /// <summary>Runs the load and summarises the measured window.</summary>
    public static async Task<LoadResult> RunAsync(HttpRequestTemplate request, int concurrency, MeasureWindow window, CancellationToken cancellationToken)
    {
        var measureFrom = Stopwatch.GetTimestamp() + Ticks(window.Warmup);
        var measureTo = measureFrom + Ticks(window.Duration);
        var workers = new Task<(List<ResponseTiming> Timings, int Completed)>[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            workers[i] = Task.Run(() => WorkAsync(request, measureFrom, measureTo, cancellationToken), cancellationToken);
        }
        var results = await Task.WhenAll(workers);
        return new LoadResult([.. results.SelectMany(r => r.Timings)], results.Sum(r => r.Completed), window.Duration);
    }

    private static async Task<(List<ResponseTiming>, int)> WorkAsync(HttpRequestTemplate request, long measureFrom, long measureTo, CancellationToken cancellationToken)
    {
        using var connection = new Http1Connection(request.EndPoint);
        var timings = new List<ResponseTiming>(4096);
        var completed = 0;
        while (Stopwatch.GetTimestamp() is var startedAt && startedAt < measureTo)
        {
            var timing = await connection.SendAsync(request, cancellationToken);
            var endedAt = Stopwatch.GetTimestamp();
            if (startedAt >= measureFrom)
            {
                timings.Add(timing);
            }
            if (timing.Succeeded && endedAt >= measureFrom && endedAt <= measureTo)
            {
                completed++;
            }
        }
        return (timings, completed);
    }

    internal static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
