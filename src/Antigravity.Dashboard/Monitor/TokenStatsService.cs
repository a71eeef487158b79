using Antigravity.Contracts.Monitor;
using Antigravity.Contracts.Settings;

namespace Antigravity.Dashboard.Monitor;

/// <summary>Turns the gateway's hourly and per-minute aggregates into chart series and the Overview's numbers.</summary>
internal sealed class TokenStatsService(TokenStatsReader reader, MonitorStore store, ProxySettingsMonitor settings, TimeProvider time)
{
    /// <summary>
    /// <c>hour</c>: the last 60 minutes by minute; <c>day</c>: the last 24 hours by hour; <c>week</c>: the last 7 days
    /// (UTC) by day. The current bucket is included and still running.
    /// </summary>
    public async Task<TokenStatsResponse> GetTokensAsync(string range, string by, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        DateTime from;
        TokenBucket[] buckets;
        int bucketSeconds;
        switch (range)
        {
            case "hour":
                from = Truncate(now, TimeSpan.FromMinutes(1)).AddMinutes(-59);
                bucketSeconds = 60;
                buckets = [.. await reader.ReadMinutesAsync(from, 60, cancellationToken).ConfigureAwait(false)];
                break;
            case "week":
                from = now.Date.AddDays(-6);
                bucketSeconds = 86_400;
                buckets = Merge(await reader.ReadHoursAsync(from, 7 * 24, cancellationToken).ConfigureAwait(false), 24);
                break;
            default:
                from = Truncate(now, TimeSpan.FromHours(1)).AddHours(-23);
                bucketSeconds = 3_600;
                buckets = [.. await reader.ReadHoursAsync(from, 24, cancellationToken).ConfigureAwait(false)];
                break;
        }

        var labels = by == "account" ? await reader.AccountLabelsAsync(cancellationToken).ConfigureAwait(false) : null;
        var series = new Dictionary<string, TokenCounters[]>(StringComparer.Ordinal);
        var totals = new TokenCounters();
        for (var i = 0; i < buckets.Length; i++)
        {
            totals.Add(buckets[i].Totals);
            foreach (var (key, counters) in by == "account" ? buckets[i].ByAccount : buckets[i].ByModel)
            {
                if (!series.TryGetValue(key, out var points))
                {
                    points = new TokenCounters[buckets.Length];
                    for (var p = 0; p < points.Length; p++)
                    {
                        points[p] = new TokenCounters();
                    }
                    series[key] = points;
                }
                points[i].Add(counters);
            }
        }

        var lines = new List<TokenStatsSeries>(series.Count);
        foreach (var (key, points) in series)
        {
            var sum = new TokenCounters();
            foreach (var point in points)
            {
                sum.Add(point);
            }
            var label = labels is not null && labels.TryGetValue(key, out var known) && known.Length > 0 ? known : key;
            lines.Add(new TokenStatsSeries(key, label, sum, points));
        }
        lines.Sort((a, b) =>
        {
            var byTokens = (b.Totals.InputTokens + b.Totals.OutputTokens).CompareTo(a.Totals.InputTokens + a.Totals.OutputTokens);
            if (byTokens != 0)
            {
                return byTokens;
            }
            var byRequests = b.Totals.Requests.CompareTo(a.Totals.Requests);
            return byRequests != 0 ? byRequests : string.CompareOrdinal(a.Key, b.Key);
        });

        var start = new DateTimeOffset(from, TimeSpan.Zero);
        var bucketList = new TokenStatsBucket[buckets.Length];
        for (var i = 0; i < buckets.Length; i++)
        {
            bucketList[i] = new TokenStatsBucket(start.AddSeconds((double)bucketSeconds * i), buckets[i].Totals);
        }
        return new TokenStatsResponse(range, by, bucketSeconds, start, start.AddSeconds((double)bucketSeconds * buckets.Length), totals, bucketList, lines);
    }

    /// <summary>Requests per minute and error rate over the last five minutes, and today's tokens.</summary>
    public async Task<StatsSummaryResponse> GetSummaryAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var minutesTask = reader.ReadMinutesAsync(Truncate(now, TimeSpan.FromMinutes(1)).AddMinutes(-4), 5, cancellationToken);
        var hoursTask = reader.ReadHoursAsync(now.Date, now.Hour + 1, cancellationToken);
        var countTask = store.CountAsync(cancellationToken);
        await Task.WhenAll(minutesTask, hoursTask, countTask).ConfigureAwait(false);

        var recent = new TokenCounters();
        foreach (var minute in minutesTask.Result)
        {
            recent.Add(minute.Totals);
        }
        var today = new TokenCounters();
        foreach (var hour in hoursTask.Result)
        {
            today.Add(hour.Totals);
        }
        return new StatsSummaryResponse(
            new RecentTraffic(recent.Requests, recent.Errors, Math.Round(recent.Requests / 5.0, 2), Rate(recent)),
            new TodayTraffic(new DateTimeOffset(now.Date, TimeSpan.Zero), today, Rate(today)),
            countTask.Result,
            settings.Current?.Monitor.Enabled ?? true);
    }

    private static double Rate(TokenCounters counters) =>
        counters.Requests == 0 ? 0 : Math.Round((double)counters.Errors / counters.Requests, 4);

    private static DateTime Truncate(DateTime utc, TimeSpan unit) => new(utc.Ticks - utc.Ticks % unit.Ticks, DateTimeKind.Utc);

    private static TokenBucket[] Merge(IReadOnlyList<TokenBucket> hours, int perBucket)
    {
        var merged = new TokenBucket[hours.Count / perBucket];
        for (var i = 0; i < merged.Length; i++)
        {
            var bucket = new TokenBucket();
            for (var h = i * perBucket; h < (i + 1) * perBucket; h++)
            {
                bucket.Totals.Add(hours[h].Totals);
                Add(bucket.ByModel, hours[h].ByModel);
                Add(bucket.ByAccount, hours[h].ByAccount);
            }
            merged[i] = bucket;
        }
        return merged;
    }

    private static void Add(Dictionary<string, TokenCounters> into, Dictionary<string, TokenCounters> from)
    {
        foreach (var (key, counters) in from)
        {
            if (!into.TryGetValue(key, out var existing))
            {
                existing = new TokenCounters();
                into[key] = existing;
            }
            existing.Add(counters);
        }
    }
}
