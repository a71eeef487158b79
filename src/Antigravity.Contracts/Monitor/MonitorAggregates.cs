using System.Globalization;

namespace Antigravity.Contracts.Monitor;

/// <summary>A record to store, with its bodies when body logging kept them.</summary>
public sealed record MonitorAppend(MonitorRecord Record, MonitorBodies? Bodies);

/// <summary>
/// What a batch of records adds to the token statistics, summed before it goes to Redis: per hour and per minute
/// bucket, the fields <c>t:{metric}:</c> (totals), <c>m:{metric}:{model}</c> and <c>a:{metric}:{account}</c> for the
/// metrics requests, errors, in, out, cached and thinking; and the label last seen for each account.
/// </summary>
internal sealed class MonitorAggregates
{
    private static readonly string[] Metrics = ["requests", "errors", "in", "out", "cached", "thinking"];

    private readonly IReadOnlyList<MonitorAppend> _batch;
    private readonly (int Hour, int Minute)[] _bucketOf;

    /// <summary>Sorts the batch's records into their hour and minute buckets (each bucket's name formatted once per record).</summary>
    public MonitorAggregates(IReadOnlyList<MonitorAppend> batch)
    {
        _batch = batch;
        _bucketOf = new (int, int)[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var time = batch[i].Record.Time.UtcDateTime;
            _bucketOf[i] = (IndexOf(HourBuckets, MonitorStore.HourBucket(time)), IndexOf(MinuteBuckets, MonitorStore.MinuteBucket(time)));
        }
    }

    /// <summary>The distinct hour buckets of the batch, in first-seen order.</summary>
    public List<string> HourBuckets { get; } = new(1);

    /// <summary>The distinct minute buckets of the batch, in first-seen order.</summary>
    public List<string> MinuteBuckets { get; } = new(1);

    /// <summary>
    /// The summed increments: (the bucket's index among the script's keys, field, amount). The hour buckets' keys
    /// start at <paramref name="firstBucketKey"/> (1-based), the minute buckets' follow them.
    /// </summary>
    public List<(string Key, string Field, long Amount)> Increments(int firstBucketKey)
    {
        var sums = new Dictionary<(int Key, string Field), long>();
        Span<long> values = stackalloc long[Metrics.Length];
        for (var i = 0; i < _batch.Count; i++)
        {
            var record = _batch[i].Record;
            var model = MonitorLimits.Bound(record.UpstreamModel ?? record.ClientModel) ?? "";
            var account = MonitorLimits.Bound(record.AccountId) ?? "";
            values[0] = 1;
            values[1] = record.IsError ? 1 : 0;
            values[2] = record.InputTokens;
            values[3] = record.OutputTokens;
            values[4] = record.CachedTokens;
            values[5] = record.ThinkingTokens;
            var hourKey = firstBucketKey + _bucketOf[i].Hour;
            var minuteKey = firstBucketKey + HourBuckets.Count + _bucketOf[i].Minute;
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
        foreach (var (record, _) in _batch)
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

    /// <summary>The index of <paramref name="bucket"/> in <paramref name="buckets"/>, added at the end when new.</summary>
    private static int IndexOf(List<string> buckets, string bucket)
    {
        var index = buckets.IndexOf(bucket);
        if (index >= 0)
        {
            return index;
        }
        buckets.Add(bucket);
        return buckets.Count - 1;
    }
}
