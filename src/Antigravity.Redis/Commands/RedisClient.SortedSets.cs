using Antigravity.Redis.Commands;

namespace Antigravity.Redis;

public sealed partial class RedisClient
{
    /// <inheritdoc />
    public async Task<bool> SortedSetAddAsync(string key, string member, double score, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync("ZADD", [key, RedisArgs.Score(score), member], cancellationToken).ConfigureAwait(false)).AsInt64() == 1;

    /// <inheritdoc />
    public async Task<bool> SortedSetRemoveAsync(string key, string member, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync("ZREM", [key, member], cancellationToken).ConfigureAwait(false)).AsInt64() == 1;

    /// <inheritdoc />
    public async Task<double?> SortedSetScoreAsync(string key, string member, CancellationToken cancellationToken = default)
    {
        var reply = await ExecuteAsync("ZSCORE", [key, member], cancellationToken).ConfigureAwait(false);
        return reply.IsNull ? null : reply.AsDouble();
    }

    /// <inheritdoc />
    public async Task<long> SortedSetLengthAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync("ZCARD", [key], cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <inheritdoc />
    public async Task<IReadOnlyList<SortedSetEntry>> SortedSetRangeByRankAsync(string key, long start = 0, long stop = -1, bool descending = false, CancellationToken cancellationToken = default)
    {
        // ZREVRANGE rather than ZRANGE … REV: understood by every server version and by Garnet.
        var reply = await ExecuteAsync(
            descending ? "ZREVRANGE" : "ZRANGE",
            [key, RedisArgs.Integer(start), RedisArgs.Integer(stop), "WITHSCORES"],
            cancellationToken).ConfigureAwait(false);
        return ToEntries(reply);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SortedSetEntry>> SortedSetRangeByScoreAsync(string key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool descending = false, long take = -1, CancellationToken cancellationToken = default)
    {
        var args = descending
            ? new List<string> { key, RedisArgs.Score(max), RedisArgs.Score(min), "WITHSCORES" }
            : new List<string> { key, RedisArgs.Score(min), RedisArgs.Score(max), "WITHSCORES" };
        if (take >= 0)
        {
            args.AddRange(["LIMIT", "0", RedisArgs.Integer(take)]);
        }
        var reply = await ExecuteAsync(descending ? "ZREVRANGEBYSCORE" : "ZRANGEBYSCORE", args, cancellationToken).ConfigureAwait(false);
        return ToEntries(reply);
    }

    /// <inheritdoc />
    public async Task<long> SortedSetRemoveRangeByRankAsync(string key, long start, long stop, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync("ZREMRANGEBYRANK", [key, RedisArgs.Integer(start), RedisArgs.Integer(stop)], cancellationToken).ConfigureAwait(false)).AsInt64();

    /// <inheritdoc />
    public async Task<long> SortedSetRemoveRangeByScoreAsync(string key, double min, double max, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync("ZREMRANGEBYSCORE", [key, RedisArgs.Score(min), RedisArgs.Score(max)], cancellationToken).ConfigureAwait(false)).AsInt64();

    private static SortedSetEntry[] ToEntries(RedisResult reply)
    {
        // RESP2 WITHSCORES: a flat array member, score, member, score …
        var items = reply.AsArray();
        var entries = new SortedSetEntry[items.Count / 2];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new SortedSetEntry(items[2 * i].AsString()!, items[(2 * i) + 1].AsDouble());
        }
        return entries;
    }
}
