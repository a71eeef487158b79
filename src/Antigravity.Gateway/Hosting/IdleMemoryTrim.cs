namespace Antigravity.Gateway.Hosting;

/// <summary>
/// Gives memory back after a burst. The garbage collector sizes its heap to the load (a thousand open streams,
/// thousands of requests a second) and keeps it while nothing allocates: an idle gateway would go on holding what
/// the burst needed. Every <see cref="Interval"/> this looks at how much was allocated since the last look; once the
/// gateway is idle (under <see cref="IdleAllocationBytes"/> and no request open) with the heap grown by
/// <see cref="GrowthBytes"/> or more since the last trim, it runs one aggressive, compacting collection, which returns
/// the free memory to the operating system. Neither a gateway under load nor a quiet open stream (an upstream
/// thinking for seconds allocates nothing) ever waits for that pause.
/// </summary>
internal sealed partial class IdleMemoryTrim(ActiveRequests active, TimeProvider time, ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    /// <summary>How often the allocation rate is looked at.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Allocated within one interval, below which the gateway counts as idle.</summary>
    public const long IdleAllocationBytes = 4L * 1024 * 1024;

    /// <summary>Heap growth since the last trim that makes a trim worth its pause.</summary>
    public const long GrowthBytes = 64L * 1024 * 1024;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var allocated = GC.GetTotalAllocatedBytes();
        var baseline = GC.GetGCMemoryInfo().TotalCommittedBytes;
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = GC.GetTotalAllocatedBytes();
            var allocatedSince = now - allocated;
            allocated = now;
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            if (!ShouldTrim(allocatedSince, committed - baseline, active.Count))
            {
                baseline = Math.Min(baseline, committed);
                continue;
            }
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
            Log.Trimmed(logger, committed / (1024 * 1024), after / (1024 * 1024));
            baseline = after;
            allocated = GC.GetTotalAllocatedBytes();
        }
    }

    /// <summary>A trim is worth its pause after a burst (the heap grew by <see cref="GrowthBytes"/>) and harms nobody only when nothing runs.</summary>
    internal static bool ShouldTrim(long allocatedSinceLastLook, long committedGrowth, long activeRequests) =>
        activeRequests == 0 && allocatedSinceLastLook < IdleAllocationBytes && committedGrowth >= GrowthBytes;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Idle after a burst: the heap went from {BeforeMiB} MiB committed to {AfterMiB} MiB.")]
        public static partial void Trimmed(ILogger logger, long beforeMiB, long afterMiB);
    }
}
