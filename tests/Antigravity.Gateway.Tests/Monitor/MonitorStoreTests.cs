using Antigravity.Contracts;
using Antigravity.Contracts.Monitor;
using Antigravity.Testing;
using StackExchange.Redis;

namespace Antigravity.Gateway.Tests.Monitor;

/// <summary>A Garnet and a redis-server for the store tests (every test runs on both).</summary>
public sealed class TwoRedisServers : IAsyncLifetime
{
    private readonly Dictionary<RedisServerKind, (RedisServerProcess Server, ConnectionMultiplexer Client)> _servers = [];

    public async Task InitializeAsync()
    {
        foreach (var kind in (RedisServerKind[])[RedisServerKind.Garnet, RedisServerKind.RedisServer])
        {
            var server = await RedisServerProcess.StartAsync(kind);
            var client = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString + ",allowAdmin=true");
            _servers[kind] = (server, client);
        }
    }

    /// <summary>An emptied server of <paramref name="kind"/>.</summary>
    public async Task<IConnectionMultiplexer> CleanAsync(RedisServerKind kind)
    {
        var client = _servers[kind].Client;
        await client.GetServers()[0].FlushAllDatabasesAsync();
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var (server, client) in _servers.Values)
        {
            await client.DisposeAsync();
            await server.DisposeAsync();
        }
    }
}

