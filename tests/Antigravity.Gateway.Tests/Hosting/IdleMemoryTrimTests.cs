using System.Text;
using Antigravity.Gateway.Hosting;
using Antigravity.Gateway.Tests.Infrastructure;
using Antigravity.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Antigravity.Gateway.Tests.Hosting;

/// <summary>
/// The memory trim after a burst is a blocking, compacting collection: it may run only when nobody would wait for it,
/// and a quiet open stream (an upstream thinking for seconds) is somebody.
/// </summary>
public sealed class IdleMemoryTrimTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const long Quiet = IdleMemoryTrim.IdleAllocationBytes - 1;
    private const long Grown = IdleMemoryTrim.GrowthBytes;

    [Fact]
    public void A_grown_heap_is_trimmed_once_nothing_runs() => Assert.True(IdleMemoryTrim.ShouldTrim(Quiet, Grown, activeRequests: 0));

    [Fact]
    public void An_open_request_defers_the_trim_however_quiet_the_gateway_is() => Assert.False(IdleMemoryTrim.ShouldTrim(0, Grown * 4, activeRequests: 1));

    [Fact]
    public void A_gateway_under_load_or_without_growth_is_left_alone()
    {
        Assert.False(IdleMemoryTrim.ShouldTrim(IdleMemoryTrim.IdleAllocationBytes, Grown, activeRequests: 0));
        Assert.False(IdleMemoryTrim.ShouldTrim(Quiet, Grown - 1, activeRequests: 0));
    }

    [Fact]
    public async Task A_stream_counts_as_active_while_it_is_open_and_not_after()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = upstream.Stream("Hel");
        var pool = new FakeAccountPool { LeaseStatus = System.Net.HttpStatusCode.OK, LeaseBody = FakeAccountPool.LeaseOf(upstream.BaseUrl) };
        var gateway = await harness.StartGatewayAsync(configure: pool.AddTo);
        var active = gateway.Services.GetRequiredService<ActiveRequests>();
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while ((await reader.ReadLineAsync())?.Contains("Hel", StringComparison.Ordinal) is false)
        {
        }

        Assert.Equal(1, active.Count);

        reader.Dispose();
        response.Dispose();
        await upstream.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.WaitUntilAsync(() => active.Count == 0, TimeSpan.FromSeconds(30), "the ended stream to stop counting");
    }
}
