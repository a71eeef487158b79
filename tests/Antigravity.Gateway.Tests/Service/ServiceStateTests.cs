using System.Net;
using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Tests.Infrastructure;
using Antigravity.Testing;
using static Antigravity.Gateway.Tests.Infrastructure.Http;

namespace Antigravity.Gateway.Tests.Service;

public sealed class ServiceStateTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Fact]
    public async Task A_stopped_proxy_answers_503_in_the_callers_protocol_while_health_still_answers()
    {
        var gateway = await harness.SharedGatewayAsync();
        var settings = await harness.SetAsync(s => s with { AuthMode = ProxyAuthMode.Off, Enabled = false });
        try
        {
            await GatewayHarness.WaitForRevisionAsync(gateway, settings.Revision);
            using var client = gateway.CreateClient();

            var (openAiStatus, openAi, _) = await GetAsync(client, "/v1/models");
            var (anthropicStatus, anthropic, _) = await SendAsync(client, HttpMethod.Post, "/v1/messages");
            var (geminiStatus, gemini, _) = await GetAsync(client, "/v1beta/models");
            var (healthStatus, health, _) = await GetAsync(client, "/healthz");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, openAiStatus);
            Assert.Contains("Proxy service is currently disabled", ErrorMessage(openAi!), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, anthropicStatus);
            Assert.Equal("error", anthropic!.RootElement.GetProperty("type").GetString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, geminiStatus);
            Assert.Equal("UNAVAILABLE", gemini!.RootElement.GetProperty("error").GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, healthStatus);
            Assert.Equal("stopped", health!.RootElement.GetProperty("proxy").GetString());
        }
        finally
        {
            await harness.SetAsync(s => s with { Enabled = true });
        }
    }
}

/// <summary>Redis unreachable when the gateway starts: no settings, so nothing but the probes is served.</summary>
public sealed class RedisDownAtStartTests : IAsyncLifetime
{
    private GatewayFactory _gateway = null!;

    public Task InitializeAsync()
    {
        // A port nobody listens on.
        _gateway = new GatewayFactory($"127.0.0.1:{FreePort.Next()},connectTimeout=500");
        _ = _gateway.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [InlineData("/v1/models", "openai")]
    [InlineData("/v1/messages", "anthropic")]
    [InlineData("/v1beta/models", "google")]
    public async Task Proxy_routes_answer_503_not_an_open_door(string path, string shape)
    {
        using var client = _gateway.CreateClient();

        var (status, body, _) = await GetAsync(client, path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("settings are not loaded yet; Redis is unreachable", ErrorMessage(body!), StringComparison.Ordinal);
        if (shape == "anthropic")
        {
            Assert.Equal("error", body!.RootElement.GetProperty("type").GetString());
        }
        if (shape == "google")
        {
            Assert.Equal(503, body!.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        }
    }

    [Fact]
    public async Task Healthz_still_answers_and_says_redis_is_disconnected()
    {
        using var client = _gateway.CreateClient();

        var (status, body, _) = await GetAsync(client, "/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body!.RootElement.GetProperty("status").GetString());
        Assert.Equal("disconnected", body.RootElement.GetProperty("redis").GetString());
        Assert.Equal("not_loaded", body.RootElement.GetProperty("settings").GetString());
    }
}

/// <summary>Redis comes back after the gateway started without it: the gateway loads the settings and serves.</summary>
public sealed class RedisRecoveryTests
{
    [Fact]
    public async Task The_gateway_serves_once_redis_is_reachable_again()
    {
        await using var redis = await RedisServerProcess.StartAsync(RedisServerKind.Garnet);
        await redis.KillAsync();
        await using var gateway = new GatewayFactory(redis.ConnectionString + ",connectTimeout=500");
        using var client = gateway.CreateClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(client, "/v1/models"));

        await redis.RestartAsync();

        await Eventually.WaitUntilAsync(
            async () => await StatusAsync(client, "/v1/models") == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "the gateway loads the settings from the restarted Redis and serves /v1/models");
    }
}
