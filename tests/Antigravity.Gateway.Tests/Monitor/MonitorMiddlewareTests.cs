using System.Net;
using System.Text;
using Antigravity.Contracts.Monitor;
using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Tests.Infrastructure;
using Antigravity.Testing;
using StackExchange.Redis;

namespace Antigravity.Gateway.Tests.Monitor;

/// <summary>Which requests the gateway records, and what a record of a refused request says.</summary>
public sealed class MonitorMiddlewareTests(GatewayHarness harness) : IClassFixture<GatewayHarness>, IAsyncLifetime
{
    private const string Key = "sk-aaaabbbbccccddddeeeeffff00001111";
    private GatewayFactory _gateway = null!;
    private HttpClient _client = null!;
    private ConnectionMultiplexer _redis = null!;
    private MonitorStore _store = null!;

    public async Task InitializeAsync()
    {
        _gateway = await harness.SharedGatewayAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(harness.Redis.ConnectionString);
        _store = new MonitorStore(_redis);
        await _store.ClearAsync();
        await ApplyAsync(s => s with { AuthMode = ProxyAuthMode.Strict, ApiKey = ProxyApiKey.FromPlaintext(Key), Enabled = true, Monitor = new MonitorSettings() });
        _client = _gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _redis.DisposeAsync();
    }

    private async Task ApplyAsync(Func<ProxySettings, ProxySettings> change) =>
        await GatewayHarness.WaitForRevisionAsync(_gateway, (await harness.SetAsync(change)).Revision);

    private async Task<MonitorRecordDetail> RecordedAsync(string requestId)
    {
        MonitorRecordDetail? detail = null;
        await Eventually.WaitUntilAsync(async () => (detail = await _store.GetAsync(requestId)) is not null, TimeSpan.FromSeconds(10), $"request {requestId} is recorded");
        return detail!;
    }

    private async Task<(HttpResponseMessage Response, string Id)> SendAsync(HttpMethod method, string path, string? body = null, string? key = Key)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }
        var response = await _client.SendAsync(request);
        return (response, Assert.Single(response.Headers.GetValues("x-request-id")));
    }

    [Fact]
    public async Task A_refused_request_is_recorded_with_its_status_protocol_and_the_error_the_client_got()
    {
        var (response, id) = await SendAsync(HttpMethod.Post, "/v1/messages", """{"model":"claude-sonnet-4-5","max_tokens":"many"}""");

        var record = (await RecordedAsync(id)).Record;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, record.Status);
        Assert.Equal("anthropic", record.Protocol);
        Assert.Equal("POST", record.Method);
        Assert.Equal("/v1/messages", record.Path);
        Assert.True(record.IsError);
        Assert.Contains("max_tokens", record.Error, StringComparison.Ordinal);
        Assert.False(record.HasBodies);
        Assert.True(record.DurationMs >= 0);
        Assert.NotNull(record.FirstByteMs);
    }

    [Fact]
    public async Task A_wrong_key_is_recorded_as_a_401_without_the_key()
    {
        var (response, id) = await SendAsync(HttpMethod.Get, "/v1beta/models", key: "sk-wrongwrongwrongwrong");

        var record = (await RecordedAsync(id)).Record;
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, record.Status);
        Assert.Equal("gemini", record.Protocol);
        Assert.DoesNotContain("sk-wrongwrong", record.Error ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_probes_are_not_recorded_and_switching_the_monitor_off_stops_recording()
    {
        var (health, healthId) = await SendAsync(HttpMethod.Get, "/healthz");
        var (_, beforeOffId) = await SendAsync(HttpMethod.Get, "/v1/models");
        await RecordedAsync(beforeOffId);
        await ApplyAsync(s => s with { Monitor = s.Monitor with { Enabled = false } });
        var (_, offId) = await SendAsync(HttpMethod.Get, "/v1/models");
        await ApplyAsync(s => s with { Monitor = s.Monitor with { Enabled = true } });
        var (_, afterId) = await SendAsync(HttpMethod.Get, "/nowhere");

        var after = (await RecordedAsync(afterId)).Record;
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Null(await _store.GetAsync(healthId));
        Assert.Null(await _store.GetAsync(offId));
        Assert.Equal("other", after.Protocol);
        Assert.Equal(404, after.Status);
    }

    [Fact]
    public async Task With_body_logging_the_request_and_the_answer_are_kept_with_the_key_redacted()
    {
        await ApplyAsync(s => s with { Monitor = s.Monitor with { LogBodies = true } });
        try
        {
            var body = $$"""{"model":"gpt-4o","messages":"not an array","note":"my key is {{Key}}"}""";
            var (response, id) = await SendAsync(HttpMethod.Post, "/v1/chat/completions", body);
            var answer = await response.Content.ReadAsStringAsync();

            var detail = await RecordedAsync(id);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(detail.Record.HasBodies);
            var bodies = detail.Bodies!;
            Assert.Contains("not an array", bodies.RequestBody, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, bodies.RequestBody, StringComparison.Ordinal);
            Assert.Equal(SecretRedactor.Mask, bodies.RequestHeaders!["Authorization"]);
            Assert.Contains("messages", bodies.ResponseBody, StringComparison.Ordinal);
            Assert.Contains(System.Text.Json.JsonDocument.Parse(answer).RootElement.GetProperty("error").GetProperty("message").GetString()!, bodies.ResponseBody, StringComparison.Ordinal);
            foreach (var (_, value) in bodies.RequestHeaders)
            {
                Assert.DoesNotContain(Key, value, StringComparison.Ordinal);
            }
        }
        finally
        {
            await ApplyAsync(s => s with { Monitor = s.Monitor with { LogBodies = false } });
        }
    }
}
