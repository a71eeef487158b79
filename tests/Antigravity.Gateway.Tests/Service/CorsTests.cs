using System.Net;
using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Antigravity.Gateway.Tests.Service;

/// <summary>
/// Browsers may call the gateway only from the configured origins and the dashboard's, in every auth mode: a web
/// page from anywhere else gets no CORS grant (with auth off on loopback it could otherwise spend the pool).
/// </summary>
public sealed class CorsTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const string Configured = "https://chat.example.com";
    private const string Dashboard = "http://127.0.0.1:18888";

    [Theory]
    [InlineData(ProxyAuthMode.Off)]
    [InlineData(ProxyAuthMode.Strict)]
    public async Task A_preflight_from_another_origin_gets_no_grant(ProxyAuthMode mode)
    {
        using var client = await ClientAsync(mode);

        using var response = await client.SendAsync(Preflight("https://evil.example"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_request_from_another_origin_gets_no_grant_and_never_a_wildcard()
    {
        using var client = await ClientAsync(ProxyAuthMode.Off);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData(Configured, ProxyAuthMode.Strict)]
    [InlineData(Configured, ProxyAuthMode.Off)]
    [InlineData(Dashboard, ProxyAuthMode.Strict)]
    public async Task A_preflight_from_an_allowed_origin_is_granted_to_that_origin_without_a_key(string origin, ProxyAuthMode mode)
    {
        using var client = await ClientAsync(mode);

        using var response = await client.SendAsync(Preflight(origin));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v1/chat/completions");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    private async Task<HttpClient> ClientAsync(ProxyAuthMode mode)
    {
        var gateway = await harness.StartGatewayAsync(configure: builder =>
        {
            builder.UseSetting("Proxy:Cors:AllowedOrigins:0", Configured);
            builder.UseSetting("services:dashboard:http:0", Dashboard);
        });
        var settings = await harness.SetAsync(s => s with { AuthMode = mode, ApiKey = ProxyApiKey.FromPlaintext("sk-11112222333344445555666677778888"), Enabled = true });
        await GatewayHarness.WaitForRevisionAsync(gateway, settings.Revision);
        return gateway.CreateClient();
    }
}
