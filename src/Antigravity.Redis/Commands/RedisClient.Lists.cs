using Antigravity.Redis.Commands;

namespace Antigravity.Redis;

public sealed partial class RedisClient
{
    /// <inheritdoc />
    public async Task<long> ListLeftPushAsync(string key, string value, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync("LPUSH", [key, value], cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListRangeAsync(string key, long start = 0, long stop = -1, CancellationToken cancellationToken = default)
    {
        var items = (await ExecuteAsync("LRANGE", [key, RedisArgs.Integer(start), RedisArgs.Integer(stop)], cancellationToken).ConfigureAwait(false)).AsArray();
        var values = new string[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = items[i].AsString()!;
        }
        return values;
    }

    /// <inheritdoc />
    public async Task ListTrimAsync(string key, long start, long stop, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("LTRIM", [key, RedisArgs.Integer(start), RedisArgs.Integer(stop)], cancellationToken).ConfigureAwait(false);
}
