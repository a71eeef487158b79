using Antigravity.Redis.Commands;

namespace Antigravity.Redis;

public sealed partial class RedisClient
{
    /// <inheritdoc />
    public async Task<string> StreamAddAsync(string key, IReadOnlyList<KeyValuePair<string, string>> fields, long? maxLength = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentOutOfRangeException.ThrowIfZero(fields.Count, nameof(fields));
        var args = new List<string>(5 + (fields.Count * 2)) { key };
        if (maxLength is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(max, nameof(maxLength));
            args.AddRange(["MAXLEN", "~", RedisArgs.Integer(max)]);
        }
        args.Add("*");
        foreach (var (field, value) in fields)
        {
            args.Add(field);
            args.Add(value);
        }
        return (await ExecuteAsync("XADD", args, cancellationToken).ConfigureAwait(false)).AsString()!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StreamEntry>> StreamRangeAsync(string key, string start = "-", string end = "+", int? count = null, bool descending = false, CancellationToken cancellationToken = default)
    {
        // XREVRANGE takes the bounds the other way round: end first.
        var args = descending ? new List<string> { key, end, start } : new List<string> { key, start, end };
        if (count is { } n)
        {
            args.AddRange(["COUNT", RedisArgs.Integer(n)]);
        }
        var items = (await ExecuteAsync(descending ? "XREVRANGE" : "XRANGE", args, cancellationToken).ConfigureAwait(false)).AsArray();
        var entries = new StreamEntry[items.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var parts = items[i].AsArray();
            var flat = parts[1].AsArray();
            var fields = new KeyValuePair<string, string>[flat.Count / 2];
            for (var f = 0; f < fields.Length; f++)
            {
                fields[f] = new(flat[2 * f].AsString()!, flat[(2 * f) + 1].AsString()!);
            }
            entries[i] = new StreamEntry(parts[0].AsString()!, fields);
        }
        return entries;
    }

    /// <inheritdoc />
    public async Task<long> StreamLengthAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync("XLEN", [key], cancellationToken).ConfigureAwait(false)).AsInt64();
}
