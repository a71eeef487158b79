using Antigravity.Contracts.Monitor;

namespace Antigravity.Dashboard.Monitor;

/// <summary>A page of <c>GET /api/monitor/requests</c>, newest first.</summary>
/// <param name="Items">The records.</param>
/// <param name="NextCursor">Pass as <c>before</c> for older records; null when there are none.</param>
/// <param name="Scanned">Stored records looked at (a rare filter stops after <see cref="MonitorStore.MaxScanPerPage"/> and returns a cursor).</param>
/// <param name="Total">Records stored, filters aside.</param>
public sealed record MonitorRequestsResponse(IReadOnlyList<MonitorRecord> Items, string? NextCursor, int Scanned, long Total);

/// <summary>The answer of <c>DELETE /api/monitor/requests</c>.</summary>
/// <param name="Deleted">How many records were removed.</param>
public sealed record MonitorClearResponse(long Deleted);

/// <summary>Requests and tokens of one time bucket.</summary>
/// <param name="Start">Start of the bucket (UTC).</param>
/// <param name="Totals">Every request of the bucket.</param>
public sealed record TokenStatsBucket(DateTimeOffset Start, TokenCounters Totals);

/// <summary>One model's or account's line in the charts.</summary>
/// <param name="Key">The upstream model name, or the account id.</param>
/// <param name="Label">What to show: the model name, or the account's label or e-mail (its id when unknown).</param>
/// <param name="Totals">Sum over the range.</param>
/// <param name="Points">One per bucket, in the order of <see cref="TokenStatsResponse.Buckets"/>.</param>
public sealed record TokenStatsSeries(string Key, string Label, TokenCounters Totals, IReadOnlyList<TokenCounters> Points);

/// <summary>The answer of <c>GET /api/stats/tokens</c>.</summary>
/// <param name="Range"><c>hour</c>, <c>day</c> or <c>week</c>.</param>
/// <param name="By"><c>model</c> or <c>account</c>.</param>
/// <param name="BucketSeconds">Width of a bucket: 60 (hour), 3600 (day), 86400 (week).</param>
/// <param name="From">Start of the first bucket (UTC).</param>
/// <param name="To">End of the last bucket (UTC, in the future while the current bucket runs).</param>
/// <param name="Totals">Sum over the range.</param>
/// <param name="Buckets">The time buckets, oldest first, with every request counted.</param>
/// <param name="Series">One per model or account seen in the range, most tokens first.</param>
public sealed record TokenStatsResponse(string Range, string By, int BucketSeconds, DateTimeOffset From, DateTimeOffset To,
    TokenCounters Totals, IReadOnlyList<TokenStatsBucket> Buckets, IReadOnlyList<TokenStatsSeries> Series);

/// <summary>Traffic of the last five minutes.</summary>
/// <param name="Requests">Requests in the current minute and the four before it.</param>
/// <param name="Errors">Of those, failed.</param>
/// <param name="RequestsPerMinute"><paramref name="Requests"/> / 5.</param>
/// <param name="ErrorRate"><paramref name="Errors"/> / <paramref name="Requests"/> (0 without requests).</param>
public sealed record RecentTraffic(long Requests, long Errors, double RequestsPerMinute, double ErrorRate);

/// <summary>Today's counts (UTC day).</summary>
/// <param name="Since">Midnight UTC.</param>
/// <param name="Totals">Requests and tokens since then.</param>
/// <param name="ErrorRate">Errors / requests (0 without requests).</param>
public sealed record TodayTraffic(DateTimeOffset Since, TokenCounters Totals, double ErrorRate);

/// <summary>The answer of <c>GET /api/stats/summary</c> (the Overview page's numbers).</summary>
/// <param name="LastFiveMinutes">Requests per minute and error rate.</param>
/// <param name="Today">Tokens and requests today.</param>
/// <param name="StoredRecords">Monitor records kept.</param>
/// <param name="MonitorEnabled">Whether the gateway records requests now.</param>
public sealed record StatsSummaryResponse(RecentTraffic LastFiveMinutes, TodayTraffic Today, long StoredRecords, bool MonitorEnabled);
