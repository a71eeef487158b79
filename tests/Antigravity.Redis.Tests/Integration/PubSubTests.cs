using System.Collections.Concurrent;
using Antigravity.Redis.Tests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.Redis.Tests.Integration;

[Collection(SharedServersCollection.Name)]
public sealed class PubSubTests(RedisServers servers)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Published_messages_reach_every_handler_in_order(RedisServerKind kind)
    {
        var server = await servers.GetAsync(kind);
        await using var subscriber = await TestClients.ConnectAsync(server);
        await using var publisher = await TestClients.ConnectAsync(server);
        var channel = TestClients.UniqueKey("chan");
        var first = new ConcurrentQueue<string>();
        var second = new ConcurrentQueue<string>();

        await using var a = await subscriber.SubscribeAsync(channel, (c, m) => first.Enqueue($"{c}={m}"));
        await using var b = await subscriber.SubscribeAsync(channel, (_, m) => second.Enqueue(m));
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(1, await publisher.PublishAsync(channel, $"m{i}"));
        }

        await Eventually.WaitUntilAsync(() => first.Count == 100 && second.Count == 100, Deadline, "both handlers got 100 messages");
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"{channel}=m{i}"), first);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"m{i}"), second);
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Disposing_the_last_subscription_unsubscribes_the_channel(RedisServerKind kind)
    {
        var server = await servers.GetAsync(kind);
        await using var subscriber = await TestClients.ConnectAsync(server);
        await using var publisher = await TestClients.ConnectAsync(server);
        var channel = TestClients.UniqueKey("unsub");
        var kept = new ConcurrentQueue<string>();
        var dropped = new ConcurrentQueue<string>();

        var keep = await subscriber.SubscribeAsync(channel, (_, m) => kept.Enqueue(m));
        var drop = await subscriber.SubscribeAsync(channel, (_, m) => dropped.Enqueue(m));
        await drop.DisposeAsync();
        Assert.Equal(1, await publisher.PublishAsync(channel, "one"));
        await Eventually.WaitUntilAsync(() => kept.Count == 1, Deadline, "the remaining handler got the message");
        Assert.Empty(dropped);

        await keep.DisposeAsync();
        Assert.Equal(0, await publisher.PublishAsync(channel, "two"));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task A_throwing_handler_does_not_stop_delivery(RedisServerKind kind)
    {
        var server = await servers.GetAsync(kind);
        await using var client = await TestClients.ConnectAsync(server);
        var channel = TestClients.UniqueKey("boom");
        var received = new ConcurrentQueue<string>();

        await using var bad = await client.SubscribeAsync(channel, (_, _) => throw new InvalidOperationException("handler bug"));
        await using var good = await client.SubscribeAsync(channel, (_, m) => received.Enqueue(m));
        await client.PublishAsync(channel, "1");
        await client.PublishAsync(channel, "2");

        await Eventually.WaitUntilAsync(() => received.Count == 2, Deadline, "the good handler got both messages");
        Assert.True(client.IsConnected);
        Assert.Equal("PONG-ok", (await client.PingAsync()) >= TimeSpan.Zero ? "PONG-ok" : "no");
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task A_slow_handler_does_not_block_commands(RedisServerKind kind)
    {
        var server = await servers.GetAsync(kind);
        await using var client = await TestClients.ConnectAsync(server);
        var channel = TestClients.UniqueKey("slow");
        using var release = new ManualResetEventSlim();
        var handled = 0;

        await using var slow = await client.SubscribeAsync(channel, (_, _) =>
        {
            release.Wait(TimeSpan.FromSeconds(30));
            Interlocked.Increment(ref handled);
        });
        await client.PublishAsync(channel, "stuck");
        await client.PublishAsync(channel, "queued");

        // While the handler is stuck, commands and further publishes still work.
        var key = TestClients.UniqueKey("during");
        await client.StringSetAsync(key, "fine");
        Assert.Equal("fine", await client.StringGetAsync(key));
        release.Set();
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref handled) == 2, Deadline, "both messages were handled after release");
    }
}
