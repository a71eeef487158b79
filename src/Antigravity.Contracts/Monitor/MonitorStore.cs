using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace Antigravity.Contracts.Monitor;

/// <summary>
/// The request monitor in Redis. <see cref="AppendAsync(IReadOnlyList{MonitorAppend}, int, CancellationToken)"/> stores a batch of records, trims to the newest
/// <c>maxRecords</c> (bodies to the newest <see cref="MonitorLimits.MaxRecordsWithBodies"/>) and adds its tokens to
/// the hourly and per-minute aggregates — all in one Lua script, so concurrent gateways never lose a count — then
/// announces it on <see cref="RedisKeys.MonitorChannel"/>. The reads serve the dashboard.
/// </summary>
public sealed class MonitorStore(IConnectionMultiplexer redis)
{
    /// <summary>Most records looked at for one page (filters that match rarely return a cursor to go on).</summary>
    public const int MaxScanPerPage = 5_000;

    // Trims at most this many per append, so shrinking maxRecords from a million never blocks Redis for long.
    private const int MaxTrimPerAppend = 1_000;
    private const int ReadChunk = 200;

    private const string Append = """
        -- KEYS: index, records, body index, bodies, sequence, account labels, then the aggregate buckets
        -- ARGV: max records, max bodies, max trim, hour ttl, minute ttl, record count, hour bucket count,
        --       increment count, label count; then per record: id, record, bodies ('' = none);
        --       per increment: bucket (index into KEYS), field, amount; per label: account id, label
        local count = tonumber(ARGV[6])
        local last = redis.call('INCRBY', KEYS[5], count)
        local first = last - count + 1
        local at = 10
        for i = 0, count - 1 do
          local id = ARGV[at]
          redis.call('ZADD', KEYS[1], first + i, id)
          redis.call('HSET', KEYS[2], id, ARGV[at + 1])
          if ARGV[at + 2] ~= '' then
            redis.call('ZADD', KEYS[3], first + i, id)
            redis.call('HSET', KEYS[4], id, ARGV[at + 2])
          else
            -- A repeated id (a client reusing its x-request-id) must not keep the older record's bodies.
            redis.call('ZREM', KEYS[3], id)
            redis.call('HDEL', KEYS[4], id)
          end
          at = at + 3
        end
        local maxTrim = tonumber(ARGV[3])
        local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[1])
        if excess > 0 then
          if excess > maxTrim then excess = maxTrim end
          local old = redis.call('ZRANGE', KEYS[1], 0, excess - 1)
          redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1)
          for i = 1, #old do
            redis.call('HDEL', KEYS[2], old[i])
            redis.call('ZREM', KEYS[3], old[i])
            redis.call('HDEL', KEYS[4], old[i])
          end
        end
        excess = redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[2])
        if excess > 0 then
          if excess > maxTrim then excess = maxTrim end
          local old = redis.call('ZRANGE', KEYS[3], 0, excess - 1)
          redis.call('ZREMRANGEBYRANK', KEYS[3], 0, excess - 1)
          for i = 1, #old do
            redis.call('HDEL', KEYS[4], old[i])
          end
        end
        for i = 1, tonumber(ARGV[8]) do
          redis.call('HINCRBY', KEYS[tonumber(ARGV[at])], ARGV[at + 1], ARGV[at + 2])
          at = at + 3
        end
        local hours = tonumber(ARGV[7])
        for k = 7, #KEYS do
          redis.call('EXPIRE', KEYS[k], k - 6 <= hours and ARGV[4] or ARGV[5])
        end
        for i = 1, tonumber(ARGV[9]) do
          redis.call('HSET', KEYS[6], ARGV[at], ARGV[at + 1])
          at = at + 2
        end
        return first
        """;

