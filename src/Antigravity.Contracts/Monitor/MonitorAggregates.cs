using System.Globalization;

namespace Antigravity.Contracts.Monitor;

/// <summary>A record to store, with its bodies when body logging kept them.</summary>
public sealed record MonitorAppend(MonitorRecord Record, MonitorBodies? Bodies);

/// <summary>
/// What a batch of records adds to the token statistics, summed before it goes to Redis: per hour and per minute
/// bucket, the fields <c>t:{metric}:</c> (totals), <c>m:{metric}:{model}</c> and <c>a:{metric}:{account}</c> for the
/// metrics requests, errors, in, out, cached and thinking; and the label last seen for each account.
/// </summary>
internal sealed class MonitorAggregates(IReadOnlyList<MonitorAppend> batch)
{
    private static readonly string[] Metrics = ["requests", "errors", "in", "out", "cached", "thinking"];

    /// <summary>The distinct hour (<paramref name="hourly"/>) or minute buckets of the batch, in first-seen order.</summary>
    public List<string> Buckets(bool hourly)
    {
        var buckets = new List<string>(1);
        foreach (var (record, _) in batch)
        {
            var time = record.Time.UtcDateTime;
            var bucket = hourly ? MonitorStore.HourBucket(time) : MonitorStore.MinuteBucket(time);
            if (!buckets.Contains(bucket))
            {
                buckets.Add(bucket);
            }
        }
        return buckets;
    }

    /// <summary>
    /// The summed increments: (the bucket's index among the script's keys, field, amount). The hour buckets' keys
    /// start at <paramref name="firstBucketKey"/> (1-based), the minute buckets' follow them.
    /// </summary>
    public List<(string Key, string Field, long Amount)> Increments(List<string> hourBuckets, List<string> minuteBuckets, int firstBucketKey)
    {
        var sums = new Dictionary<(int Key, string Field), long>();
        Span<long> values = stackalloc long[Metrics.Length];
        foreach (var (record, _) in batch)
        {
            var time = record.Time.UtcDateTime;
            var model = MonitorLimits.Bound(record.UpstreamModel ?? record.ClientModel) ?? "";
            var account = MonitorLimits.Bound(record.AccountId) ?? "";
            values[0] = 1;
            values[1] = record.IsError ? 1 : 0;
            values[2] = record.InputTokens;
            values[3] = record.OutputTokens;
            values[4] = record.CachedTokens;
            values[5] = record.ThinkingTokens;
            var hourKey = firstBucketKey + hourBuckets.IndexOf(MonitorStore.HourBucket(time));
            var minuteKey = firstBucketKey + hourBuckets.Count + minuteBuckets.IndexOf(MonitorStore.MinuteBucket(time));
            foreach (var key in (ReadOnlySpan<int>)[hourKey, minuteKey])
            {
                for (var m = 0; m < Metrics.Length; m++)
                {
                    if (values[m] == 0)
                    {
                        continue;
                    }
                    Add(sums, key, "t:" + Metrics[m] + ":", values[m]);
                    if (model.Length > 0)
                    {
                        Add(sums, key, "m:" + Metrics[m] + ":" + model, values[m]);
                    }
                    if (account.Length > 0)
                    {
                        Add(sums, key, "a:" + Metrics[m] + ":" + account, values[m]);
                    }
                }
            }
        }
        var increments = new List<(string, string, long)>(sums.Count);
        foreach (var ((key, field), amount) in sums)
        {
            increments.Add((key.ToString(CultureInfo.InvariantCulture), field, amount));
        }
        return increments;
    }

    /// <summary>Each account's label, the batch's last one for an account that appears more than once.</summary>
    public List<(string AccountId, string Label)> AccountLabels()
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (record, _) in batch)
        {
            if (MonitorLimits.Bound(record.AccountId) is { Length: > 0 } id && MonitorLimits.Bound(record.AccountLabel) is { Length: > 0 } label)
            {
                labels[id] = label;
            }
        }
        var list = new List<(string, string)>(labels.Count);
        foreach (var (id, label) in labels)
        {
            list.Add((id, label));
        }
        return list;
    }

    private static void Add(Dictionary<(int Key, string Field), long> sums, int key, string field, long amount) =>
        sums[(key, field)] = sums.GetValueOrDefault((key, field)) + amount;
}
