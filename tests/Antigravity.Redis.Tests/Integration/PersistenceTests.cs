using Antigravity.Redis.Tests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.Redis.Tests.Integration;

public sealed class PersistenceTests
{
    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Data_written_before_a_kill_is_there_after_the_restart(RedisServerKind kind)
    {
        await using var server = await RedisServerProcess.StartAsync(kind, persistent: true);
        await using (var client = await TestClients.ConnectAsync(server))
        {
            await client.StringSetAsync("settings", "{\"revision\":3}");
            await client.HashSetAsync("account:1", [new("email", "a@example.com"), new("enabled", "true")]);
            await client.SortedSetAddAsync("cooldowns", "account:1", 1234.5);
            await client.StringIncrementAsync("counter", 41);
            await client.StringIncrementAsync("counter");
            // A burst of pipelined writes right before the kill: every acknowledged one must survive.
            await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => client.StringIncrementAsync("burst")));
        }

        await server.KillAsync();
        await server.RestartAsync();

        await using var after = await TestClients.ConnectAsync(server);
        Assert.Equal("{\"revision\":3}", await after.StringGetAsync("settings"));
        Assert.Equal("a@example.com", await after.HashGetAsync("account:1", "email"));
        Assert.Equal(1234.5, await after.SortedSetScoreAsync("cooldowns", "account:1"));
        Assert.Equal("42", await after.StringGetAsync("counter"));
        Assert.Equal("500", await after.StringGetAsync("burst"));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Without_persistence_a_restart_starts_empty(RedisServerKind kind)
    {
        await using var server = await RedisServerProcess.StartAsync(kind);
        await using (var client = await TestClients.ConnectAsync(server))
        {
            await client.StringSetAsync("k", "v");
        }

        await server.RestartAsync();

        await using var after = await TestClients.ConnectAsync(server);
        Assert.Null(await after.StringGetAsync("k"));
    }
}
