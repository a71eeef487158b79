using Antigravity.Redis.Commands;

namespace Antigravity.Redis;

public sealed partial class RedisClient
{
    /// <inheritdoc />
    public async Task<string?> HashGetAsync(string key, string field, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync("HGET", [key, field], cancellationToken).ConfigureAwait(false)).AsString();

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> HashGetAllAsync(string key, CancellationToken cancellationToken = default)
    {
        var items = (await ExecuteAsync("HGETALL", [key], cancellationToken).ConfigureAwait(false)).AsArray();
        var result = new Dictionary<string, string>(items.Count / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < items.Count; i += 2)
        {
            result[items[i].AsString()!] = items[i + 1].AsString()!;
        }
        return result;
    }

    /// <inheritdoc />
    public async Task<bool> HashSetAsync(string key, string field, string value, When when = When.Always, CancellationToken cancellationToken = default)
    {
        var command = when switch
        {
            When.Always => "HSET",
            When.NotExists => "HSETNX",
            _ => throw new ArgumentOutOfRangeException(nameof(when), when, "A hash field can be set always or only when it does not exist."),
        };
        return (await ExecuteAsync(command, [key, field, value], cancellationToken).ConfigureAwait(false)).AsInt64() == 1;
    }

    /// <inheritdoc />
    public async Task HashSetAsync(string key, IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0)
        {
            return;
        }
        var args = new List<string>(1 + (fields.Count * 2)) { key };
        foreach (var (field, value) in fields)
        {
            args.Add(field);
            args.Add(value);
        }
        await ExecuteAsync("HSET", args, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> HashDeleteAsync(string key, IReadOnlyList<string> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0)
        {
            return 0;
        }
        return (await ExecuteAsync("HDEL", [key, .. fields], cancellationToken).ConfigureAwait(false)).AsInt64();
    }

    /// <inheritdoc />
    public async Task<long> HashIncrementAsync(string key, string field, long by = 1, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync("HINCRBY", [key, field, RedisArgs.Integer(by)], cancellationToken).ConfigureAwait(false)).AsInt64();
}
