using System.Net;
using System.Text;
using Antigravity.Contracts;
using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Tests.Infrastructure;
using Antigravity.Gateway.Upstream;
using Antigravity.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Antigravity.Gateway.Tests.Upstream;

/// <summary>
/// A conversation's next requests reuse the lease the pool let the gateway hold, without a pool call, until an
/// attempt on it fails or the pool changes; leases the pool does not let it hold serve one request.
/// </summary>
public sealed class HeldLeaseTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_conversations_next_requests_use_the_held_lease_without_asking_the_pool()
    {
        await using var upstream = await AnsweringUpstreamAsync();
        var pool = await HoldingPoolAsync(upstream);
        using var client = (await harness.StartGatewayAsync(configure: pool.AddTo)).CreateClient();

        for (var i = 0; i < 3; i++)
        {
            await AssertAnsweredAsync(client, "Tell me about tides");
        }

        Assert.Equal(1, pool.Leases);
        Assert.Equal(3, upstream.Calls);
    }

    [Fact]
    public async Task Another_conversation_asks_the_pool_for_its_own_lease()
    {
        await using var upstream = await AnsweringUpstreamAsync();
        var pool = await HoldingPoolAsync(upstream);
        using var client = (await harness.StartGatewayAsync(configure: pool.AddTo)).CreateClient();

        await AssertAnsweredAsync(client, "Tell me about tides");
        await AssertAnsweredAsync(client, "Tell me about volcanoes");

        Assert.Equal(2, pool.Leases);
    }

    [Fact]
    public async Task The_same_prompt_on_two_routes_holds_a_lease_for_each_route()
    {
        await using var upstream = await AnsweringUpstreamAsync();
        var pool = await HoldingPoolAsync(upstream);
        using var client = (await harness.StartGatewayAsync(configure: pool.AddTo)).CreateClient();

        for (var i = 0; i < 3; i++)
        {
            // OpenAI chat may use every account kind; Anthropic Messages (dispatch off) not the Anthropic providers.
            await AssertAnsweredAsync(client, "Tell me about tides");
            await AssertAnsweredOnMessagesAsync(client, "Tell me about tides");
        }

        Assert.Equal(2, pool.Leases);
    }

    [Fact]
    public async Task A_fallback_lease_is_not_held_so_the_next_request_tries_the_first_kinds_again()
    {
        await using var upstream = await AnsweringUpstreamAsync();
        var version = await PoolVersionAsync();
        var pool = new FakeAccountPool();
        for (var i = 0; i < 2; i++)
        {
            // The first kinds (the Google pool) cannot serve; the Anthropic providers, the fallback, can.
            pool.NextLeases.Enqueue((HttpStatusCode.ServiceUnavailable, FakeAccountPool.NoAccounts));
            pool.NextLeases.Enqueue((HttpStatusCode.OK, FakeAccountPool.LeaseOf(upstream.Upstream.BaseUrl, hold: Hold, poolVersion: version)));
        }
        var settings = await harness.SetAsync(s => s with { AnthropicDispatch = "fallback" });
        try
        {
            var gateway = await harness.StartGatewayAsync(configure: pool.AddTo);
            await GatewayHarness.WaitForRevisionAsync(gateway, settings.Revision);
            using var client = gateway.CreateClient();

            for (var i = 0; i < 2; i++)
            {
                await AssertAnsweredOnMessagesAsync(client, "Tell me about tides");
            }

            Assert.Equal(4, pool.Leases);
        }
        finally
        {
            await harness.SetAsync(s => s with { AnthropicDispatch = AnthropicDispatchModes.Off });
        }
    }

    [Fact]
    public async Task A_lease_the_pool_does_not_let_the_gateway_hold_serves_one_request()
    {
        await using var upstream = await AnsweringUpstreamAsync();
        var pool = new FakeAccountPool { LeaseStatus = HttpStatusCode.OK, LeaseBody = FakeAccountPool.LeaseOf(upstream.Upstream.BaseUrl) };
        using var client = (await harness.StartGatewayAsync(configure: pool.AddTo)).CreateClient();

        await AssertAnsweredAsync(client, "Tell me about tides");
        await AssertAnsweredAsync(client, "Tell me about tides");

        Assert.Equal(2, pool.Leases);
    }

    [Fact]
    public async Task A_failure_on_the_held_lease_is_reported_and_the_request_moves_to_a_new_lease()
    {
        await using var upstream = await AnsweringUpstreamAsync();
        var version = await PoolVersionAsync();
        var pool = new FakeAccountPool { LeaseStatus = HttpStatusCode.OK, LeaseBody = FakeAccountPool.LeaseOf(upstream.Upstream.BaseUrl, hold: Hold, poolVersion: version) };
        using var client = (await harness.StartGatewayAsync(configure: pool.AddTo)).CreateClient();
        await AssertAnsweredAsync(client, "Tell me about tides");

        upstream.FailNext = 1;
        pool.LeaseBody = FakeAccountPool.LeaseOf(upstream.Upstream.BaseUrl, accountId: "acc-2", hold: Hold, poolVersion: version);
        await AssertAnsweredAsync(client, "Tell me about tides");
        await AssertAnsweredAsync(client, "Tell me about tides");

        Assert.Contains(pool.Calls, c => c.Path == "/internal/leases/lease-acc-1/outcome" && c.Body!.Contains("429", StringComparison.Ordinal));
        Assert.Equal(2, pool.Leases);
        Assert.Contains("acc-1", pool.Calls.Last(c => c.Path == "/internal/leases").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_of_the_pool_drops_the_held_leases()
    {
        await using var upstream = await AnsweringUpstreamAsync();
        var version = await PoolVersionAsync();
        var pool = new FakeAccountPool { LeaseStatus = HttpStatusCode.OK, LeaseBody = FakeAccountPool.LeaseOf(upstream.Upstream.BaseUrl, hold: Hold, poolVersion: version) };
        var gateway = await harness.StartGatewayAsync(configure: pool.AddTo);
        using var client = gateway.CreateClient();
        await AssertAnsweredAsync(client, "Tell me about tides");
        var held = gateway.Services.GetRequiredService<HeldLeases>();
        Assert.Equal(1, held.Count);

        await using (var redis = await ConnectionMultiplexer.ConnectAsync(harness.Redis.ConnectionString))
        {
            await redis.GetDatabase().StringIncrementAsync(RedisKeys.PoolVersion);
        }
        await Eventually.WaitUntilAsync(() => held.Count == 0, TimeSpan.FromSeconds(10), "the held lease is dropped after the pool changed");
        await AssertAnsweredAsync(client, "Tell me about tides");

        Assert.Equal(2, pool.Leases);
    }

    private async Task<long> PoolVersionAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(harness.Redis.ConnectionString);
        return (long?)await redis.GetDatabase().StringGetAsync(RedisKeys.PoolVersion) ?? 0;
    }

    /// <summary>A pool that grants every lease with a hold, at the pool's current version.</summary>
    private async Task<FakeAccountPool> HoldingPoolAsync(CountingUpstream upstream) => new()
    {
        LeaseStatus = HttpStatusCode.OK,
        LeaseBody = FakeAccountPool.LeaseOf(upstream.Upstream.BaseUrl, hold: Hold, poolVersion: await PoolVersionAsync()),
    };

    private static async Task AssertAnsweredOnMessagesAsync(HttpClient client, string prompt)
    {
        using var response = await client.PostAsync("/v1/messages", new StringContent(
            $$"""{"model":"gemini-2.5-flash","max_tokens":50,"messages":[{"role":"user","content":"{{prompt}}"}]}""", Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Contains("Low and high", text, StringComparison.Ordinal);
    }

    private static async Task AssertAnsweredAsync(HttpClient client, string prompt)
    {
        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(
            $$"""{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"{{prompt}}"}]}""", Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Contains("Low and high", text, StringComparison.Ordinal);
    }

    private static async Task<CountingUpstream> AnsweringUpstreamAsync()
    {
        var counting = new CountingUpstream(await FakeUpstream.StartAsync());
        counting.Upstream.Handler = counting.AnswerAsync;
        return counting;
    }

    /// <summary>A Gemini upstream that answers every call with one short text, or 429 for the next <see cref="FailNext"/> calls.</summary>
    private sealed class CountingUpstream(FakeUpstream upstream) : IAsyncDisposable
    {
        private int _calls;
        private int _failNext;

        public FakeUpstream Upstream => upstream;

        public int Calls => Volatile.Read(ref _calls);

        public int FailNext
        {
            set => Volatile.Write(ref _failNext, value);
        }

        public async Task AnswerAsync(HttpContext context)
        {
            Interlocked.Increment(ref _calls);
            if (Interlocked.Decrement(ref _failNext) >= 0)
            {
                context.Response.StatusCode = 429;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"error":{"code":429,"message":"Resource exhausted","status":"RESOURCE_EXHAUSTED"}}""");
                return;
            }
            Interlocked.Exchange(ref _failNext, 0);
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(
                "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Low and high\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":3}}\n\n");
        }

        public ValueTask DisposeAsync() => upstream.DisposeAsync();
    }
}
