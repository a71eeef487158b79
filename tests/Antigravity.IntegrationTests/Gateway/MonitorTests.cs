using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Antigravity.Testing;
using Antigravity.IntegrationTests.Infrastructure;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary>One emulated Antigravity account; the monitor's records and statistics are read through the dashboard.</summary>
public sealed class MonitorAppFixture : PoolAppFixture
{
    protected override IReadOnlyList<string> RefreshTokens => ["emulator-refresh-1"];
}

/// <summary>
/// The request monitor end to end: a request through the gateway shows up in the dashboard's list, on its live
/// stream and in its token statistics, with bodies (and no key) when body logging is on, and failures with their
/// status and error.
/// </summary>
public sealed class MonitorTests(MonitorAppFixture fixture) : IClassFixture<MonitorAppFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private string AccountId => fixture.AccountIds["emulator-refresh-1"];

    [Fact]
    public async Task A_chat_request_is_listed_with_its_models_account_and_tokens_and_counts_in_the_statistics()
    {
        using var admin = await fixture.AdminAsync();
        var before = await ModelTotalsAsync(admin, "gemini-2.5-flash");
        using var gateway = fixture.Gateway();

        using var response = await gateway.PostAsync("/v1/chat/completions",
            Json("""{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Record me in the monitor"}]}"""));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var id = Assert.Single(response.Headers.GetValues("x-request-id"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var record = await MonitorListing.ListedAsync(admin, id);
        var usage = answer["usage"]!;
        Assert.Equal(200, record["status"]!.GetValue<int>());
        Assert.Equal("openai", record["protocol"]!.GetValue<string>());
        Assert.Equal("/v1/chat/completions", record["path"]!.GetValue<string>());
        Assert.Equal("gemini-2.5-flash", record["clientModel"]!.GetValue<string>());
        Assert.Equal("gemini-2.5-flash", record["upstreamModel"]!.GetValue<string>());
        Assert.Equal(AccountId, record["accountId"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(record["accountLabel"]?.GetValue<string>()));
        Assert.False(record["stream"]!.GetValue<bool>());
        Assert.Equal(usage["prompt_tokens"]!.GetValue<int>(), record["inputTokens"]!.GetValue<int>());
        Assert.Equal(usage["completion_tokens"]!.GetValue<int>(), record["outputTokens"]!.GetValue<int>());
        Assert.True(record["inputTokens"]!.GetValue<int>() > 0);
        Assert.Equal(1, record["attempts"]!.GetValue<int>());
        Assert.Null(record["error"]);
        Assert.True(record["durationMs"]!.GetValue<long>() >= record["firstByteMs"]!.GetValue<long>());

        // The same request is in the token statistics of its model (and only once).
        JsonNode after = before;
        await Eventually.WaitUntilAsync(async () =>
        {
            after = await ModelTotalsAsync(admin, "gemini-2.5-flash");
            return after["requests"]!.GetValue<long>() > before["requests"]!.GetValue<long>();
        }, Patience, "the request counts in /api/stats/tokens");
        Assert.Equal(1, after["requests"]!.GetValue<long>() - before["requests"]!.GetValue<long>());
        Assert.Equal(usage["prompt_tokens"]!.GetValue<long>(), after["inputTokens"]!.GetValue<long>() - before["inputTokens"]!.GetValue<long>());
        Assert.Equal(usage["completion_tokens"]!.GetValue<long>(), after["outputTokens"]!.GetValue<long>() - before["outputTokens"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_streamed_request_appears_on_the_live_stream_without_polling_the_list()
    {
        using var admin = await fixture.AdminAsync();
        admin.Timeout = Timeout.InfiniteTimeSpan;
        using var live = await admin.GetAsync("/api/monitor/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var events = new StreamReader(await live.Content.ReadAsStreamAsync());
        Assert.Equal(": connected", await events.ReadLineAsync());

        using var gateway = fixture.Gateway();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Json("""{"model":"gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"Stream me into the live view"}]}"""),
        };
        using var response = await gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = Assert.Single(response.Headers.GetValues("x-request-id"));

        using var deadline = new CancellationTokenSource(Patience);
        JsonNode? record = null;
        while (record is null)
        {
            var line = await events.ReadLineAsync(deadline.Token);
            Assert.NotNull(line);
            if (line.StartsWith("data: ", StringComparison.Ordinal) && JsonNode.Parse(line["data: ".Length..]) is { } data && data["id"]!.GetValue<string>() == id)
            {
                record = data;
            }
        }
        Assert.True(record["stream"]!.GetValue<bool>());
        Assert.Equal(200, record["status"]!.GetValue<int>());
        Assert.Equal(AccountId, record["accountId"]!.GetValue<string>());
        Assert.True(record["outputTokens"]!.GetValue<int>() > 0);
        Assert.NotNull(record["firstByteMs"]);
    }

    [Fact]
    public async Task With_body_logging_on_the_detail_has_the_bodies_and_never_the_api_key()
    {
        using var admin = await fixture.AdminAsync();
        var config = JsonNode.Parse(await admin.GetStringAsync("/api/proxy/config"))!;
        var apiKey = config["apiKey"]!.GetValue<string>();
        await SetLogBodiesAsync(admin, true);
        try
        {
            using var gateway = fixture.Gateway();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
            {
                Content = Json($$"""{"model":"gemini-2.5-flash","max_tokens":64,"messages":[{"role":"user","content":"Please remember my key {{apiKey}} and say hi"}]}"""),
            };
            request.Headers.Add("x-api-key", apiKey);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            using var response = await gateway.SendAsync(request);
            var id = Assert.Single(response.Headers.GetValues("x-request-id"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            await MonitorListing.ListedAsync(admin, id);
            var detailText = await admin.GetStringAsync($"/api/monitor/requests/{id}");
            var detail = JsonNode.Parse(detailText)!;
            Assert.True(detail["record"]!["hasBodies"]!.GetValue<bool>());
            var bodies = detail["bodies"]!;
            Assert.Contains("say hi", bodies["requestBody"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("Emulated reply from gemini-2.5-flash", bodies["responseBody"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("[redacted]", bodies["requestHeaders"]!["x-api-key"]!.GetValue<string>());
            Assert.Equal("[redacted]", bodies["requestHeaders"]!["Authorization"]!.GetValue<string>());
            Assert.DoesNotContain(apiKey, detailText, StringComparison.Ordinal);

            // A streamed answer still flows event by event while it is copied, and its events are kept.
            using var streamed = await gateway.PostAsync("/v1/chat/completions",
                Json("""{"model":"gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"Stream with bodies kept"}]}"""));
            var events = await streamed.Content.ReadAsStringAsync();
            var streamedId = Assert.Single(streamed.Headers.GetValues("x-request-id"));
            Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
            Assert.EndsWith("data: [DONE]\n\n", events, StringComparison.Ordinal);
            await MonitorListing.ListedAsync(admin, streamedId);
            var streamedDetail = JsonNode.Parse(await admin.GetStringAsync($"/api/monitor/requests/{streamedId}"))!;
            Assert.Equal(events, streamedDetail["bodies"]!["responseBody"]!.GetValue<string>());
        }
        finally
        {
            await SetLogBodiesAsync(admin, false);
        }
    }

    [Fact]
    public async Task A_failing_request_is_recorded_with_the_status_and_error_the_client_got()
    {
        using var admin = await fixture.AdminAsync();
        using var gateway = fixture.Gateway();

        using var response = await gateway.PostAsync("/v1/chat/completions",
            Json("""{"model":"no-account-serves-this-model","messages":[{"role":"user","content":"Fail please"}]}"""));
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>();
        var id = Assert.Single(response.Headers.GetValues("x-request-id"));
        Assert.True((int)response.StatusCode >= 400, $"status {(int)response.StatusCode}");

        var record = await MonitorListing.ListedAsync(admin, id, "&errorsOnly=true");
        Assert.Equal((int)response.StatusCode, record["status"]!.GetValue<int>());
        Assert.Equal(message, record["error"]!.GetValue<string>());
        Assert.True(record["isError"]!.GetValue<bool>());
        Assert.Equal("no-account-serves-this-model", record["clientModel"]!.GetValue<string>());
        Assert.Equal(0, record["inputTokens"]!.GetValue<int>());
    }

    private static async Task<JsonNode> ModelTotalsAsync(HttpClient admin, string model)
    {
        var stats = JsonNode.Parse(await admin.GetStringAsync("/api/stats/tokens?range=hour&by=model"))!;
        var series = stats["series"]!.AsArray().FirstOrDefault(s => s!["key"]!.GetValue<string>() == model);
        return series?["totals"]?.DeepClone() ?? new JsonObject { ["requests"] = 0L, ["inputTokens"] = 0L, ["outputTokens"] = 0L };
    }

    private async Task SetLogBodiesAsync(HttpClient admin, bool on)
    {
        using var patch = await admin.PatchAsync("/api/proxy/config", Json("{\"monitor\":{\"logBodies\":" + (on ? "true" : "false") + "}}"));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var revision = JsonNode.Parse(await patch.Content.ReadAsStringAsync())!["revision"]!.GetValue<long>();
        using var gateway = fixture.Gateway();
        await Eventually.WaitUntilAsync(async () =>
            JsonNode.Parse(await gateway.GetStringAsync("/healthz"))!["settings_revision"]!.GetValue<long>() >= revision,
            Patience, $"the gateway applies settings revision {revision}");
    }
}
