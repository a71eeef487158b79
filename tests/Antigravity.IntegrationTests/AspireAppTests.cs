using System.Net;
using System.Text.Json.Nodes;
using Antigravity.AppHost;
using Antigravity.IntegrationTests.Gateway;
using Antigravity.Testing;
using Aspire.Hosting.Testing;

namespace Antigravity.IntegrationTests;

/// <summary>What the Aspire AppHost adds: gateway replicas on one port and one pool, and one trace per request.</summary>
public sealed class AspireAppTests(ReplicatedTracedFixture fixture) : IClassFixture<ReplicatedTracedFixture>
{
    private static readonly TimeSpan TelemetryPatience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Three_gateway_replicas_serve_the_one_port_and_share_one_pool()
    {
        var served = new HashSet<string>(StringComparer.Ordinal);
        List<string> requestIds = [];
        for (var i = 0; i < 24 && served.Count < 2; i++)
        {
            // A new connection each time: the proxy in front spreads connections, not requests.
            using var gateway = fixture.Gateway();
            using var response = await gateway.PostAsync("/v1/chat/completions", Json("""{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Which replica?"}]}"""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            served.Add(Assert.Single(response.Headers.GetValues("x-antigravity-replica")));
            requestIds.Add(Assert.Single(response.Headers.GetValues("x-request-id")));
        }

        Assert.True(served.Count >= 2, $"every request went to {string.Join(", ", served)}");
        // Each names one of the gateway's replicas as the AppHost knows them (gateway-<instance>).
        var instances = fixture.App.InstanceIds(AntigravityTopology.GatewayName);
        Assert.All(served, replica => Assert.Contains(instances, instance => instance == $"gateway-{replica}"));
        // One pool state: every replica leased the same account, and its records are in the one monitor.
        using var admin = await fixture.AdminAsync();
        foreach (var id in requestIds)
        {
            await Eventually.WaitUntilAsync(async () =>
            {
                using var detail = await admin.GetAsync($"/api/monitor/requests/{id}");
                return detail.IsSuccessStatusCode
                    && JsonNode.Parse(await detail.Content.ReadAsStringAsync())!["record"]?["accountId"]?.GetValue<string>() == fixture.AccountIds["emulator-refresh-1"];
            }, TelemetryPatience, $"request {id} is in the monitor, served by the one account");
        }
    }

    [Fact]
    public async Task A_chat_completion_is_one_trace_with_spans_from_the_gateway_the_account_pool_and_redis()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/chat/completions", Json("""{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Trace me"}]}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = Assert.Single(response.Headers.GetValues("x-request-id"));

        using var dashboard = new HttpClient { BaseAddress = await fixture.App.Application.GetDashboardUrlAsync() ?? throw new InvalidOperationException("no Aspire dashboard") };
        dashboard.DefaultRequestHeaders.Add("X-API-Key", fixture.App.AspireDashboardApiKey);
        HashSet<string> sources = [];
        await Eventually.WaitUntilAsync(async () =>
        {
            using var spans = await dashboard.GetAsync("/api/telemetry/spans?limit=10000");
            if (!spans.IsSuccessStatusCode)
            {
                return false;
            }
            var traces = TraceSources(JsonNode.Parse(await spans.Content.ReadAsStringAsync())!);
            // The gateway's server span carries the request id the client saw (http.response.header or the monitor's trace id).
            sources = traces.Values.FirstOrDefault(set => set.Contains("gateway") && set.Contains("accountpool") && set.Contains("redis")) ?? [];
            return sources.Count > 0;
        }, TelemetryPatience, $"the Aspire dashboard holds one trace with gateway, accountpool and redis spans (request {requestId})");

        Assert.Superset(new HashSet<string> { "gateway", "accountpool", "redis" }, sources);
    }

    // trace id → the sources of its spans: a service name, or "redis" for a Redis command span.
    private static Dictionary<string, HashSet<string>> TraceSources(JsonNode body)
    {
        var traces = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var resourceSpans in (body["data"]?["resourceSpans"] ?? body["resourceSpans"])?.AsArray() ?? [])
        {
            var service = resourceSpans?["resource"]?["attributes"]?.AsArray()
                .FirstOrDefault(attribute => attribute?["key"]?.GetValue<string>() == "service.name")?["value"]?["stringValue"]?.GetValue<string>();
            foreach (var scopeSpans in resourceSpans?["scopeSpans"]?.AsArray() ?? [])
            {
                var scope = scopeSpans?["scope"]?["name"]?.GetValue<string>() ?? "";
                foreach (var span in scopeSpans?["spans"]?.AsArray() ?? [])
                {
                    var traceId = span?["traceId"]?.GetValue<string>();
                    if (traceId is null)
                    {
                        continue;
                    }
                    var set = traces.TryGetValue(traceId, out var existing) ? existing : traces[traceId] = [];
                    if (service is not null)
                    {
                        set.Add(service);
                    }
                    var isRedis = scope.Contains("Redis", StringComparison.OrdinalIgnoreCase)
                        || (span?["attributes"]?.AsArray().Any(attribute => attribute?["key"]?.GetValue<string>() is "db.system" or "db.system.name"
                            && attribute["value"]?["stringValue"]?.GetValue<string>() == "redis") ?? false);
                    if (isRedis)
                    {
                        set.Add("redis");
                    }
                }
            }
        }
        return traces;
    }
}
