using System.Globalization;
using StackExchange.Redis;

namespace Antigravity.Contracts.Monitor;

/// <summary>Requests and tokens counted over some span.</summary>
public sealed class TokenCounters
{
    /// <summary>Requests.</summary>
    public long Requests { get; set; }

    /// <summary>Failed requests.</summary>
    public long Errors { get; set; }

    /// <summary>Prompt tokens (cached included).</summary>
    public long InputTokens { get; set; }

    /// <summary>Answer tokens (thinking included).</summary>
    public long OutputTokens { get; set; }

    /// <summary>Cached prompt tokens.</summary>
    public long CachedTokens { get; set; }

    /// <summary>Thinking tokens.</summary>
    public long ThinkingTokens { get; set; }

    /// <summary>Adds <paramref name="other"/> to these counters.</summary>
    public void Add(TokenCounters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Requests += other.Requests;
        Errors += other.Errors;
        InputTokens += other.InputTokens;
        OutputTokens += other.OutputTokens;
        CachedTokens += other.CachedTokens;
        ThinkingTokens += other.ThinkingTokens;
    }

    internal void Set(string metric, long value)
    {
        switch (metric)
        {
            case "requests": Requests = value; break;
            case "errors": Errors = value; break;
            case "in": InputTokens = value; break;
            case "out": OutputTokens = value; break;
            case "cached": CachedTokens = value; break;
            case "thinking": ThinkingTokens = value; break;
        }
    }
}

/// <summary>The aggregates of one time bucket: totals, and the same by model and by account id.</summary>
public sealed class TokenBucket
{
    /// <summary>Every request of the bucket (also those without a model or account).</summary>
    public TokenCounters Totals { get; } = new();

    /// <summary>By upstream model (requests that named one).</summary>
    public Dictionary<string, TokenCounters> ByModel { get; } = new(StringComparer.Ordinal);

    /// <summary>By account id (requests an account served or failed).</summary>
    public Dictionary<string, TokenCounters> ByAccount { get; } = new(StringComparer.Ordinal);
}

/// <summary>Reads the token aggregates the gateway's monitor writes (see <see cref="RedisKeys.StatsHour"/>).</summary>
public sealed class TokenStatsReader(IConnectionMultiplexer redis)
{
    /// <summary>The hour buckets starting at <paramref name="firstHourUtc"/> (truncated to the hour), oldest first.</summary>
    public Task<IReadOnlyList<TokenBucket>> ReadHoursAsync(DateTime firstHourUtc, int count, CancellationToken cancellationToken = default)
    {
        var start = new DateTime(firstHourUtc.Year, firstHourUtc.Month, firstHourUtc.Day, firstHourUtc.Hour, 0, 0, DateTimeKind.Utc);
        return ReadAsync(count, i => RedisKeys.StatsHour(MonitorStore.HourBucket(start.AddHours(i))), cancellationToken);
    }

    /// <summary>The minute buckets starting at <paramref name="firstMinuteUtc"/> (truncated to the minute), oldest first.</summary>
    public Task<IReadOnlyList<TokenBucket>> ReadMinutesAsync(DateTime firstMinuteUtc, int count, CancellationToken cancellationToken = default)
    {
        var start = new DateTime(firstMinuteUtc.Year, firstMinuteUtc.Month, firstMinuteUtc.Day, firstMinuteUtc.Hour, firstMinuteUtc.Minute, 0, DateTimeKind.Utc);
        return ReadAsync(count, i => RedisKeys.StatsMinute(MonitorStore.MinuteBucket(start.AddMinutes(i))), cancellationToken);
    }

    /// <summary>Account id → the label or e-mail its records carried last.</summary>
    public async Task<IReadOnlyDictionary<string, string>> AccountLabelsAsync(CancellationToken cancellationToken = default) =>
        (await redis.GetDatabase().HashGetAllAsync(RedisKeys.StatsAccountLabels).WaitAsync(cancellationToken).ConfigureAwait(false)).ToStringDictionary();

    /// <summary>Parses one aggregate hash (fields <c>t:metric:</c>, <c>m:metric:model</c>, <c>a:metric:account</c>).</summary>
    public static TokenBucket Parse(IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var bucket = new TokenBucket();
        foreach (var (field, text) in fields)
        {
            if (field.Length < 4 || field[1] != ':' || !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            var metricEnd = field.IndexOf(':', 2);
            if (metricEnd < 0)
            {
                continue;
            }
            var metric = field[2..metricEnd];
            var name = field[(metricEnd + 1)..];
            switch (field[0])
            {
                case 't':
                    bucket.Totals.Set(metric, value);
                    break;
                case 'm':
                    Counters(bucket.ByModel, name).Set(metric, value);
                    break;
                case 'a':
                    Counters(bucket.ByAccount, name).Set(metric, value);
                    break;
            }
        }
        return bucket;
    }

    private async Task<IReadOnlyList<TokenBucket>> ReadAsync(int count, Func<int, string> key, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var database = redis.GetDatabase();
        var reads = new Task<HashEntry[]>[count];
        for (var i = 0; i < count; i++)
        {
            reads[i] = database.HashGetAllAsync(key(i));
        }
        await Task.WhenAll(reads).WaitAsync(cancellationToken).ConfigureAwait(false);
        var buckets = new TokenBucket[count];
        for (var i = 0; i < count; i++)
        {
            buckets[i] = Parse(reads[i].Result.ToStringDictionary());
        }
        return buckets;
    }

    private static TokenCounters Counters(Dictionary<string, TokenCounters> map, string name)
    {
        if (!map.TryGetValue(name, out var counters))
        {
            counters = new TokenCounters();
            map[name] = counters;
        }
        return counters;
    }
}
