using System.Diagnostics;

namespace Antigravity.Benchmarks.Load;

/// <summary>
/// Many streams open at once: <c>streams</c> connections, each sending one streaming request, opened evenly over
/// a ramp (so the listen backlog is not the thing measured) and all held open by an upstream that pauses
/// mid-stream for longer than the ramp.
/// </summary>
public static class ConcurrentStreams
{
    /// <summary>Runs the streams to their end; <c>MostOpen</c> is how many were in flight at once at the peak.</summary>
    public static async Task<(LoadResult Result, int MostOpen, TimeSpan Elapsed)> RunAsync(HttpRequestTemplate request, int streams, TimeSpan ramp, CancellationToken cancellationToken)
    {
        var open = 0;
        var mostOpen = 0;
        var clock = Stopwatch.StartNew();
        var tasks = new Task<ResponseTiming>[streams];
        const int Batch = 10;
        for (var i = 0; i < streams; i++)
        {
            if (i % Batch == 0 && i > 0)
            {
                var due = ramp * ((double)i / streams);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, cancellationToken);
                }
            }
            tasks[i] = Task.Run(async () =>
            {
                var now = Interlocked.Increment(ref open);
                InterlockedMax(ref mostOpen, now);
                try
                {
                    using var connection = new Http1Connection(request.EndPoint);
                    return await connection.SendAsync(request, cancellationToken);
                }
                finally
                {
                    Interlocked.Decrement(ref open);
                }
            }, cancellationToken);
        }
        var timings = await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        return (new LoadResult(timings, timings.Count(t => t.Succeeded), elapsed), mostOpen, elapsed);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