/// <summary>Records capped to the newest, read newest first with a cursor, and the aggregates they feed.</summary>
public sealed class MonitorStoreTests(TwoRedisServers servers) : IClassFixture<TwoRedisServers>
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 30, 5, TimeSpan.Zero);

    private static MonitorRecord Record(int n, string model = "gemini-2.5-flash", string? account = "acc-1", int status = 200, string? error = null) => new()
    {
        Id = $"req_{n}",
        Time = Noon,
        Status = status,
        Protocol = n % 2 == 0 ? "openai" : "anthropic",
        Method = "POST",
        Path = "/v1/chat/completions",
        ClientModel = "client-" + model,
        UpstreamModel = model,
        AccountId = account,
        AccountLabel = account is null ? null : account + "@example.com",
        InputTokens = 10,
        OutputTokens = 4,
        CachedTokens = 2,
        ThinkingTokens = 1,
        DurationMs = 30,
        Attempts = 1,
        Error = error,
    };

    [Theory]
    [InlineData(RedisServerKind.Garnet)]
    [InlineData(RedisServerKind.RedisServer)]
    public async Task Only_the_newest_records_are_kept_and_pages_follow_the_cursor_without_gaps(RedisServerKind kind)
    {
        var store = new MonitorStore(await servers.CleanAsync(kind));
        for (var n = 1; n <= 12; n++)
        {
            await store.AppendAsync(Record(n), null, maxRecords: 10);
        }

        var first = await store.QueryAsync(new MonitorFilter(), null, 4);
        var second = await store.QueryAsync(new MonitorFilter(), first.NextCursor, 4);
        var third = await store.QueryAsync(new MonitorFilter(), second.NextCursor, 4);

        Assert.Equal(10, await store.CountAsync());
        Assert.Equal(["req_12", "req_11", "req_10", "req_9"], first.Items.Select(r => r.Id));
        Assert.Equal(["req_8", "req_7", "req_6", "req_5"], second.Items.Select(r => r.Id));
        Assert.Equal(["req_4", "req_3"], third.Items.Select(r => r.Id));
        Assert.Null(third.NextCursor);
        Assert.Null(await store.GetAsync("req_2"));
        Assert.True(first.Items[0].Seq > first.Items[1].Seq);
    }

    [Theory]
    [InlineData(RedisServerKind.Garnet)]
    [InlineData(RedisServerKind.RedisServer)]
    public async Task Filters_combine_and_a_detail_carries_its_bodies(RedisServerKind kind)
    {
        var store = new MonitorStore(await servers.CleanAsync(kind));
        await store.AppendAsync(Record(1, "claude-sonnet-4-5", "acc-2"), null, 100);
        await store.AppendAsync(Record(2, "gemini-2.5-pro", status: 429, error: "All accounts exhausted"), null, 100);
        await store.AppendAsync(Record(3, "gemini-2.5-flash"), new MonitorBodies { RequestBody = "{\"a\":1}", ResponseBody = "{\"b\":2}" }, 100);

        var errors = await store.QueryAsync(new MonitorFilter { ErrorsOnly = true }, null, 10);
        var anthropicGemini = await store.QueryAsync(new MonitorFilter { Protocol = "anthropic", Model = "GEMINI" }, null, 10);
        var byAccountLabel = await store.QueryAsync(new MonitorFilter { Account = "acc-2@" }, null, 10);
        var byText = await store.QueryAsync(new MonitorFilter { Text = "exhausted" }, null, 10);
        var detail = await store.GetAsync("req_3");
        var plain = await store.GetAsync("req_1");

        Assert.Equal("req_2", Assert.Single(errors.Items).Id);
        Assert.Equal("req_3", Assert.Single(anthropicGemini.Items).Id);
        Assert.Equal("req_1", Assert.Single(byAccountLabel.Items).Id);
        Assert.Equal("req_2", Assert.Single(byText.Items).Id);
        Assert.True(detail!.Record.HasBodies);
        Assert.Equal("{\"b\":2}", detail.Bodies!.ResponseBody);
        Assert.False(plain!.Record.HasBodies);
        Assert.Null(plain.Bodies);
        Assert.Equal(3, await store.ClearAsync());
        Assert.Empty((await store.QueryAsync(new MonitorFilter(), null, 10)).Items);
    }

    [Theory]
    [InlineData(RedisServerKind.Garnet)]
    [InlineData(RedisServerKind.RedisServer)]
    public async Task Concurrent_appends_add_up_exactly_in_the_hour_and_minute_aggregates_by_model_and_account(RedisServerKind kind)
    {
        var redis = await servers.CleanAsync(kind);
        var store = new MonitorStore(redis);
        var writes = new List<Task>();
        for (var n = 0; n < 40; n++)
        {
            writes.Add(store.AppendAsync(Record(n, n % 4 == 0 ? "model-b" : "model-a", n % 2 == 0 ? "acc-even" : "acc-odd", n % 10 == 0 ? 500 : 200), null, 1_000));
        }
        await Task.WhenAll(writes);

        var reader = new TokenStatsReader(redis);
        var hour = Assert.Single(await reader.ReadHoursAsync(Noon.UtcDateTime, 1));
        var minute = Assert.Single(await reader.ReadMinutesAsync(Noon.UtcDateTime, 1));
        var labels = await reader.AccountLabelsAsync();
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(RedisKeys.StatsHour("2026031412"));

        Assert.Equal(40, hour.Totals.Requests);
        Assert.Equal(4, hour.Totals.Errors);
        Assert.Equal(400, hour.Totals.InputTokens);
        Assert.Equal(160, hour.Totals.OutputTokens);
        Assert.Equal(80, hour.Totals.CachedTokens);
        Assert.Equal(40, hour.Totals.ThinkingTokens);
        Assert.Equal(10, hour.ByModel["model-b"].Requests);
        Assert.Equal(300, hour.ByModel["model-a"].InputTokens);
        Assert.Equal(20, hour.ByAccount["acc-even"].Requests);
        Assert.Equal(4, hour.ByAccount["acc-even"].Errors);
        Assert.Equal(40, minute.Totals.Requests);
        Assert.Equal("acc-odd@example.com", labels["acc-odd"]);
        Assert.NotNull(ttl);
        Assert.InRange(ttl!.Value, TimeSpan.FromDays(34), TimeSpan.FromDays(35));
    }

    [Theory]
    [InlineData(RedisServerKind.Garnet)]
    [InlineData(RedisServerKind.RedisServer)]
    public async Task A_batch_across_a_minute_and_an_hour_boundary_counts_every_record_in_its_own_buckets(RedisServerKind kind)
    {
        var redis = await servers.CleanAsync(kind);
        var store = new MonitorStore(redis);
        var lastMinute = new DateTimeOffset(2026, 3, 14, 12, 59, 58, TimeSpan.Zero);
        var batch = new List<MonitorAppend>();
        for (var n = 0; n < 30; n++)
        {
            var record = Record(n, n % 3 == 0 ? "model-b" : "model-a", n % 2 == 0 ? "acc-even" : "acc-odd", n % 10 == 0 ? 500 : 200)
                with { Time = n < 20 ? lastMinute : lastMinute.AddSeconds(3) };
            batch.Add(new MonitorAppend(record, n == 5 ? new MonitorBodies { RequestBody = "{}" } : null));
        }

        var stored = await store.AppendAsync(batch, maxRecords: 25);

        var reader = new TokenStatsReader(redis);
        var hours = await reader.ReadHoursAsync(lastMinute.UtcDateTime, 2);
        var noon = hours.Single(h => h.Totals.Requests == 20);
        var one = hours.Single(h => h.Totals.Requests == 10);
        var minutes = await reader.ReadMinutesAsync(lastMinute.UtcDateTime, 2);
        Assert.Equal(Enumerable.Range((int)stored[0].Seq, 30).Select(i => (long)i), stored.Select(r => r.Seq));
        Assert.Equal(2, noon.Totals.Errors);
        Assert.Equal(200, noon.Totals.InputTokens);
        Assert.Equal(7, noon.ByModel["model-b"].Requests);
        Assert.Equal(10, noon.ByAccount["acc-even"].Requests);
        Assert.Equal(1, one.Totals.Errors);
        Assert.Equal(40, one.Totals.OutputTokens);
        Assert.Equal([10, 20], minutes.Select(m => m.Totals.Requests).Where(r => r > 0).Order());
        Assert.Equal(25, await store.CountAsync());
        Assert.Equal("req_29", (await store.QueryAsync(new MonitorFilter(), null, 1)).Items[0].Id);
        Assert.True((await store.GetAsync("req_5"))!.Record.HasBodies);
        Assert.Null(await store.GetAsync("req_4"));
    }

    [Theory]
    [InlineData(RedisServerKind.Garnet)]
    [InlineData(RedisServerKind.RedisServer)]
    public async Task A_request_id_used_again_replaces_the_older_record_and_its_bodies(RedisServerKind kind)
    {
        var store = new MonitorStore(await servers.CleanAsync(kind));
        await store.AppendAsync(Record(1), new MonitorBodies { RequestBody = "{\"old\":true}" }, 100);

        await store.AppendAsync(Record(1, "gemini-2.5-pro"), null, 100);

        var detail = await store.GetAsync("req_1");
        Assert.Equal(1, await store.CountAsync());
        Assert.Equal("gemini-2.5-pro", detail!.Record.UpstreamModel);
        Assert.Null(detail.Bodies);
        Assert.False(detail.Record.HasBodies);
    }

    [Theory]
    [InlineData(RedisServerKind.Garnet)]
    [InlineData(RedisServerKind.RedisServer)]
    public async Task Each_stored_record_is_announced_with_its_cursor(RedisServerKind kind)
    {
        var redis = await servers.CleanAsync(kind);
        var store = new MonitorStore(redis);
        var announced = new System.Collections.Concurrent.ConcurrentQueue<MonitorRecord>();
        var subscription = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.MonitorChannel));
        subscription.OnMessage(message =>
        {
            foreach (var record in MonitorStore.ParseAnnouncement(message.Message.ToString()))
            {
                announced.Enqueue(record);
            }
        });
        try
        {
            var stored = await store.AppendAsync([new MonitorAppend(Record(7), null), new MonitorAppend(Record(8, "gemini-2.5-pro"), null)], 100);

            await Eventually.WaitUntilAsync(() => announced.Count == 2, TimeSpan.FromSeconds(5), "both records are announced");
            Assert.Equal(["req_7", "req_8"], announced.Select(r => r.Id));
            Assert.Equal(stored.Select(r => r.Seq), announced.Select(r => r.Seq));
            Assert.Equal(["gemini-2.5-flash", "gemini-2.5-pro"], announced.Select(r => r.UpstreamModel));
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }
}
