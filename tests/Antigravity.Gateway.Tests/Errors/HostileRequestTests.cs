using System.Net;
using System.Text;
using System.Text.Json;
using Antigravity.Contracts.Monitor;
using Antigravity.Gateway.Tests.Infrastructure;
using Antigravity.Testing;
using static Antigravity.Gateway.Tests.Infrastructure.ChatRequests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Antigravity.Gateway.Tests.Errors;

/// <summary>
/// Input a hostile or broken client sends is answered in the route's protocol, never with a stack trace or a 500,
/// and never stored unbounded — with the gateway in the Development environment, where ASP.NET Core would
/// otherwise show its developer exception page.
/// </summary>
public sealed class HostileRequestTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private readonly FakeAccountPool _pool = new();

    [Theory]
    [MemberData(nameof(ChatRoutes), MemberType = typeof(ChatRequests))]
    public async Task Invalid_utf8_is_a_400_in_the_routes_shape(string path)
    {
        using var client = await ClientAsync();
        var body = Encoding.UTF8.GetBytes("""{"model":"gemini-2.5-flash","input":"X","messages":[{"role":"user","content":"X"}],"contents":[{"parts":[{"text":"X"}]}]}""");
        body[body.AsSpan().IndexOf((byte)'X')] = 0xC3; // a lead byte followed by '"': not UTF-8
        body[body.AsSpan().LastIndexOf((byte)'X')] = 0xFF;

        using var response = await client.PostAsync(path, new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } });
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertProtocolShaped(path, text);
        Assert.Contains("UTF-8", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ChatRoutes), MemberType = typeof(ChatRequests))]
    public async Task An_unexpected_failure_is_a_500_in_the_routes_shape_with_the_request_id_and_no_exception_text(string path)
    {
        _pool.Fault = new InvalidOperationException("secret internals at Antigravity.Gateway.Upstream.UpstreamEngine.cs:line 42");
        using var client = await ClientAsync();

        using var response = await client.PostAsync(path, ValidBody(path, "gemini-2.5-flash"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertProtocolShaped(path, text);
        var requestId = Assert.Single(response.Headers.GetValues("x-request-id"));
        Assert.Contains(requestId, text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret internals", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ChatRoutes), MemberType = typeof(ChatRequests))]
    public async Task A_100_KB_model_name_is_a_400_naming_the_limit_and_is_neither_echoed_nor_stored(string path)
    {
        var gateway = await harness.StartGatewayAsync(configure: Configure);
        using var client = gateway.CreateClient();
        var model = "m" + new string('x', 100 * 1024);
        var leasesBefore = _pool.Leases;

        using var response = await client.PostAsync(path.Replace("gemini-2.5-flash", model, StringComparison.Ordinal), ValidBody(path, model));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong, $"status {(int)response.StatusCode}");
        Assert.True(text.Length < 2048, $"the answer is {text.Length} characters");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            AssertProtocolShaped(path, text);
            Assert.Contains("Proxy:Limits:MaxModelNameLength", text, StringComparison.Ordinal);
        }
        Assert.Equal(leasesBefore, _pool.Leases);
        var requestId = response.Headers.TryGetValues("x-request-id", out var ids) ? ids.Single() : null;
        if (requestId is not null)
        {
            var store = new MonitorStore(gateway.Services.GetRequiredService<IConnectionMultiplexer>());
            MonitorRecordDetail? stored = null;
            await Eventually.WaitUntilAsync(async () => (stored = await store.GetAsync(requestId)) is not null, TimeSpan.FromSeconds(10), "the refusal is recorded");
            var json = JsonSerializer.Serialize(stored!.Record, MonitorJsonContext.Default.MonitorRecord);
            Assert.True(json.Length < 4096, $"the stored record is {json.Length} characters");
        }
    }

    [Fact]
    public async Task Too_many_tools_is_a_400_naming_the_limit()
    {
        var gateway = await harness.StartGatewayAsync(configure: builder =>
        {
            Configure(builder);
            builder.UseSetting("Proxy:Limits:MaxTools", "2");
        });
        using var client = gateway.CreateClient();
        var tools = string.Join(",", Enumerable.Range(0, 3).Select(i => "{\"type\":\"function\",\"function\":{\"name\":\"t" + i + "\"}}"));

        using var response = await client.PostAsync("/v1/chat/completions", Json($$"""{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}],"tools":[{{tools}}]}"""));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Proxy:Limits:MaxTools", Http.ErrorMessage(body), StringComparison.Ordinal);
        Assert.Equal("tools", body.RootElement.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task A_large_body_beyond_the_concurrent_cap_is_a_503_with_retry_after()
    {
        var gateway = await harness.StartKestrelGatewayAsync(builder =>
        {
            Configure(builder);
            builder.UseSetting("Proxy:Limits:LargeBodyBytes", "1024");
            builder.UseSetting("Proxy:Limits:MaxConcurrentLargeBodies", "1");
        });
        using var client = gateway.CreateClient();
        // Two large bodies arrive slowly (headers and a few bytes, the rest withheld): one holds the only slot,
        // the other is refused at once — whichever the gateway saw second.
        const string head = "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{\"model\":\"";
        using var first = await RawHttp.ConnectAsync(client.BaseAddress!);
        using var second = await RawHttp.ConnectAsync(client.BaseAddress!);
        await first.SendAsync(head);
        await second.SendAsync(head);

        var answers = new[] { first.ReadResponseAsync(TimeSpan.FromSeconds(30)), second.ReadResponseAsync(TimeSpan.FromSeconds(30)) };
        var (status, headers, body) = await await Task.WhenAny(answers);

        Assert.Equal(503, status);
        Assert.Contains("Retry-After:", headers, StringComparison.OrdinalIgnoreCase);
        using var error = JsonDocument.Parse(body);
        Assert.Equal("overloaded_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("Proxy:Limits:MaxConcurrentLargeBodies", Http.ErrorMessage(error), StringComparison.Ordinal);
        Assert.False(answers.All(a => a.IsCompleted), "the other body still holds its slot");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private void Configure(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        _pool.AddTo(builder);
    }

    private async Task<HttpClient> ClientAsync() => (await harness.StartGatewayAsync(configure: Configure)).CreateClient();
}
