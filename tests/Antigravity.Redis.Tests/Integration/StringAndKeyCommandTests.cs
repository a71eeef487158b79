using Antigravity.Redis.Tests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.Redis.Tests.Integration;

[Collection(SharedServersCollection.Name)]
public sealed class StringAndKeyCommandTests(RedisServers servers)
{
    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Set_then_get_returns_the_value_and_missing_keys_are_null(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("string");

        Assert.True(await client.StringSetAsync(key, "héllo wörld"));
        Assert.Equal("héllo wörld", await client.StringGetAsync(key));
        Assert.Null(await client.StringGetAsync(key + ":missing"));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Set_conditions_NX_and_XX_are_honoured(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("cond");

        Assert.False(await client.StringSetAsync(key, "x", when: When.Exists));
        Assert.Null(await client.StringGetAsync(key));
        Assert.True(await client.StringSetAsync(key, "first", when: When.NotExists));
        Assert.False(await client.StringSetAsync(key, "second", when: When.NotExists));
        Assert.Equal("first", await client.StringGetAsync(key));
        Assert.True(await client.StringSetAsync(key, "third", when: When.Exists));
        Assert.Equal("third", await client.StringGetAsync(key));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Increment_counts_from_zero(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("counter");

        Assert.Equal(1, await client.StringIncrementAsync(key));
        Assert.Equal(11, await client.StringIncrementAsync(key, 10));
        Assert.Equal(8, await client.StringIncrementAsync(key, -3));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Expiry_is_reported_and_applied(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("ttl");

        await client.StringSetAsync(key, "v", expiry: TimeSpan.FromMinutes(5));
        var ttl = await client.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));

        await client.StringSetAsync(key + ":plain", "v");
        Assert.Null(await client.KeyTimeToLiveAsync(key + ":plain"));
        Assert.Null(await client.KeyTimeToLiveAsync(key + ":missing"));
        Assert.True(await client.KeyExpireAsync(key + ":plain", TimeSpan.FromMilliseconds(50)));
        Assert.False(await client.KeyExpireAsync(key + ":missing", TimeSpan.FromSeconds(1)));
        await Eventually.WaitUntilAsync(async () => !await client.KeyExistsAsync(key + ":plain"), TimeSpan.FromSeconds(5), "the key expired");
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Exists_delete_and_scan_see_the_same_keys(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var prefix = TestClients.UniqueKey("scan");
        var keys = Enumerable.Range(0, 30).Select(i => $"{prefix}:{i}").ToArray();
        foreach (var key in keys)
        {
            await client.StringSetAsync(key, "v");
        }

        var scanned = new List<string>();
        await foreach (var key in client.KeyScanAsync(prefix + ":*", pageSize: 7))
        {
            scanned.Add(key);
        }

        Assert.Equal(keys.Order(), scanned.Distinct().Order());
        Assert.True(await client.KeyExistsAsync(keys[0]));
        Assert.Equal(30, await client.KeyDeleteAsync([.. keys, prefix + ":missing"]));
        Assert.False(await client.KeyExistsAsync(keys[0]));
        Assert.Equal(0, await client.KeyDeleteAsync([]));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Ping_and_raw_commands_work_and_server_errors_raise(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("raw");

        Assert.True(await client.PingAsync() > TimeSpan.Zero);
        Assert.Equal("OK", (await client.ExecuteAsync("SET", [key, "42"])).AsString());
        Assert.Equal(42, (await client.ExecuteAsync("GET", [key])).AsInt64());
        await client.ListLeftPushAsync(key + ":list", "x");
        var wrongType = await Assert.ThrowsAsync<RedisServerException>(() => client.StringGetAsync(key + ":list"));
        Assert.Equal("WRONGTYPE", wrongType.Prefix);
        await Assert.ThrowsAsync<RedisServerException>(() => client.ExecuteAsync("NOSUCHCOMMAND", []));
        // The connection is still in step after the errors.
        Assert.Equal("42", await client.StringGetAsync(key));
    }
}
