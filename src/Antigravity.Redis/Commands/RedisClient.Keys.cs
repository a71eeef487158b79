using System.Runtime.CompilerServices;
using Antigravity.Redis.Commands;

namespace Antigravity.Redis;

public sealed partial class RedisClient
{
    /// <inheritdoc />
    public async Task<long> KeyDeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.Count == 0 ? 0 : (await ExecuteAsync("DEL", keys, cancellationToken).ConfigureAwait(false)).AsInt64();
    }

    /// <inheritdoc />
    public async Task<bool> KeyExistsAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync("EXISTS", [key], cancellationToken).ConfigureAwait(false)).AsInt64() > 0;

    /// <inheritdoc />
    public async Task<bool> KeyExpireAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync("PEXPIRE", [key, RedisArgs.Milliseconds(ttl)], cancellationToken).ConfigureAwait(false)).AsInt64() == 1;

    /// <inheritdoc />
    public async Task<TimeSpan?> KeyTimeToLiveAsync(string key, CancellationToken cancellationToken = default)
    {
        var ms = (await ExecuteAsync("PTTL", [key], cancellationToken).ConfigureAwait(false)).AsInt64();
        return ms < 0 ? null : TimeSpan.FromMilliseconds(ms);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> KeyScanAsync(string pattern, int pageSize = 250, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var cursor = "0";
        do
        {
            var page = (await ExecuteAsync("SCAN", [cursor, "MATCH", pattern, "COUNT", RedisArgs.Integer(pageSize)], cancellationToken)
                .ConfigureAwait(false)).AsArray();
            cursor = page[0].AsString() ?? "0";
            foreach (var key in page[1].AsArray())
            {
                yield return key.AsString()!;
            }
        }
        while (cursor != "0");
    }
}
