using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace Antigravity.Contracts.Monitor;

/// <summary>
/// The request monitor in Redis. <see cref="AppendAsync"/> stores a record, trims to the newest
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
        -- KEYS: index, records, body index, bodies, sequence, hour aggregates, minute aggregates, account labels
        -- ARGV: id, record, bodies ('' = none), max records, max bodies, hour ttl, minute ttl, max trim,
        --       model, account id, account label, error (0/1), in, out, cached, thinking
        local seq = redis.call('INCR', KEYS[5])
        local id = ARGV[1]
        redis.call('ZADD', KEYS[1], seq, id)
        redis.call('HSET', KEYS[2], id, ARGV[2])
        if ARGV[3] ~= '' then
          redis.call('ZADD', KEYS[3], seq, id)
          redis.call('HSET', KEYS[4], id, ARGV[3])
        else
          redis.call('ZREM', KEYS[3], id)
          redis.call('HDEL', KEYS[4], id)
        end
        local maxTrim = tonumber(ARGV[8])
        local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[4])
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
        excess = redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[5])
        if excess > 0 then
          if excess > maxTrim then excess = maxTrim end
          local old = redis.call('ZRANGE', KEYS[3], 0, excess - 1)
          redis.call('ZREMRANGEBYRANK', KEYS[3], 0, excess - 1)
          for i = 1, #old do
            redis.call('HDEL', KEYS[4], old[i])
          end
        end
        local metrics = { 'requests', 'errors', 'in', 'out', 'cached', 'thinking' }
        local values = { 1, tonumber(ARGV[12]), tonumber(ARGV[13]), tonumber(ARGV[14]), tonumber(ARGV[15]), tonumber(ARGV[16]) }
        for h = 6, 7 do
          for m = 1, 6 do
            if values[m] ~= 0 then
              redis.call('HINCRBY', KEYS[h], 't:' .. metrics[m] .. ':', values[m])
              if ARGV[9] ~= '' then redis.call('HINCRBY', KEYS[h], 'm:' .. metrics[m] .. ':' .. ARGV[9], values[m]) end
              if ARGV[10] ~= '' then redis.call('HINCRBY', KEYS[h], 'a:' .. metrics[m] .. ':' .. ARGV[10], values[m]) end
            end
          end
        end
        redis.call('EXPIRE', KEYS[6], ARGV[6])
        redis.call('EXPIRE', KEYS[7], ARGV[7])
        if ARGV[10] ~= '' and ARGV[11] ~= '' then
          redis.call('HSET', KEYS[8], ARGV[10], ARGV[11])
        end
        return seq
        """;

    /// <summary>
    /// Stores <paramref name="record"/> (and its <paramref name="bodies"/>, when kept), counts it in the aggregates,
    /// announces it, and returns it with its sequence number.
    /// </summary>
    public async Task<MonitorRecord> AppendAsync(MonitorRecord record, MonitorBodies? bodies, int maxRecords, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var time = record.Time.UtcDateTime;
        var model = MonitorLimits.Bound(record.UpstreamModel ?? record.ClientModel) ?? "";
        RedisKey[] keys =
        [
            RedisKeys.MonitorIndex, RedisKeys.MonitorRecords, RedisKeys.MonitorBodyIndex, RedisKeys.MonitorBodies,
            RedisKeys.MonitorSequence, RedisKeys.StatsHour(HourBucket(time)), RedisKeys.StatsMinute(MinuteBucket(time)),
            RedisKeys.StatsAccountLabels,
        ];
        RedisValue[] args =
        [
            record.Id,
            JsonSerializer.Serialize(record with { Seq = 0, HasBodies = bodies is not null }, MonitorJsonContext.Default.MonitorRecord),
            bodies is null ? "" : JsonSerializer.Serialize(bodies, MonitorJsonContext.Default.MonitorBodies),
            Invariant(Math.Max(1, maxRecords)),
            Invariant(Math.Min(Math.Max(1, maxRecords), MonitorLimits.MaxRecordsWithBodies)),
            Invariant((long)MonitorLimits.HourlyRetention.TotalSeconds),
            Invariant((long)MonitorLimits.MinuteRetention.TotalSeconds),
            Invariant(MaxTrimPerAppend),
            model,
            MonitorLimits.Bound(record.AccountId) ?? "",
            MonitorLimits.Bound(record.AccountLabel) ?? "",
            record.IsError ? "1" : "0",
            Invariant(record.InputTokens),
            Invariant(record.OutputTokens),
            Invariant(record.CachedTokens),
            Invariant(record.ThinkingTokens),
        ];
        var seq = (long)await redis.GetDatabase().ScriptEvaluateAsync(Append, keys, args).ConfigureAwait(false);
        var stored = record with { Seq = seq, HasBodies = bodies is not null };
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisKeys.MonitorChannel), JsonSerializer.Serialize(stored, MonitorJsonContext.Default.MonitorRecord)).ConfigureAwait(false);
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

    /// <summary>Reads a record announced on <see cref="RedisKeys.MonitorChannel"/>; null when the message is not one.</summary>
    public static MonitorRecord? ParseAnnouncement(string message)
    {
        try
        {
            return JsonSerializer.Deserialize(message, MonitorJsonContext.Default.MonitorRecord);
        }
        catch (JsonException)
        {
            return null;
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
