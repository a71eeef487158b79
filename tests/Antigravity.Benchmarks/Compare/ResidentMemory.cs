using System.Globalization;

namespace Antigravity.Benchmarks.Compare;

/// <summary>Resident set size of processes, from <c>/proc/&lt;pid&gt;/status</c> (<c>VmRSS</c>).</summary>
public static class ResidentMemory
{
    /// <summary>The summed RSS of <paramref name="pids"/> in MiB (a process that is gone counts 0).</summary>
    public static double MiB(IEnumerable<int> pids) => pids.Sum(Kib) / 1024.0;

    private static long Kib(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    /// <summary>Samples the summed RSS of a fixed set of processes every <paramref name="interval"/> until disposed; <see cref="PeakMiB"/> is the highest seen.</summary>
    public sealed class PeakSampler : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        /// <summary>Starts sampling.</summary>
        public PeakSampler(IReadOnlyList<int> pids, TimeSpan interval)
        {
            _loop = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(interval);
                try
                {
                    do
                    {
                        PeakMiB = Math.Max(PeakMiB, MiB(pids));
                    }
                    while (await timer.WaitForNextTickAsync(_stop.Token));
                }
                catch (OperationCanceledException)
                {
                }
                PeakMiB = Math.Max(PeakMiB, MiB(pids));
            });
        }

        /// <summary>The highest summed RSS sampled so far.</summary>
        public double PeakMiB { get; private set; }

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}
