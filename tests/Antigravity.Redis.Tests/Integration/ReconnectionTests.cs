using System.Collections.Concurrent;
using System.Diagnostics;
using Antigravity.Redis.Tests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.Redis.Tests.Integration;

/// <summary>Each test owns its server, because it kills it.</summary>
public sealed class ReconnectionTests
{
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task While_the_server_is_down_calls_fail_fast_and_name_the_endpoint(RedisServerKind kind)
    {
        await using var server = await RedisServerProcess.StartAsync(kind);
        await using var client = await TestClients.ConnectAsync(server, o => o with { CommandTimeout = TimeSpan.FromSeconds(30) });
        Assert.True(client.IsConnected);

        await server.KillAsync();
        await Eventually.WaitUntilAsync(() => !client.IsConnected, RecoveryDeadline, "the client noticed the server is gone");

        var started = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            var error = await Assert.ThrowsAnyAsync<RedisConnectionException>(() => client.StringGetAsync("k"));
            Assert.Contains($"127.0.0.1:{server.Port}", error.Message, StringComparison.Ordinal);
        }
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"20 calls took {started.Elapsed}; they must fail without waiting for the 30 s timeout");
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task After_a_kill_and_restart_commands_and_subscriptions_recover_by_themselves(RedisServerKind kind)
    {
        await using var server = await RedisServerProcess.StartAsync(kind);
        await using var client = await TestClients.ConnectAsync(server);
        var states = new ConcurrentQueue<bool>();
        client.ConnectionStateChanged += (_, e) => states.Enqueue(e.IsConnected);
        var received = new ConcurrentQueue<string>();
        await using var subscription = await client.SubscribeAsync("events", (_, m) => received.Enqueue(m));
        await client.PublishAsync("events", "before");
        await Eventually.WaitUntilAsync(() => received.Contains("before"), RecoveryDeadline, "the message before the kill arrived");

        await server.KillAsync();
        await Eventually.WaitUntilAsync(() => !client.IsConnected, RecoveryDeadline, "the client noticed the kill");
        await server.RestartAsync();

        await Eventually.WaitUntilAsync(() => client.IsConnected, RecoveryDeadline, "the client reconnected");
        await client.StringSetAsync("after", "restart");
        Assert.Equal("restart", await client.StringGetAsync("after"));
        await Eventually.WaitUntilAsync(async () =>
        {
            await client.PublishAsync("events", "after");
            return received.Contains("after");
        }, RecoveryDeadline, "the re-issued subscription delivered a message published after the restart");
        await Eventually.WaitUntilAsync(() => states.ToArray() is [false, true], RecoveryDeadline, "ConnectionStateChanged reported lost, then restored");
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task When_the_server_kills_the_clients_connections_commands_and_subscriptions_come_back(RedisServerKind kind)
    {
        await using var server = await RedisServerProcess.StartAsync(kind);
        await using var client = await TestClients.ConnectAsync(server, o => o with { ClientName = "victim" });
        var received = new ConcurrentQueue<string>();
        await using var subscription = await client.SubscribeAsync("events", (_, m) => received.Enqueue(m));

        // An operator (or a server-side timeout) closes both of the client's connections.
        await using (var admin = await TestClients.ConnectAsync(server))
        {
            var list = (await admin.ExecuteAsync("CLIENT", ["LIST"])).AsString()!;
            var ids = list.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(line => line.Contains("name=victim", StringComparison.Ordinal))
                .Select(line => line.Split(' ').First(part => part.StartsWith("id=", StringComparison.Ordinal))[3..])
                .ToArray();
            Assert.Equal(2, ids.Length); // one command connection and one pub/sub connection
            foreach (var id in ids)
            {
                await admin.ExecuteAsync("CLIENT", ["KILL", "ID", id]);
            }
        }

        await Eventually.WaitUntilAsync(async () =>
        {
            await client.PublishAsync("events", "again");
            return received.Contains("again");
        }, RecoveryDeadline, "the subscription delivered again after its connection was killed");
        Assert.True(await client.StringSetAsync("still", "works"));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Commands_in_flight_when_the_server_dies_fail_instead_of_hanging(RedisServerKind kind)
    {
        await using var server = await RedisServerProcess.StartAsync(kind);
        await using var client = await TestClients.ConnectAsync(server, o => o with { CommandTimeout = TimeSpan.FromSeconds(60) });
        using var stop = new CancellationTokenSource();

        // Callers keep the connection busy until the kill, then the loop ends on their first connection error.
        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var ok = 0;
            while (true)
            {
                try
                {
                    await Task.WhenAll(Enumerable.Range(0, 100).Select(i => client.StringIncrementAsync($"load:{worker}")));
                    ok++;
                }
                catch (RedisConnectionException)
                {
                    return ok;
                }
            }
        })).ToArray();
        await Eventually.WaitUntilAsync(async () => long.Parse(await client.StringGetAsync("load:0") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 500,
            RecoveryDeadline, "the load is running");

        await server.KillAsync();

        var finished = Task.WhenAll(load);
        Assert.Same(finished, await Task.WhenAny(finished, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.All(await finished, ok => Assert.True(ok > 0));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task A_client_created_before_the_server_starts_connects_when_it_appears(RedisServerKind kind)
    {
        await using var server = await RedisServerProcess.StartAsync(kind);
        await server.KillAsync();
        await using var client = RedisClient.Create(RedisConnectionOptions.Parse(server.ConnectionString));
        await Eventually.WaitUntilAsync(async () =>
        {
            await Assert.ThrowsAsync<RedisConnectionException>(() => client.PingAsync());
            return true;
        }, RecoveryDeadline, "calls fail while no server runs");

        await server.RestartAsync();

        await Eventually.WaitUntilAsync(() => client.IsConnected, RecoveryDeadline, "the client connected to the late server");
        Assert.True(await client.StringSetAsync("late", "yes"));
    }
}
