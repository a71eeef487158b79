using Antigravity.Redis.Tests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.Redis.Tests.Integration;

[Collection(SharedServersCollection.Name)]
public sealed class PipeliningTests(RedisServers servers)
{
    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Thousands_of_concurrent_callers_each_get_their_own_reply(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var prefix = TestClients.UniqueKey("pipe");
        const int Callers = 5000;

        await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => Task.Run(() => client.StringSetAsync($"{prefix}:{i}", $"value-{i}"))));
        var values = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => Task.Run(() => client.StringGetAsync($"{prefix}:{i}"))));
        var counters = await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => client.StringIncrementAsync(prefix + ":counter")));

        for (var i = 0; i < Callers; i++)
        {
            Assert.Equal($"value-{i}", values[i]);
        }
        Assert.Equal(Enumerable.Range(1, Callers).Select(i => (long)i), counters.Order());
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Large_values_round_trip_intact(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("big");
        var value = string.Concat(Enumerable.Range(0, 200_000).Select(i => (char)('a' + (i % 26)))) + "€";

        await client.StringSetAsync(key, value);
        var reads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.StringGetAsync(key)));

        Assert.All(reads, read => Assert.Equal(value, read));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Cancelled_calls_never_shift_the_replies_of_later_calls(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var prefix = TestClients.UniqueKey("cancel");
        for (var i = 0; i < 200; i++)
        {
            await client.StringSetAsync($"{prefix}:{i}", $"{i}");
        }

        // Cancel half of the reads at random moments while they are queued, sent or being answered.
        var calls = Enumerable.Range(0, 200).Select(async i =>
        {
            using var cancel = new CancellationTokenSource();
            if (i % 2 == 0)
            {
                cancel.CancelAfter(TimeSpan.FromTicks(Random.Shared.Next(0, 20_000)));
            }
            try
            {
                return (i, await client.StringGetAsync($"{prefix}:{i}", cancel.Token));
            }
            catch (OperationCanceledException)
            {
                return (i, (string?)"cancelled");
            }
        });
        var results = await Task.WhenAll(calls);

        Assert.All(results.Where(r => r.i % 2 == 1), r => Assert.Equal($"{r.i}", r.Item2));
        Assert.All(results.Where(r => r.Item2 != "cancelled"), r => Assert.Equal($"{r.i}", r.Item2));
        Assert.Equal("7", await client.StringGetAsync($"{prefix}:7"));
    }
}