    /// <summary>
    /// Stores <paramref name="record"/> (and its <paramref name="bodies"/>, when kept), counts it in the aggregates,
    /// announces it, and returns it with its sequence number.
    /// </summary>
    public async Task<MonitorRecord> AppendAsync(MonitorRecord record, MonitorBodies? bodies, int maxRecords, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (await AppendAsync([new MonitorAppend(record, bodies)], maxRecords, cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>
    /// Stores a batch of records in one script: each with its bodies, the whole batch counted in the aggregates
    /// (summed first, so a batch costs one increment per bucket and field, not one per record), the oldest trimmed
    /// once; then announces them in one message. Returns the records with their sequence numbers, in order.
    /// </summary>
    public async Task<IReadOnlyList<MonitorRecord>> AppendAsync(IReadOnlyList<MonitorAppend> batch, int maxRecords, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return [];
        }
        var keys = new List<RedisKey>
        {
            RedisKeys.MonitorIndex, RedisKeys.MonitorRecords, RedisKeys.MonitorBodyIndex, RedisKeys.MonitorBodies,
            RedisKeys.MonitorSequence, RedisKeys.StatsAccountLabels,
        };
        var aggregates = new MonitorAggregates(batch);
        // The script's KEYS are 1-based: the buckets follow the six fixed keys, hours first.
        var firstBucketKey = keys.Count + 1;
        foreach (var bucket in aggregates.HourBuckets)
        {
            keys.Add(RedisKeys.StatsHour(bucket));
        }
        foreach (var bucket in aggregates.MinuteBuckets)
        {
            keys.Add(RedisKeys.StatsMinute(bucket));
        }
        var increments = aggregates.Increments(firstBucketKey);
        var labels = aggregates.AccountLabels();
        var args = new List<RedisValue>(9 + batch.Count * 3 + increments.Count * 3 + labels.Count * 2)
        {
            Invariant(Math.Max(1, maxRecords)),
            Invariant(Math.Min(Math.Max(1, maxRecords), MonitorLimits.MaxRecordsWithBodies)),
            Invariant(MaxTrimPerAppend + batch.Count),
            Invariant((long)MonitorLimits.HourlyRetention.TotalSeconds),
            Invariant((long)MonitorLimits.MinuteRetention.TotalSeconds),
            Invariant(batch.Count),
            Invariant(aggregates.HourBuckets.Count),
            Invariant(increments.Count),
            Invariant(labels.Count),
        };
        foreach (var (record, bodies) in batch)
        {
            args.Add(record.Id);
            args.Add(JsonSerializer.Serialize(record with { Seq = 0, HasBodies = bodies is not null }, MonitorJsonContext.Default.MonitorRecord));
            args.Add(bodies is null ? "" : JsonSerializer.Serialize(bodies, MonitorJsonContext.Default.MonitorBodies));
        }
        foreach (var (key, field, amount) in increments)
        {
            args.Add(key);
            args.Add(field);
            args.Add(amount);
        }
        foreach (var (accountId, label) in labels)
        {
            args.Add(accountId);
            args.Add(label);
        }
        var first = (long)await redis.GetDatabase().ScriptEvaluateAsync(Append, [.. keys], [.. args]).WaitAsync(cancellationToken).ConfigureAwait(false);
        var stored = new MonitorRecord[batch.Count];
        for (var i = 0; i < stored.Length; i++)
        {
            stored[i] = batch[i].Record with { Seq = first + i, HasBodies = batch[i].Bodies is not null };
        }
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisKeys.MonitorChannel), JsonSerializer.Serialize(stored, MonitorJsonContext.Default.MonitorRecordArray)).ConfigureAwait(false);
        return stored;
    }

