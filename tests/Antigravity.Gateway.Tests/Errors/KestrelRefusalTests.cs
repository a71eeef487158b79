using System.Net;
using System.Text;
using System.Text.Json;
using Antigravity.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Antigravity.Gateway.Tests.Errors;

/// <summary>
/// What Kestrel itself refuses while a request arrives (a malformed chunk, a body too large or too slow, headers
/// too large) reaches the client in the route's protocol, with no trace, even in the Development environment.
/// </summary>
public sealed class KestrelRefusalTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private readonly FakeAccountPool _pool = new();
    private GatewayFactory? _gateway;

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_malformed_chunk_is_a_400_in_the_anthropic_shape()
    {
        using var connection = await ConnectAsync();

        await connection.SendAsync("POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n");
        var (status, _, body) = await connection.ReadResponseAsync(AnswerTimeout);

        Assert.Equal(400, status);
        ChatRequests.AssertProtocolShaped("/v1/messages", body);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_a_413_in_the_openai_shape_naming_the_setting()
    {
        using var connection = await ConnectAsync();
        var chunk = new string(' ', 4000);

        await connection.SendAsync($"POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{chunk.Length:X}\r\n{chunk}\r\n{chunk.Length:X}\r\n{chunk}\r\n0\r\n\r\n");
        var (status, _, body) = await connection.ReadResponseAsync(AnswerTimeout);

        Assert.Equal(413, status);
        ChatRequests.AssertProtocolShaped("/v1/chat/completions", body);
        Assert.Contains("Proxy:MaxRequestBodyBytes", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stalled_body_is_a_408_in_the_gemini_shape()
    {
        using var connection = await ConnectAsync();

        await connection.SendAsync("POST /v1beta/models/gemini-2.5-flash:generateContent HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"con");
        var (status, _, body) = await connection.ReadResponseAsync(AnswerTimeout);

        Assert.Equal(408, status);
        ChatRequests.AssertProtocolShaped("/v1beta/models/x:generateContent", body);
    }

    [Fact]
    public async Task Headers_over_the_limit_are_a_431_without_a_trace()
    {
        using var connection = await ConnectAsync();

        await connection.SendAsync($"POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nX-Big: {new string('a', 10_000)}\r\nContent-Length: 2\r\n\r\n{{}}");
        var (status, _, body) = await connection.ReadResponseAsync(AnswerTimeout);

        Assert.Equal(431, status);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_beyond_the_cap_are_closed_at_once_while_the_others_are_served()
    {
        using var first = await ConnectAsync();
        using var second = await RawHttp.ConnectAsync(_gateway!.CreateClient().BaseAddress!);
        await first.SendAsync("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        await second.SendAsync("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        Assert.Equal(200, (await first.ReadResponseAsync(AnswerTimeout)).Status);
        Assert.Equal(200, (await second.ReadResponseAsync(AnswerTimeout)).Status);

        using var third = await RawHttp.ConnectAsync(_gateway.CreateClient().BaseAddress!);
        await third.SendAsync("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var (status, _, _) = await third.ReadResponseAsync(AnswerTimeout);

        Assert.Equal(0, status);
    }

    private async Task<RawHttp> ConnectAsync()
    {
        _gateway ??= await harness.StartKestrelGatewayAsync(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Proxy:Limits:MaxConnections", "2");
            builder.UseSetting("Proxy:MaxRequestBodyBytes", "6000");
            builder.UseSetting("Proxy:Limits:MaxRequestHeadersBytes", "8192");
            _pool.AddTo(builder);
        });
        using var client = _gateway.CreateClient();
        return await RawHttp.ConnectAsync(client.BaseAddress!);
    }
}
