using System.Net;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Tests.Infrastructure;

namespace Antigravity.UpstreamEmulator.Tests.GeminiApi;

public sealed class GeminiApiTests(EmulatorFactory factory) : EmulatorTestBase(factory)
{
    private async Task<HttpResponseMessage> PostAsync(string path, JsonNode body, string? headerKey = GeminiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        if (headerKey is not null)
        {
            request.Headers.Add("x-goog-api-key", headerKey);
        }
        return await Client.SendAsync(request);
    }

    [Fact]
    public async Task GenerateContent_answers_a_bare_generate_content_response()
    {
        using var response = await PostAsync("/v1beta/models/gemini-2.5-flash:generateContent", GeminiRequest(UserText("Hi Gemini")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Null(body["response"]);
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Hi Gemini", body["candidates"]![0]!["content"]!["parts"]![0]!["text"]!.GetValue<string>());
        Assert.NotNull(body["usageMetadata"]!["promptTokenCount"]);
    }

    [Fact]
    public async Task Key_in_query_string_is_accepted()
    {
        using var response = await PostAsync($"/v1beta/models/gemini-2.5-flash:generateContent?key={GeminiKey}", GeminiRequest(UserText("Hi")), headerKey: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Invalid_key_gets_api_key_invalid_exactly()
    {
        using var response = await PostAsync("/v1beta/models/gemini-2.5-flash:generateContent", GeminiRequest(UserText("Hi")), "AIza-wrong");

        var error = await GoogleErrorAsync(response, 400, "INVALID_ARGUMENT");
        Assert.Equal("API key not valid. Please pass a valid API key.", error["message"]!.GetValue<string>());
        var info = Detail(error, "type.googleapis.com/google.rpc.ErrorInfo");
        Assert.Equal("API_KEY_INVALID", info["reason"]!.GetValue<string>());
        Assert.Equal("googleapis.com", info["domain"]!.GetValue<string>());
        Assert.Equal("generativelanguage.googleapis.com", info["metadata"]!["service"]!.GetValue<string>());
        Assert.Equal("en-US", Detail(error, "type.googleapis.com/google.rpc.LocalizedMessage")["locale"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_key_is_permission_denied()
    {
        using var response = await PostAsync("/v1beta/models/gemini-2.5-flash:generateContent", GeminiRequest(UserText("Hi")), headerKey: null);

        var error = await GoogleErrorAsync(response, 403, "PERMISSION_DENIED");
        Assert.StartsWith("Method doesn't allow unregistered callers", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("doesn't allow", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sse_stream_is_google_framed_and_unwrapped()
    {
        using var response = await PostAsync("/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse", GeminiRequest(UserText("Stream a longer reply for me please")));

        var events = SseReader.Google(await response.Content.ReadAsStringAsync());
        Assert.True(events.Count >= 3);
        Assert.All(events, e => Assert.NotNull(e.Json["candidates"]));
        Assert.Equal("STOP", events[^1].Json["candidates"]![0]!["finishReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task CountTokens_accepts_contents_or_a_generate_request()
    {
        var request = GeminiRequest(UserText("How many tokens is this?"));
        using var plain = await PostAsync("/v1beta/models/gemini-2.5-flash:countTokens", request);
        using var wrapped = await PostAsync("/v1beta/models/gemini-2.5-flash:countTokens",
            new JsonObject { ["generateContentRequest"] = new JsonObject { ["model"] = "models/gemini-2.5-flash", ["contents"] = request["contents"]!.DeepClone() } });
        using var generate = await PostAsync("/v1beta/models/gemini-2.5-flash:generateContent", request);

        var total = (await ReadJsonAsync(plain))["totalTokens"]!.GetValue<int>();
        Assert.Equal(total, (await ReadJsonAsync(wrapped))["totalTokens"]!.GetValue<int>());
        Assert.Equal(total, (await ReadJsonAsync(generate))["usageMetadata"]!["promptTokenCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unknown_model_and_model_list()
    {
        using var unknown = await PostAsync("/v1beta/models/gemini-0:generateContent", GeminiRequest(UserText("Hi")));
        using var list = await Client.GetAsync($"/v1beta/models?key={GeminiKey}");
        using var one = await Client.GetAsync($"/v1beta/models/gemini-2.5-flash?key={GeminiKey}");

        Assert.StartsWith("models/gemini-0 is not found for API version v1beta", (await GoogleErrorAsync(unknown, 404, "NOT_FOUND"))["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains((await ReadJsonAsync(list))["models"]!.AsArray(), m => m!["name"]!.GetValue<string>() == "models/gemini-2.5-flash");
        Assert.Equal("models/gemini-2.5-flash", (await ReadJsonAsync(one))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Quota_rule_on_a_key_answers_the_gemini_api_429()
    {
        await BehaviourAsync(new JsonObject { ["target"] = GeminiKey, ["action"] = "quota_exhausted", ["retryDelay"] = "42s", ["times"] = 1 });

        using var response = await PostAsync("/v1beta/models/gemini-2.5-flash:generateContent", GeminiRequest(UserText("Hi")));

        var error = await GoogleErrorAsync(response, 429, "RESOURCE_EXHAUSTED");
        Assert.Equal("42s", Detail(error, "type.googleapis.com/google.rpc.RetryInfo")["retryDelay"]!.GetValue<string>());
        Assert.NotNull(Detail(error, "type.googleapis.com/google.rpc.QuotaFailure")["violations"]);
    }

    [Fact]
    public async Task Thinking_budget_brings_thought_parts_and_a_signature()
    {
        var request = GeminiRequest(UserText("Think first"));
        request["generationConfig"] = new JsonObject { ["thinkingConfig"] = new JsonObject { ["thinkingBudget"] = -1 } };

        using var response = await PostAsync("/v1beta/models/gemini-2.5-flash:generateContent", request);

        var body = await ReadJsonAsync(response);
        var parts = body["candidates"]![0]!["content"]!["parts"]!.AsArray();
        Assert.True(parts[0]!["thought"]!.GetValue<bool>());
        Assert.NotNull(parts[1]!["thoughtSignature"]);
        Assert.True(body["usageMetadata"]!["thoughtsTokenCount"]!.GetValue<int>() > 0);
    }
}
