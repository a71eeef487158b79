using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Antigravity.IntegrationTests.Infrastructure;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary>
/// Anthropic- and OpenAI-compatible accounts serve every client protocol (OpenAI chat, Anthropic Messages,
/// Gemini, Responses), streamed and not; the provider gets its own key and the mapped model, never the client's
/// key; and the Anthropic dispatch setting decides when Anthropic requests may use the Anthropic-style provider.
/// </summary>
public sealed class ProviderAccountsTests(ProviderAccountsFixture fixture) : IClassFixture<ProviderAccountsFixture>, IAsyncLifetime
{
    private const string ClientKey = "sk-client-key-that-must-stay-here";

    public async Task InitializeAsync()
    {
        await fixture.ResetEmulatorAsync();
        using var emulator = fixture.Emulator();
        (await emulator.DeleteAsync("/_emulator/requests")).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => SetDispatchAsync("off");

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var model in new[] { "glm-4.6", "deepseek-chat" })
        {
            foreach (var protocol in new[] { "openai", "anthropic", "gemini", "responses" })
            {
                data.Add(protocol, model, false);
                data.Add(protocol, model, true);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_client_protocol_is_served_by_both_provider_kinds(string protocol, string model, bool stream)
    {
        await SetDispatchAsync("pooled");
        var expectedAccount = model == "glm-4.6" ? fixture.AnthropicProviderId : fixture.OpenAiProviderId;

        var (status, text, account) = await AskAsync(protocol, model, stream, "Hello provider");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expectedAccount, account);
        Assert.Contains($"Emulated reply from {model} to: Hello provider", text, StringComparison.Ordinal);
        var upstream = await LastProviderRequestAsync(model == "glm-4.6" ? "/anthropic/v1/messages" : "/openai/v1/chat/completions");
        Assert.Equal(model, JsonNode.Parse(upstream["body"]!.GetValue<string>())!["model"]!.GetValue<string>());
        var headers = upstream["headers"]!.ToJsonString();
        Assert.DoesNotContain(ClientKey, headers, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientKey[^4..], headers, StringComparison.Ordinal);
        // The emulator logs keys masked to their last four characters: the account's key ends in "-key".
        Assert.Contains("****-key", headers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_call_round_trip_runs_through_the_anthropic_provider_for_an_anthropic_client()
    {
        await SetDispatchAsync("exclusive");
        using var gateway = Gateway();
        const string Tools = """[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]""";

        using var first = await gateway.PostAsync("/v1/messages", Json($$"""{"model":"glm-4.6","max_tokens":256,"tools":{{Tools}},"messages":[{"role":"user","content":"Weather in Paris?"}]}"""));
        var toolUse = JsonNode.Parse(await first.Content.ReadAsStringAsync())!["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_use")!;
        using var second = await gateway.PostAsync("/v1/messages", Json($$"""
            {"model":"glm-4.6","max_tokens":256,"tools":{{Tools}},"messages":[
              {"role":"user","content":"Weather in Paris?"},
              {"role":"assistant","content":[{{toolUse.ToJsonString()}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"{{toolUse["id"]!.GetValue<string>()}}","content":"Sunny"}]}]}
            """));
        var answer = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;

        Assert.Equal("Paris", toolUse["input"]!["city"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.StartsWith("Emulated reply from glm-4.6: the tool get_weather returned", answer["content"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anthropic_stream_from_the_anthropic_provider_is_passed_through_unchanged()
    {
        await SetDispatchAsync("exclusive");
        using var gateway = Gateway();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = Json("""{"model":"glm-4.6","max_tokens":300,"stream":true,"temperature":0.3,"metadata":{"user_id":"user-7"},"messages":[{"role":"user","content":"Pass me through"}]}"""),
        };
        request.Headers.TryAddWithoutValidation("x-api-key", ClientKey);
        request.Headers.TryAddWithoutValidation("anthropic-beta", "interleaved-thinking-2025-05-14");
        using var response = await gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var sse = await response.Content.ReadAsStringAsync();

        var start = JsonNode.Parse(sse.Split('\n').First(line => line.StartsWith("data: {\"type\":\"message_start\"", StringComparison.Ordinal))["data: ".Length..])!;
        // The provider's own message id and model reach the client: nothing was rebuilt on the way.
        Assert.StartsWith("msg_emu_", start["message"]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("glm-4.6", start["message"]!["model"]!.GetValue<string>());
        Assert.Equal("Emulated reply from glm-4.6 to: Pass me through", StreamText.Join("anthropic", sse));
        var upstream = await LastProviderRequestAsync("/anthropic/v1/messages");
        var body = JsonNode.Parse(upstream["body"]!.GetValue<string>())!;
        Assert.Equal(0.3, body["temperature"]!.GetValue<double>());
        Assert.Equal("user-7", body["metadata"]!["user_id"]!.GetValue<string>());
        Assert.Contains("interleaved-thinking-2025-05-14", upstream["headers"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("****here", upstream["headers"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_openai_stream_from_the_openai_provider_is_passed_through_unchanged()
    {
        using var gateway = Gateway();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Json("""{"model":"deepseek-chat","stream":true,"seed":42,"user":"user-7","messages":[{"role":"user","content":"Pass me through"}]}"""),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + ClientKey);
        using var response = await gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var sse = await response.Content.ReadAsStringAsync();

        var chunks = sse.Split('\n').Where(line => line.StartsWith("data: {", StringComparison.Ordinal)).Select(line => JsonNode.Parse(line["data: ".Length..])!).ToList();
        // The provider's own chunk ids and model reach the client, and no usage chunk was added that it did not ask for.
        Assert.All(chunks, chunk => Assert.StartsWith("chatcmpl-emu", chunk["id"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(chunks, chunk => Assert.Equal("deepseek-chat", chunk["model"]!.GetValue<string>()));
        Assert.DoesNotContain(chunks, chunk => chunk["usage"] is JsonObject);
        Assert.EndsWith("data: [DONE]", sse.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal("Emulated reply from deepseek-chat to: Pass me through", StreamText.Join("openai", sse));
        var upstream = await LastProviderRequestAsync("/openai/v1/chat/completions");
        var body = JsonNode.Parse(upstream["body"]!.GetValue<string>())!;
        Assert.Equal(42, body["seed"]!.GetValue<int>());
        Assert.Equal("user-7", body["user"]!.GetValue<string>());
        Assert.DoesNotContain("****here", upstream["headers"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/chat/completions", """{"model":"deepseek-chat","seed":42,"messages":[{"role":"user","content":"Whole answer please"}]}""", "/openai/v1/chat/completions", "chatcmpl-emu", "prompt_tokens", "completion_tokens")]
    [InlineData("/v1/messages", """{"model":"glm-4.6","max_tokens":300,"temperature":0.3,"messages":[{"role":"user","content":"Whole answer please"}]}""", "/anthropic/v1/messages", "msg_emu_", "input_tokens", "output_tokens")]
    public async Task A_whole_answer_from_a_provider_of_the_clients_protocol_is_the_providers_own(
        string path, string body, string providerPath, string idPrefix, string inputField, string outputField)
    {
        await SetDispatchAsync("exclusive");
        using var gateway = Gateway();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.TryAddWithoutValidation("x-api-key", ClientKey);
        using var response = await gateway.SendAsync(request);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var requestId = Assert.Single(response.Headers.GetValues("x-request-id"));

        // The provider's own answer: its id and model, not one the gateway rebuilt from a stream.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(idPrefix, answer["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Emulated reply", answer.ToJsonString(), StringComparison.Ordinal);
        // The request went up as the client sent it: not turned into a stream.
        var upstream = JsonNode.Parse((await LastProviderRequestAsync(providerPath))["body"]!.GetValue<string>())!.AsObject();
        Assert.False(upstream.TryGetPropertyValue("stream", out var streamed) && streamed!.GetValue<bool>());
        Assert.False(upstream.ContainsKey("stream_options"));
        Assert.Equal(JsonNode.Parse(body)!.AsObject().Select(p => p.Key).Order(), upstream.Select(p => p.Key).Order());
        // Its usage still reaches the monitor.
        using var admin = await fixture.AdminAsync();
        var record = await MonitorListing.ListedAsync(admin, requestId);
        Assert.Equal(answer["usage"]![inputField]!.GetValue<int>(), record["inputTokens"]!.GetValue<int>());
        Assert.Equal(answer["usage"]![outputField]!.GetValue<int>(), record["outputTokens"]!.GetValue<int>());
        Assert.True(record["inputTokens"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Count_tokens_on_the_anthropic_provider_is_its_real_count()
    {
        await SetDispatchAsync("exclusive");
        using var gateway = Gateway();

        using var counted = await gateway.PostAsync("/v1/messages/count_tokens", Json("""{"model":"glm-4.6","messages":[{"role":"user","content":"Count me please"}]}"""));
        var body = JsonNode.Parse(await counted.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        Assert.Equal(fixture.AnthropicProviderId, Assert.Single(counted.Headers.GetValues("X-Account-Id")));
        Assert.True(body["input_tokens"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Off_never_sends_anthropic_requests_to_the_provider()
    {
        await SetDispatchAsync("off");

        var (status, _, account) = await AskAsync("anthropic", "claude-sonnet-4-6", stream: false, "Which account?");
        var (providerStatus, _, _) = await AskAsync("anthropic", "claude-haiku-4-5", stream: false, "Which account?");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(fixture.AccountIds["emulator-refresh-1"], account);
        // claude-haiku-4-5 maps (built-in table) to a Google model, never to the provider's mapping.
        Assert.Equal(HttpStatusCode.OK, providerStatus);
        Assert.Empty(await ProviderRequestsAsync("/anthropic/v1/messages"));
    }

    [Fact]
    public async Task Exclusive_sends_every_anthropic_request_to_the_provider_with_its_own_mapping()
    {
        await SetDispatchAsync("exclusive");
        await SetMappingAsync(new JsonObject { ["claude-haiku-4-5"] = "claude-haiku-4-5" });
        try
        {
            var (status, text, account) = await AskAsync("anthropic", "claude-haiku-4-5", stream: false, "Which account?");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(fixture.AnthropicProviderId, account);
            Assert.Contains("Emulated reply from glm-4.6", text, StringComparison.Ordinal);
        }
        finally
        {
            await SetMappingAsync(new JsonObject());
        }
    }

    [Fact]
    public async Task Fallback_uses_the_provider_only_when_the_google_pool_cannot_serve()
    {
        await SetDispatchAsync("fallback");
        var (healthyStatus, _, healthyAccount) = await AskAsync("anthropic", "claude-sonnet-4-6", stream: false, "First question");
        await ScriptAsync(new JsonObject { ["target"] = "emulator-refresh-1", ["action"] = "quota_exhausted", ["quotaResetDelay"] = "3600s", ["times"] = 1 });
        await SetMappingAsync(new JsonObject());

        // glm-4.6 is served by no Google account: the provider answers.
        var (status, text, account) = await AskAsync("anthropic", "glm-4.6", stream: true, "Second question");

        Assert.Equal(HttpStatusCode.OK, healthyStatus);
        Assert.Equal(fixture.AccountIds["emulator-refresh-1"], healthyAccount);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(fixture.AnthropicProviderId, account);
        Assert.Contains("Emulated reply from glm-4.6", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pooled_puts_the_provider_in_the_rotation_when_the_google_account_is_exhausted()
    {
        await SetDispatchAsync("pooled");
        await ScriptAsync(new JsonObject { ["target"] = "emulator-refresh-1", ["action"] = "quota_exhausted", ["quotaResetDelay"] = "60s", ["times"] = 1 });
        await SetMappingAsync(new JsonObject { ["team-model"] = "claude-haiku-4-5" });
        try
        {
            // The Google account serves any model until its quota is known; it fails once, the provider answers.
            var (status, text, account) = await AskAsync("anthropic", "team-model", stream: false, "Pooled question");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(fixture.AnthropicProviderId, account);
            Assert.Contains("Emulated reply from glm-4.6", text, StringComparison.Ordinal);
        }
        finally
        {
            await SetMappingAsync(new JsonObject());
        }
    }

    private async Task<(HttpStatusCode Status, string Text, string? Account)> AskAsync(string protocol, string model, bool stream, string prompt)
    {
        using var gateway = Gateway();
        var (path, body) = ClientRequests.For(protocol, model, stream, prompt);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.TryAddWithoutValidation("x-api-key", ClientKey);
        using var response = await gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var text = await response.Content.ReadAsStringAsync();
        // Streams carry the text in pieces: join the deltas so the assertion reads the whole answer.
        var joined = stream ? StreamText.Join(protocol, text) : text;
        return (response.StatusCode, joined, response.Headers.TryGetValues("X-Account-Id", out var ids) ? ids.Single() : null);
    }

    private async Task<JsonNode> LastProviderRequestAsync(string path) => (await ProviderRequestsAsync(path)).Last()!;

    private async Task<JsonArray> ProviderRequestsAsync(string path)
    {
        using var emulator = fixture.Emulator();
        return JsonNode.Parse(await emulator.GetStringAsync($"/_emulator/requests?path={Uri.EscapeDataString(path)}&limit=1000"))!.AsArray();
    }

    private async Task SetDispatchAsync(string mode)
    {
        using var admin = await fixture.AdminAsync();
        using var response = await admin.PatchAsync("/api/proxy/config", Json($$"""{"anthropicDispatch":"{{mode}}"}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitForSettingsAsync();
    }

    private async Task SetMappingAsync(JsonObject mapping)
    {
        using var admin = await fixture.AdminAsync();
        using var response = await admin.PatchAsync("/api/proxy/config", Json(new JsonObject { ["modelMapping"] = mapping }.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitForSettingsAsync();
    }

    // Settings reach the gateway through pub/sub within a second; /healthz tells which revision it applies.
    private async Task WaitForSettingsAsync()
    {
        using var admin = await fixture.AdminAsync();
        var revision = JsonNode.Parse(await admin.GetStringAsync("/api/proxy/config"))!["revision"]!.GetValue<long>();
        using var gateway = Gateway();
        await Antigravity.Testing.Eventually.WaitUntilAsync(async () =>
        {
            using var health = await gateway.GetAsync("/healthz");
            var node = JsonNode.Parse(await health.Content.ReadAsStringAsync());
            return node?["settings_revision"]?.GetValue<long>() >= revision;
        }, TimeSpan.FromSeconds(5), $"the gateway applies settings revision {revision}");
    }

    private async Task ScriptAsync(JsonObject behaviour)
    {
        using var emulator = fixture.Emulator();
        using var response = await emulator.PostAsJsonAsync("/_emulator/behaviours", behaviour);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private HttpClient Gateway() => fixture.Gateway();
}
