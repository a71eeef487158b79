using Antigravity.Gateway.Tests.Infrastructure;
using Antigravity.Gateway.Thinking;
using Antigravity.Protocols.Thinking;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Antigravity.Gateway.Tests.Thinking;

/// <summary>
/// Thinking signatures live in Redis, so a conversation whose client dropped a signature is healed by any
/// gateway replica, not only the one that saw the model's answer.
/// </summary>
public sealed class RedisSignatureCacheTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const string Signature = "EqQBCkgIBxABGAIqQHsignature+with/base64==";

    [Fact]
    public async Task A_signature_stored_by_one_replica_is_found_by_another_byte_exact()
    {
        var first = (await harness.StartGatewayAsync()).Services.GetRequiredService<ISignatureCache>();
        var second = (await harness.StartGatewayAsync()).Services.GetRequiredService<ISignatureCache>();
        Assert.IsType<RedisSignatureCache>(first);
        Assert.NotSame(first, second);

        await first.SetAsync("session-a", "toolu_01", Signature);

        Assert.Equal(Signature, await second.GetAsync("session-a", "toolu_01"));
    }

    [Fact]
    public async Task A_miss_stays_a_miss_and_sessions_do_not_share_signatures()
    {
        var cache = (await harness.SharedGatewayAsync()).Services.GetRequiredService<ISignatureCache>();

        await cache.SetAsync("session-b", "toolu_02", Signature);

        Assert.Null(await cache.GetAsync("session-c", "toolu_02"));
        Assert.Null(await cache.GetAsync("session-b", "toolu_03"));
    }

    [Fact]
    public async Task Signatures_expire_in_redis_after_the_configured_time()
    {
        var cache = (await harness.SharedGatewayAsync()).Services.GetRequiredService<ISignatureCache>();
        await cache.SetAsync("session-d", "toolu_04", Signature);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(harness.Redis.ConnectionString);
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(RedisSignatureCache.Key("session-d", "toolu_04"));

        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
    }
}
