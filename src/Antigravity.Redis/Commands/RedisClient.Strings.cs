using Antigravity.Redis.Commands;

namespace Antigravity.Redis;

public sealed partial class RedisClient
{
    /// <inheritdoc />
    public async Task<string?> StringGetAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync("GET", [key], cancellationToken).ConfigureAwait(false)).AsString();

    /// <inheritdoc />
    public async Task<bool> StringSetAsync(string key, string value, TimeSpan? expiry = null, When when = When.Always, CancellationToken cancellationToken = default)
    {
        var args = new List<string>(5) { key, value };
        if (expiry is { } ttl)
        {
            args.Add("PX");
            args.Add(RedisArgs.Milliseconds(ttl));
        }
        switch (when)
        {
            case When.NotExists:
                args.Add("NX");
                break;
            case When.Exists:
                args.Add("XX");
                break;
        }
        return !(await ExecuteAsync("SET", args, cancellationToken).ConfigureAwait(false)).IsNull;
    }

    /// <inheritdoc />
    public async Task<long> StringIncrementAsync(string key, long by = 1, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync("INCRBY", [key, RedisArgs.Integer(by)], cancellationToken).ConfigureAwait(false)).AsInt64();
}
