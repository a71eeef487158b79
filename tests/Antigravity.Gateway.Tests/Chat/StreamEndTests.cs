using System.Text;
using Antigravity.Gateway.Tests.Infrastructure;
using Antigravity.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Antigravity.Gateway.Tests.Chat;

/// <summary>
/// How a stream in flight ends when it cannot run to its natural end: on shutdown, after the drain, with an error
/// event in the client's protocol (never a silent cut); for a client that stops reading, with its connection and
/// the upstream call cancelled.
/// </summary>
public sealed class StreamEndTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Theory]
    [InlineData("/v1/chat/completions", """{"model":"gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"hi"}]}""", "data: {\"error\":")]
    [InlineData("/v1/responses", """{"model":"gemini-2.5-flash","stream":true,"input":"hi"}""", "response.failed")]
    [InlineData("/v1/messages", """{"model":"claude-sonnet-4-5","stream":true,"max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""", "event: error")]
    [InlineData("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", """{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""", "\"error\":{\"code\"")]
    public async Task A_stream_still_running_after_the_drain_ends_with_an_error_event_in_its_protocol(string path, string body, string errorEvent)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = upstream.Stream("Hel");
        var pool = new FakeAccountPool { LeaseStatus = System.Net.HttpStatusCode.OK, LeaseBody = FakeAccountPool.LeaseOf(upstream.BaseUrl) };
        var gateway = await harness.StartGatewayAsync(configure: builder =>
        {
            pool.AddTo(builder);
            builder.UseSetting("Proxy:Limits:ShutdownDrainSeconds", "0.2");
        });
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var received = new StringBuilder();
        while (!received.ToString().Contains("Hel", StringComparison.Ordinal))
        {
            received.AppendLine(await reader.ReadLineAsync() ?? throw new InvalidOperationException("The stream ended before its first text: " + received));
        }

        gateway.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        received.Append(await reader.ReadToEndAsync());

        Assert.Contains(errorEvent, received.ToString(), StringComparison.Ordinal);
        Assert.Contains("shutting down", received.ToString(), StringComparison.Ordinal);
        await upstream.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_client_that_stops_reading_loses_its_stream_and_the_upstream_call_is_cancelled()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = upstream.Stream("Hel", every: TimeSpan.FromMilliseconds(1), textBytes: 16 * 1024);
        var pool = new FakeAccountPool { LeaseStatus = System.Net.HttpStatusCode.OK, LeaseBody = FakeAccountPool.LeaseOf(upstream.BaseUrl) };
        var gateway = await harness.StartKestrelGatewayAsync(builder =>
        {
            pool.AddTo(builder);
            builder.UseSetting("Proxy:Limits:StreamWriteTimeoutSeconds", "1");
        });
        using var client = gateway.CreateClient();
        const string body = """{"model":"gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

        // Sends the request and never reads a byte of the answer.
        using var connection = await RawHttp.ConnectAsync(client.BaseAddress!, receiveBufferBytes: 4096);
        await connection.SendAsync($"POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");

        await upstream.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