    /// <summary>
    /// Records matching <paramref name="filter"/>, newest first, older than the cursor <paramref name="before"/>
    /// (a <see cref="MonitorRecord.Seq"/>; null = from the newest), at most <paramref name="limit"/>.
    /// </summary>
    public async Task<MonitorPage> QueryAsync(MonitorFilter filter, long? before, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var items = new List<MonitorRecord>(Math.Min(limit, 256));
        var max = before is { } cursor ? cursor - 1 : double.PositiveInfinity;
        var scanned = 0;
        long? last = null;
        while (scanned < MaxScanPerPage)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var take = Math.Min(ReadChunk, MaxScanPerPage - scanned);
            var chunk = await redis.GetDatabase().SortedSetRangeByScoreWithScoresAsync(RedisKeys.MonitorIndex, double.NegativeInfinity, max, order: Order.Descending, take: take).ConfigureAwait(false);
            if (chunk.Length == 0)
            {
                return new MonitorPage(items, null, scanned);
            }
            var texts = await HashGetManyAsync(RedisKeys.MonitorRecords, chunk).ConfigureAwait(false);
            for (var i = 0; i < chunk.Length; i++)
            {
                scanned++;
                var seq = (long)chunk[i].Score;
                last = seq;
                if (Parse((string?)texts[i], seq) is { } record && filter.Matches(record))
                {
                    items.Add(record);
                    if (items.Count == limit)
                    {
                        var more = i < chunk.Length - 1 || chunk.Length == take;
                        return new MonitorPage(items, more ? seq : null, scanned);
                    }
                }
            }
            if (chunk.Length < take)
            {
                return new MonitorPage(items, null, scanned);
            }
            max = (last ?? 1) - 1;
        }
        return new MonitorPage(items, last, scanned);
    }

    /// <summary>One record with its bodies, or null when it is not (or no longer) stored.</summary>
    public async Task<MonitorRecordDetail?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var database = redis.GetDatabase();
        var recordTask = database.HashGetAsync(RedisKeys.MonitorRecords, id);
        var seqTask = database.SortedSetScoreAsync(RedisKeys.MonitorIndex, id);
        var bodiesTask = database.HashGetAsync(RedisKeys.MonitorBodies, id);
        await Task.WhenAll(recordTask, seqTask, bodiesTask).ConfigureAwait(false);
        if (Parse((string?)recordTask.Result, (long)(seqTask.Result ?? 0)) is not { } record)
        {
            return null;
        }
        var bodies = (string?)bodiesTask.Result is { } json ? JsonSerializer.Deserialize(json, MonitorJsonContext.Default.MonitorBodies) : null;
        return new MonitorRecordDetail(record with { HasBodies = bodies is not null }, bodies);
    }

    /// <summary>How many records are stored.</summary>
    public Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        redis.GetDatabase().SortedSetLengthAsync(RedisKeys.MonitorIndex).WaitAsync(cancellationToken);

    /// <summary>Deletes every record and body (the token aggregates stay); returns how many records there were.</summary>
    public async Task<long> ClearAsync(CancellationToken cancellationToken = default)
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        var count = transaction.SortedSetLengthAsync(RedisKeys.MonitorIndex);
        _ = transaction.KeyDeleteAsync([RedisKeys.MonitorIndex, RedisKeys.MonitorRecords, RedisKeys.MonitorBodyIndex, RedisKeys.MonitorBodies]);
        await transaction.ExecuteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return await count.ConfigureAwait(false);
    }

    /// <summary>Reads the records announced in one message on <see cref="RedisKeys.MonitorChannel"/>; empty when the message is not that.</summary>
    public static IReadOnlyList<MonitorRecord> ParseAnnouncement(string message)
    {
        try
        {
            return JsonSerializer.Deserialize(message, MonitorJsonContext.Default.MonitorRecordArray) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The hour bucket name of <paramref name="utc"/> (<c>yyyyMMddHH</c>).</summary>
    public static string HourBucket(DateTime utc) => utc.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    /// <summary>The minute bucket name of <paramref name="utc"/> (<c>yyyyMMddHHmm</c>).</summary>
    public static string MinuteBucket(DateTime utc) => utc.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    private async Task<RedisValue[]> HashGetManyAsync(string key, SortedSetEntry[] members)
    {
        var fields = new RedisValue[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            fields[i] = members[i].Element;
        }
        return await redis.GetDatabase().HashGetAsync(key, fields).ConfigureAwait(false);
    }

    private static MonitorRecord? Parse(string? json, long seq)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(json, MonitorJsonContext.Default.MonitorRecord) is { } record ? record with { Seq = seq } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
