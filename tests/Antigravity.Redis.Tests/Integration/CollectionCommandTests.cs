using Antigravity.Redis.Tests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.Redis.Tests.Integration;

[Collection(SharedServersCollection.Name)]
public sealed class CollectionCommandTests(RedisServers servers)
{
    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Hash_fields_are_set_read_incremented_and_deleted(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("hash");

        Assert.True(await client.HashSetAsync(key, "a", "1"));
        Assert.False(await client.HashSetAsync(key, "a", "2"));
        Assert.False(await client.HashSetAsync(key, "a", "3", When.NotExists));
        Assert.True(await client.HashSetAsync(key, "b", "x", When.NotExists));
        await client.HashSetAsync(key, [new("c", "γ"), new("d", "")]);
        Assert.Equal(7, await client.HashIncrementAsync(key, "n", 7));

        Assert.Equal("2", await client.HashGetAsync(key, "a"));
        Assert.Null(await client.HashGetAsync(key, "missing"));
        var all = await client.HashGetAllAsync(key);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "2", ["b"] = "x", ["c"] = "γ", ["d"] = "", ["n"] = "7" }, all);
        Assert.Equal(2, await client.HashDeleteAsync(key, ["a", "b", "missing"]));
        Assert.Equal(3, (await client.HashGetAllAsync(key)).Count);
        Assert.Empty(await client.HashGetAllAsync(key + ":missing"));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Sorted_sets_rank_score_and_trim(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("zset");

        Assert.True(await client.SortedSetAddAsync(key, "a", 1));
        Assert.True(await client.SortedSetAddAsync(key, "b", 2.5));
        Assert.True(await client.SortedSetAddAsync(key, "c", -3));
        Assert.False(await client.SortedSetAddAsync(key, "a", 4));
        Assert.Equal(3, await client.SortedSetLengthAsync(key));
        Assert.Equal(4, await client.SortedSetScoreAsync(key, "a"));
        Assert.Null(await client.SortedSetScoreAsync(key, "zzz"));

        Assert.Equal([new("c", -3), new("b", 2.5), new("a", 4)], await client.SortedSetRangeByRankAsync(key));
        Assert.Equal([new("a", 4), new("b", 2.5)], await client.SortedSetRangeByRankAsync(key, 0, 1, descending: true));
        Assert.Equal([new("b", 2.5), new("a", 4)], await client.SortedSetRangeByScoreAsync(key, min: 0));
        Assert.Equal([new("a", 4)], await client.SortedSetRangeByScoreAsync(key, descending: true, take: 1));
        Assert.Equal([new("c", -3)], await client.SortedSetRangeByScoreAsync(key, max: 0));

        Assert.True(await client.SortedSetRemoveAsync(key, "c"));
        Assert.False(await client.SortedSetRemoveAsync(key, "c"));
        Assert.Equal(1, await client.SortedSetRemoveRangeByScoreAsync(key, 2, 3));
        Assert.Equal(1, await client.SortedSetRemoveRangeByRankAsync(key, 0, -1));
        Assert.Equal(0, await client.SortedSetLengthAsync(key));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Lists_push_range_and_trim(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("list");

        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(i, await client.ListLeftPushAsync(key, $"v{i}"));
        }
        Assert.Equal(["v5", "v4", "v3", "v2", "v1"], await client.ListRangeAsync(key));
        await client.ListTrimAsync(key, 0, 2);
        Assert.Equal(["v5", "v4", "v3"], await client.ListRangeAsync(key));
        Assert.Equal(["v4"], await client.ListRangeAsync(key, 1, 1));
        Assert.Empty(await client.ListRangeAsync(key + ":missing"));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Streams_append_and_read_in_both_directions(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("stream");

        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await client.StreamAddAsync(key, [new("n", $"{i}"), new("who", "me")]));
        }

        Assert.Equal(5, await client.StreamLengthAsync(key));
        var all = await client.StreamRangeAsync(key);
        Assert.Equal(ids, all.Select(e => e.Id));
        Assert.Equal([new("n", "0"), new("who", "me")], all[0].Fields);
        var newestTwo = await client.StreamRangeAsync(key, count: 2, descending: true);
        Assert.Equal([ids[4], ids[3]], newestTwo.Select(e => e.Id));
        var fromThird = await client.StreamRangeAsync(key, start: ids[2]);
        Assert.Equal(ids[2..], fromThird.Select(e => e.Id));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Stream_max_length_caps_the_stream(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("capped");

        for (var i = 0; i < 500; i++)
        {
            await client.StreamAddAsync(key, [new("n", $"{i}")], maxLength: 10);
        }

        // MAXLEN ~ trims whole nodes, so the stream may hold a few more than asked, never all of them.
        Assert.InRange(await client.StreamLengthAsync(key), 10, 200);
        var newest = await client.StreamRangeAsync(key, count: 1, descending: true);
        Assert.Equal("499", newest[0].Fields[0].Value);
    }
}
