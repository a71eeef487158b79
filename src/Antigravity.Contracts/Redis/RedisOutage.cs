using StackExchange.Redis;

namespace Antigravity.Contracts.Redis;

/// <summary>Tells a Redis outage (down, unreachable, or too slow to answer) from every other failure.</summary>
public static class RedisOutage
{
    /// <summary>
    /// True when <paramref name="exception"/> means Redis could not be asked right now: no connection
    /// (the multiplexer fails fast while it reconnects) or no answer within the command timeout.
    /// </summary>
    public static bool IsRedisOutage(this Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException;
}
