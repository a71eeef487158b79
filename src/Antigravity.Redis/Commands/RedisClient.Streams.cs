using Antigravity.Redis.Commands;

namespace Antigravity.Redis;

public sealed partial class RedisClient
{
    // Set once the server turned out to have no stream commands; see SortedSetStream.
    private volatile bool _streamsEmulated;

    /// <inheritdoc />
    /// <remarks>On servers without streams (Garnet) the stream is emulated; see this project's README.</remarks>
    public async Task<string> StreamAddAsync(string key, IReadOnlyList<KeyValuePair<string, string>> fields, long? maxLength = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentOutOfRangeException.ThrowIfZero(fields.Count, nameof(fields));
        if (maxLength is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "A stream cannot be capped below zero entries.");
        }
        if (!_streamsEmulated)
        {
            var args = new List<string>(5 + (fields.Count * 2)) { key };
            if (maxLength is { } max)
            {
                args.AddRange(["MAXLEN", "~", RedisArgs.Integer(max)]);
            }
            args.Add("*");
            foreach (var (field, value) in fields)
            {
                args.Add(field);
                args.Add(value);
            }
            if (await SendStreamCommandAsync("XADD", args, cancellationToken).ConfigureAwait(false) is { } id)
            {
                return id.AsString()!;
            }
        }
        var padded = await ScriptEvaluateAsync(
            SortedSetStream.Add,
            [key],
            [SortedSetStream.Now(), SortedSetStream.Encode(fields), RedisArgs.Integer(maxLength ?? -1)],
            cancellationToken).ConfigureAwait(false);
        return SortedSetStream.Unpad(padded.AsString()!);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StreamEntry>> StreamRangeAsync(string key, string start = "-", string end = "+", int? count = null, bool descending = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(start);
        ArgumentException.ThrowIfNullOrEmpty(end);
        if (!_streamsEmulated)
        {
            // XREVRANGE takes the bounds the other way round: end first.
            var args = descending ? new List<string> { key, end, start } : new List<string> { key, start, end };
            if (count is { } n)
            {
                args.AddRange(["COUNT", RedisArgs.Integer(n)]);
            }
            if (await SendStreamCommandAsync(descending ? "XREVRANGE" : "XRANGE", args, cancellationToken).ConfigureAwait(false) is { } reply)
            {
                return ToStreamEntries(reply);
            }
        }

        var (min, max) = (SortedSetStream.LowerBound(start), SortedSetStream.UpperBound(end));
        var lexArgs = descending ? new List<string> { key, max, min } : new List<string> { key, min, max };
        if (count is { } limit)
        {
            lexArgs.AddRange(["LIMIT", "0", RedisArgs.Integer(limit)]);
        }
        var members = (await ExecuteAsync(descending ? "ZREVRANGEBYLEX" : "ZRANGEBYLEX", lexArgs, cancellationToken).ConfigureAwait(false)).AsArray();
        var entries = new StreamEntry[members.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = SortedSetStream.Decode(members[i].AsString()!);
        }
        return entries;
    }

    /// <inheritdoc />
    public async Task<long> StreamLengthAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!_streamsEmulated && await SendStreamCommandAsync("XLEN", [key], cancellationToken).ConfigureAwait(false) is { } length)
        {
            return length.AsInt64();
        }
        return (await ExecuteAsync("ZCARD", [key], cancellationToken).ConfigureAwait(false)).AsInt64();
    }

    /// <summary>Runs a stream command; null (and emulation from now on) when the server does not know it.</summary>
    private async Task<RedisResult?> SendStreamCommandAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(command, args, cancellationToken).ConfigureAwait(false);
        if (reply.Type == RedisResultType.Error && reply.AsString()?.StartsWith("ERR unknown command", StringComparison.OrdinalIgnoreCase) == true)
        {
            _streamsEmulated = true;
            Log.StreamsEmulated(_logger, _endpoint);
            return null;
        }
        return ThrowIfError(reply);
    }

    private static StreamEntry[] ToStreamEntries(RedisResult reply)
    {
        var items = reply.AsArray();
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
}
