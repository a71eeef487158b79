namespace Antigravity.Gateway.Hosting;

/// <summary>
/// Gives memory back after a burst. The garbage collector sizes its heap to the load (a thousand open streams,
/// thousands of requests a second) and keeps it while nothing allocates: an idle gateway would go on holding what
/// the burst needed. Every <see cref="Interval"/> this looks at how much was allocated since the last look; once the
/// gateway is idle (under <see cref="IdleAllocationBytes"/>) with the heap grown by <see cref="GrowthBytes"/> or
/// more since the last trim, it runs one aggressive, compacting collection, which returns the free memory to the
/// operating system. A gateway under load is never interrupted.
/// </summary>
internal sealed partial class IdleMemoryTrim(TimeProvider time, ILogger<IdleMemoryTrim> logger) : BackgroundService
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
            var idle = now - allocated < IdleAllocationBytes;
            allocated = now;
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            if (!idle || committed - baseline < GrowthBytes)
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

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Idle after a burst: the heap went from {BeforeMiB} MiB committed to {AfterMiB} MiB.")]
        public static partial void Trimmed(ILogger logger, long beforeMiB, long afterMiB);
    }
}
