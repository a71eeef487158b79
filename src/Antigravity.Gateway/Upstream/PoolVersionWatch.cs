using Antigravity.Contracts;
using StackExchange.Redis;

namespace Antigravity.Gateway.Upstream;

/// <summary>
/// Drops the held leases (<see cref="HeldLeases"/>) when the pool changes: while any lease is held, it reads the pool's
/// version (<see cref="RedisKeys.PoolVersion"/>, which every write to accounts, cooldowns, quota and states moves) every
/// <see cref="Interval"/>, one <c>GET</c> whatever the traffic, and drops each lease granted at another version (all of
/// them when the version cannot be read): the next request of that conversation asks the pool again. Idle, it reads nothing.
/// </summary>
internal sealed partial class PoolVersionWatch(HeldLeases held, IConnectionMultiplexer redis, TimeProvider time, ILogger<PoolVersionWatch> logger) : BackgroundService
{
    /// <summary>The longest a held lease outlives a change of the pool.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await CheckAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One look at the pool's version: drops the held leases granted at another one, or all if it cannot be read.</summary>
    public async Task CheckAsync()
    {
        held.RemoveExpired();
        if (held.Count == 0)
        {
            return;
        }
        try
        {
            var version = (long?)await redis.GetDatabase().StringGetAsync(RedisKeys.PoolVersion).ConfigureAwait(false) ?? 0;
            held.RemoveStale(version);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Log.VersionUnreadable(logger, exception.Message);
            held.Clear();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "The pool's version could not be read ({Reason}); held leases are dropped.")]
        public static partial void VersionUnreadable(ILogger logger, string reason);
    }
}
