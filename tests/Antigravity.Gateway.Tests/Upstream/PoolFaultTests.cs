using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Antigravity.Gateway.Tests.Infrastructure;
using Antigravity.Testing;
using Microsoft.AspNetCore.Hosting;
using static Antigravity.Gateway.Tests.Infrastructure.ChatRequests;

namespace Antigravity.Gateway.Tests.Upstream;

/// <summary>
/// Faults around the account pool and the upstream get fast, honest answers in the caller's protocol: a pool that
/// is down or hung is a 503 with <c>Retry-After</c>; a model no account serves is a 404 naming it; an unreachable
/// upstream is a 502, never a 429; a quota 429 says when the account really comes back.
/// </summary>
public sealed class PoolFaultTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Theory]
    [MemberData(nameof(ChatRoutes), MemberType = typeof(ChatRequests))]
    public async Task A_pool_that_refuses_connections_is_a_503_with_retry_after(string path)
    {
        var gateway = await harness.StartGatewayAsync(configure: builder =>
            builder.UseSetting("services:accountpool:http:0", $"http://127.0.0.1:{FreePort.Next()}"));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync(path, ValidBody(path, "gemini-2.5-flash"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        AssertProtocolShaped(path, text);
        Assert.Contains("account pool", text, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/messages")]
    [InlineData("/v1beta/models/gemini-2.5-flash:generateContent")]
    public async Task A_pool_that_accepts_and_never_answers_is_a_503_with_retry_after_by_the_deadline(string path)
    {
        using var hung = new TcpListener(IPAddress.Loopback, 0);
        hung.Start();
        var accepted = new List<TcpClient>();
        var accepting = AcceptForeverAsync(hung, accepted);
        var gateway = await harness.StartGatewayAsync(configure: builder =>
        {
            builder.UseSetting("services:accountpool:http:0", $"http://127.0.0.1:{((IPEndPoint)hung.LocalEndpoint).Port}");
            builder.UseSetting("Proxy:Limits:PoolLeaseTimeoutSeconds", "0.5");
        });
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync(path, ValidBody(path, "gemini-2.5-flash"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        AssertProtocolShaped(path, text);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.NotEmpty(accepted);
        hung.Stop();
        await accepting;
        accepted.ForEach(c => c.Dispose());
    }

    [Theory]
    [InlineData("/v1/chat/completions", "model_not_found")]
    [InlineData("/v1/responses", "model_not_found")]
    [InlineData("/v1/messages", "not_found_error")]
    [InlineData("/v1beta/models/no-such-model:generateContent", "NOT_FOUND")]
    public async Task A_model_no_account_serves_is_a_404_naming_it_and_pointing_to_the_model_list(string path, string code)
    {
        var pool = new FakeAccountPool { LeaseStatus = HttpStatusCode.NotFound, LeaseBody = """{"error":"No account serves model no-such-model."}""" };
        using var client = (await harness.StartGatewayAsync(configure: pool.AddTo)).CreateClient();

        using var response = await client.PostAsync(path, ValidBody(path, "no-such-model"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertProtocolShaped(path, text);
        Assert.Contains(code, text, StringComparison.Ordinal);
        Assert.Contains("no-such-model", text, StringComparison.Ordinal);
        Assert.Contains("/v1/models", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_upstream_is_a_502_even_when_the_pool_then_reports_every_account_cooling()
    {
        var pool = new FakeAccountPool();
        pool.NextLeases.Enqueue((HttpStatusCode.OK, FakeAccountPool.LeaseOf($"http://127.0.0.1:{FreePort.Next()}")));
        pool.NextLeases.Enqueue((HttpStatusCode.TooManyRequests, """{"error":"All accounts limited for gemini-2.5-flash. Wait 60s.","retryAfterSeconds":60}"""));
        using var client = (await harness.StartGatewayAsync(configure: pool.AddTo)).CreateClient();

        using var response = await client.PostAsync("/v1/chat/completions", ValidBody("/v1/chat/completions", "gemini-2.5-flash"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("upstream_unreachable", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quota_429_says_retry_after_the_accounts_real_reset()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Status = 429;
        upstream.Body = """{"error":{"code":429,"message":"Quota exhausted","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"QUOTA_EXHAUSTED","metadata":{"quotaResetDelay":"3600s"}}]}}""";
        var pool = new FakeAccountPool
        {
            OutcomeBody = $$"""{"action":"next_account","reason":"QUOTA_EXHAUSTED","cooldownUntil":"{{DateTimeOffset.UtcNow.AddHours(1):O}}"}""",
            LeaseBody = """{"error":"Every available account was already tried for gemini-2.5-flash."}""",
        };
        pool.NextLeases.Enqueue((HttpStatusCode.OK, FakeAccountPool.LeaseOf(upstream.BaseUrl)));
        using var client = (await harness.StartGatewayAsync(configure: pool.AddTo)).CreateClient();

        using var response = await client.PostAsync("/v1/chat/completions", ValidBody("/v1/chat/completions", "gemini-2.5-flash"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(50), $"Retry-After {response.Headers.RetryAfter}");
    }

    private static async Task AcceptForeverAsync(TcpListener listener, List<TcpClient> accepted)
    {
        try
        {
            while (true)
            {
                var connection = await listener.AcceptTcpClientAsync();
                lock (accepted)
                {
                    accepted.Add(connection);
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }
    }
}
