using System.Net;
using Antigravity.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using static Antigravity.Gateway.Tests.Infrastructure.ChatRequests;

namespace Antigravity.Gateway.Tests.Upstream;

/// <summary>The account pool refuses callers without the services' credential: the gateway sends it on every call.</summary>
public sealed class PoolCredentialTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Fact]
    public async Task Every_call_to_the_pool_carries_the_configured_internal_credential()
    {
        var pool = new FakeAccountPool { LeaseStatus = HttpStatusCode.OK, LeaseBody = FakeAccountPool.LeaseOf("http://127.0.0.1:9") };
        var gateway = await harness.StartGatewayAsync(configure: builder =>
        {
            pool.AddTo(builder);
            builder.UseSetting("Internal:ApiKey", "gateway-test-internal-key-0123456789");
        });
        using var client = gateway.CreateClient();

        // The upstream is unreachable: one lease, one outcome report, then the answer.
        using var response = await client.PostAsync("/v1/chat/completions", ValidBody("/v1/chat/completions", "gemini-2.5-flash"));

        Assert.NotEmpty(pool.InternalKeys);
        Assert.All(pool.InternalKeys, key => Assert.Equal("gateway-test-internal-key-0123456789", key));
    }

    [Fact]
    public async Task Without_a_configured_credential_none_is_sent()
    {
        var pool = new FakeAccountPool();
        var gateway = await harness.StartGatewayAsync(configure: pool.AddTo);
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/chat/completions", ValidBody("/v1/chat/completions", "gemini-2.5-flash"));

        Assert.NotEmpty(pool.InternalKeys);
        Assert.All(pool.InternalKeys, Assert.Null);
    }
}
