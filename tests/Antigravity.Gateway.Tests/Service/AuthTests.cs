using System.Net;
using Antigravity.Contracts.Settings;
using Antigravity.Testing;
using Antigravity.Gateway.Tests.Infrastructure;
using static Antigravity.Gateway.Tests.Infrastructure.Http;

namespace Antigravity.Gateway.Tests.Service;

public sealed class AuthTests(GatewayHarness harness) : IClassFixture<GatewayHarness>, IAsyncLifetime
{
    private const string Key = "sk-11112222333344445555666677778888";
    private const string WrongKey = "sk-99990000999900009999000099990000";
    private GatewayFactory _gateway = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _gateway = await harness.SharedGatewayAsync();
        var settings = await harness.SetAsync(s => s with { AuthMode = ProxyAuthMode.Strict, ApiKey = ProxyApiKey.FromPlaintext(Key), Enabled = true });
        await GatewayHarness.WaitForRevisionAsync(_gateway, settings.Revision);
        _client = _gateway.CreateClient();
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_openai_route_refuses_a_missing_key_with_an_openai_error()
    {
        var (status, body, _) = await GetAsync(_client, "/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var error = body!.RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Contains("Missing API key", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_openai_route_names_the_authorization_header_it_read_and_never_echoes_the_key()
    {
        var (status, body, _) = await SendAsync(_client, HttpMethod.Post, "/v1/chat/completions", ("Authorization", "Bearer " + WrongKey));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var message = ErrorMessage(body!);
        Assert.Contains("the Authorization header did not match", message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anthropic_route_refuses_with_an_anthropic_authentication_error()
    {
        var (status, body, response) = await SendAsync(_client, HttpMethod.Post, "/v1/messages", ("x-api-key", WrongKey));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("error", body!.RootElement.GetProperty("type").GetString());
        Assert.Equal("authentication_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        var message = ErrorMessage(body);
        Assert.Contains("the x-api-key header did not match", message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, message, StringComparison.Ordinal);
        Assert.Equal(response.Headers.GetValues("x-request-id").Single(), response.Headers.GetValues("request-id").Single());
    }

    [Fact]
    public async Task A_gemini_route_refuses_with_a_google_unauthenticated_error()
    {
        var (status, body, _) = await SendAsync(_client, HttpMethod.Post, "/v1beta/models/gemini-2.5-flash:generateContent", ("x-goog-api-key", WrongKey));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        var error = body!.RootElement.GetProperty("error");
        Assert.Equal(401, error.GetProperty("code").GetInt32());
        Assert.Equal("UNAUTHENTICATED", error.GetProperty("status").GetString());
        Assert.Contains("the x-goog-api-key header did not match", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Authorization", "Bearer " + Key)]
    [InlineData("Authorization", Key)]
    [InlineData("x-api-key", Key)]
    [InlineData("x-goog-api-key", Key)]
    public async Task The_right_key_in_any_supported_header_is_accepted(string header, string value) =>
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(_client, "/v1/models", (header, value)));

    [Fact]
    public async Task A_wrong_authorization_header_wins_over_a_correct_x_api_key() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(_client, "/v1/models", ("Authorization", "Bearer " + WrongKey), ("x-api-key", Key)));

    [Fact]
    public async Task Strict_guards_healthz_too() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(_client, "/healthz"));

    [Fact]
    public async Task The_refusal_is_logged_once_with_the_request_id_and_without_the_key()
    {
        var (_, _, response) = await SendAsync(_client, HttpMethod.Post, "/v1/messages", ("x-api-key", WrongKey));
        var requestId = response.Headers.GetValues("x-request-id").Single();

        var lines = _gateway.Logs.Lines.Where(line => line.Contains(requestId, StringComparison.Ordinal) && line.Contains("Refused", StringComparison.Ordinal)).ToList();
        Assert.Single(lines);
        Assert.Contains("x-api-key", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(_gateway.Logs.Lines, line => line.Contains(WrongKey, StringComparison.Ordinal) || line.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_api_key_with_auth_on_refuses_and_logs_the_reference_sentence()
    {
        var settings = await harness.SetAsync(s => s with { ApiKey = ProxyApiKey.FromPlaintext("") });
        try
        {
            await GatewayHarness.WaitForRevisionAsync(_gateway, settings.Revision);

            var (status, body, _) = await GetAsync(_client, "/v1/models", ("Authorization", "Bearer " + Key));

            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Contains("none is configured", ErrorMessage(body!), StringComparison.Ordinal);
            Assert.True(_gateway.Logs.Contains("Proxy auth is enabled but api_key is empty; denying request"));
        }
        finally
        {
            await harness.SetAsync(s => s with { ApiKey = ProxyApiKey.FromPlaintext(Key) });
        }
    }
}
