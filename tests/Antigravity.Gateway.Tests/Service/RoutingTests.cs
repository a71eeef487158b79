using System.Net;
using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Tests.Infrastructure;
using static Antigravity.Gateway.Tests.Infrastructure.Http;

namespace Antigravity.Gateway.Tests.Service;

public sealed class RoutingTests(GatewayHarness harness) : IClassFixture<GatewayHarness>, IAsyncLifetime
{
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var gateway = await harness.SharedGatewayAsync();
        var settings = await harness.SetAsync(s => s with { AuthMode = ProxyAuthMode.Off, Enabled = true });
        await GatewayHarness.WaitForRevisionAsync(gateway, settings.Revision);
        _client = gateway.CreateClient();
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Models_are_listed_in_the_openai_shape()
    {
        var (status, body, _) = await GetAsync(_client, "/v1/models");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("list", body!.RootElement.GetProperty("object").GetString());
        var models = body.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Contains(models, m => m.GetProperty("id").GetString() == "claude-sonnet-4-6");
        Assert.Contains(models, m => m.GetProperty("id").GetString() == "gemini-2.5-flash");
        Assert.All(models, m =>
        {
            Assert.Equal("model", m.GetProperty("object").GetString());
            Assert.True(m.GetProperty("created").GetInt64() > 1_600_000_000);
            Assert.False(string.IsNullOrEmpty(m.GetProperty("owned_by").GetString()));
        });
    }

    [Fact]
    public async Task One_model_with_a_dot_in_its_name_is_served()
    {
        var (status, body, _) = await GetAsync(_client, "/v1/models/gemini-2.5-flash");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("gemini-2.5-flash", body!.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_unknown_model_is_an_openai_404()
    {
        var (status, body, _) = await GetAsync(_client, "/v1/models/no-such-model");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("model_not_found", body!.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_doubled_v1_prefix_is_served_and_the_response_says_how_to_fix_the_base_url()
    {
        var (status, body, response) = await GetAsync(_client, "/v1/v1/models");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("list", body!.RootElement.GetProperty("object").GetString());
        Assert.Contains("your base URL already ends in /v1", response.Headers.GetValues("x-antigravity-hint").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_doubled_v1_prefix_on_an_unknown_route_explains_the_mistake()
    {
        var (status, body, _) = await SendAsync(_client, HttpMethod.Post, "/v1/v1/unknown");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("your base URL already ends in /v1; set it to http://localhost/v1 without the extra /v1", ErrorMessage(body!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nested_endpoint_path_explains_that_the_client_appended_its_own_path()
    {
        var (status, body, _) = await SendAsync(_client, HttpMethod.Post, "/v1/chat/completions/responses");

        Assert.Equal(HttpStatusCode.NotFound, status);
        var message = ErrorMessage(body!);
        Assert.Contains("appended its own path (/responses) to a full endpoint URL (/v1/chat/completions)", message, StringComparison.Ordinal);
        Assert.Contains("http://localhost/v1", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_path_is_a_json_404_listing_the_routes()
    {
        var (status, body, _) = await GetAsync(_client, "/somewhere/else");

        Assert.Equal(HttpStatusCode.NotFound, status);
        var message = ErrorMessage(body!);
        Assert.Contains("GET /v1/models", message, StringComparison.Ordinal);
        Assert.Contains("/healthz", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_gemini_path_is_a_google_shaped_404()
    {
        var (status, body, _) = await GetAsync(_client, "/v1beta/unknown");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", body!.RootElement.GetProperty("error").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_wrong_method_on_a_known_path_is_a_json_405_with_allow()
    {
        var (status, body, response) = await SendAsync(_client, HttpMethod.Delete, "/v1/models");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Contains("GET", response.Content.Headers.Allow);
        Assert.Contains("accepts GET", ErrorMessage(body!), StringComparison.Ordinal);
    }
}
