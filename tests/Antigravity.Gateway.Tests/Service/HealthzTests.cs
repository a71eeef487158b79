using System.Net;
using System.Text.RegularExpressions;
using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Tests.Infrastructure;
using static Antigravity.Gateway.Tests.Infrastructure.Http;

namespace Antigravity.Gateway.Tests.Service;

public sealed partial class HealthzTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Fact]
    public async Task Healthz_answers_ok_with_the_version_and_redis_state()
    {
        var gateway = await harness.StartGatewayAsync();
        using var client = gateway.CreateClient();

        var (status, body, response) = await GetAsync(client, "/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body!.RootElement.GetProperty("status").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", body.RootElement.GetProperty("version").GetString());
        Assert.Equal("connected", body.RootElement.GetProperty("redis").GetString());
        Assert.Equal("loaded", body.RootElement.GetProperty("settings").GetString());
        Assert.True(response.Headers.Contains("x-request-id"));
    }

    [Fact]
    public async Task Head_healthz_answers_200()
    {
        var gateway = await harness.StartGatewayAsync();
        using var client = gateway.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/healthz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_first_start_generates_an_sk_key_that_a_restart_keeps()
    {
        var first = await harness.StartGatewayAsync();
        var stored = harness.Store.RevealApiKey((await harness.Store.GetAsync())!);

        Assert.Matches(GeneratedKey(), stored!);

        // A second process on the same Redis (a restart, or another replica) uses the same key.
        await first.DisposeAsync();
        var second = await harness.StartGatewayAsync();
        await harness.SetAsync(s => s with { AuthMode = ProxyAuthMode.Strict });
        using var client = second.CreateClient();
        await Antigravity.Testing.Eventually.WaitUntilAsync(
            async () => await StatusAsync(client, "/v1/models", ("Authorization", "Bearer " + stored)) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(5),
            "the restarted gateway accepts the stored key");
        Assert.Equal(stored, harness.Store.RevealApiKey((await harness.Store.GetAsync())!));
        await harness.SetAsync(s => s with { AuthMode = ProxyAuthMode.Auto });
    }

    [Fact]
    public async Task A_client_request_id_is_echoed_and_others_get_one()
    {
        var gateway = await harness.StartGatewayAsync();
        using var client = gateway.CreateClient();

        var (_, _, echoed) = await GetAsync(client, "/v1/models", ("x-request-id", "client-123"));
        var (_, _, generated) = await GetAsync(client, "/v1/models");

        Assert.Equal("client-123", echoed.Headers.GetValues("x-request-id").Single());
        Assert.StartsWith("req_", generated.Headers.GetValues("x-request-id").Single(), StringComparison.Ordinal);
    }

    [GeneratedRegex("^sk-[0-9a-f]{32}$")]
    private static partial Regex GeneratedKey();
}
