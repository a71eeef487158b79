using System.Threading.Channels;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;
using Antigravity.Gateway.Hosting;

namespace Antigravity.Gateway.Upstream;

/// <summary>
/// Sends the outcomes nobody waits for (successes with their usage, the request's own faults, streams cut after the
/// first byte) to the pool in batches, off the response path: one call carries whatever finished meanwhile, so the
/// pool sees one request per batch instead of one per answer, and one success per lease (<see cref="Coalesce"/>). A full queue drops and counts; a failed call is logged
/// and not retried (the pool loses a usage count, never a cooldown: failures that decide a failover are reported
/// synchronously by <see cref="UpstreamEngine"/>).
/// </summary>
internal sealed partial class OutcomeReporter(IServiceProvider services, TimeProvider time, ILogger<OutcomeReporter> logger) : BackgroundService
{
    /// <summary>
    /// How long a batch waits for more outcomes after its first. Every call wakes the pool and Redis, which then
    /// compete with the requests for the CPU; nothing here is urgent (a success resets a backoff and adds tokens;
    /// the failures that decide a failover never come this way), so a call carries up to a quarter second's worth.
    /// </summary>
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(250);

    /// <summary>Most outcomes waiting to be sent.</summary>
    public const int Capacity = 16_384;

    private const int MaxBatch = 256;

    private readonly Channel<OutcomeReport> _queue = Channel.CreateBounded<OutcomeReport>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private long _dropped;

    /// <summary>Queues an outcome for the next batch.</summary>
    public void Report(string leaseId, LeaseOutcome outcome)
    {
        if (!_queue.Writer.TryWrite(new OutcomeReport { LeaseId = leaseId, Outcome = outcome }))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <inheritdoc />
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // What is queued is still sent; the host's shutdown timeout bounds the wait.
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<OutcomeReport>(MaxBatch);
        while (await _queue.Reader.ReadBatchAsync(batch, MaxBatch, Linger, time, stoppingToken).ConfigureAwait(false))
        {
            Coalesce(batch);
            try
            {
                await services.GetRequiredService<AccountPoolClient>().ReportOutcomesAsync(batch, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException || UpstreamEngine.IsPoolUnreachable(exception))
            {
                Log.ReportFailed(logger, batch.Count, exception.Message);
            }
            batch.Clear();
            if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
            {
                Log.Dropped(logger, dropped, Capacity);
            }
        }
    }

    /// <summary>
    /// Merges the successes on one lease (a held lease serves a conversation's requests) into one report with their
    /// usage summed: the pool applies a success by resetting the backoff and adding the tokens, so one report for
    /// the lease does what one per request did, for one script instead of many.
    /// </summary>
    internal static void Coalesce(List<OutcomeReport> batch)
    {
        // Each lease's summed usage, reported where its last success was, so a success still follows the failures before it.
        Dictionary<string, (int Last, TokenUsage? Usage)>? successes = null;
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Outcome.Status is >= 200 and < 300)
            {
                successes ??= new Dictionary<string, (int, TokenUsage?)>(StringComparer.Ordinal);
                var usage = successes.TryGetValue(batch[i].LeaseId, out var seen) ? Add(seen.Usage, batch[i].Outcome.Usage) : batch[i].Outcome.Usage;
                successes[batch[i].LeaseId] = (i, usage);
            }
        }
        if (successes is null || successes.Count == batch.Count)
        {
            return;
        }
        var kept = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var report = batch[i];
            if (report.Outcome.Status is >= 200 and < 300)
            {
                var (last, usage) = successes[report.LeaseId];
                if (i != last)
                {
                    continue;
                }
                report = report with { Outcome = report.Outcome with { Usage = usage } };
            }
            batch[kept++] = report;
        }
        batch.RemoveRange(kept, batch.Count - kept);
    }

    private static TokenUsage? Add(TokenUsage? a, TokenUsage? b) => a is null ? b : b is null ? a : new TokenUsage
    {
        InputTokens = a.InputTokens + b.InputTokens,
        OutputTokens = a.OutputTokens + b.OutputTokens,
    };

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Reporting {Count} outcomes to the account pool failed: {Reason}")]
        public static partial void ReportFailed(ILogger logger, int count, string reason);

        [LoggerMessage(2, LogLevel.Warning, "{Count} outcomes were dropped: more than {Capacity} were waiting for the account pool.")]
        public static partial void Dropped(ILogger logger, long count, int capacity);
    }
}
