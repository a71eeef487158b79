using System.Diagnostics;

namespace Antigravity.Redis;

public sealed partial class RedisClient
{
    /// <inheritdoc />
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        ThrowIfError(await SendAsync("PING", [], cancellationToken).ConfigureAwait(false));
        return Stopwatch.GetElapsedTime(started);
    }

    /// <inheritdoc />
    public async Task<long> PublishAsync(string channel, string message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(message);
        return (await ExecuteAsync("PUBLISH", [channel, message], cancellationToken).ConfigureAwait(false)).AsInt64();
    }
}
