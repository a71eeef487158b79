using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Tests.Infrastructure;

namespace Antigravity.UpstreamEmulator.Tests.OpenAi;

public sealed class ChatCompletionsTests(EmulatorFactory factory) : EmulatorTestBase(factory)
{
    private async Task<HttpResponseMessage> ChatAsync(JsonNode body, string? key = OpenAiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/openai/v1/chat/completions") { Content = Json(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return await Client.SendAsync(request);
    }

    private static JsonObject Request(string text, bool stream = false, bool tools = false)
    {
        var body = new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "You are terse." },
                new JsonObject { ["role"] = "user", ["content"] = text }),
            ["stream"] = stream,
        };
        if (tools)
        {
            body["tools"] = JsonNode.Parse("""
                [{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{"query":{"type":"string"},"exact":{"type":"boolean"}},"required":["query","exact"]}}}]
                """);
        }
        return body;
    }

    [Fact]
    public async Task Completion_has_openai_shape()
    {
        using var response = await ChatAsync(Request("Hello GPT"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.StartsWith("chatcmpl-", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.Equal("gpt-4o", body["model"]!.GetValue<string>());
        var choice = body["choices"]![0]!.AsObject();
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Equal("Emulated reply from gpt-4o to: Hello GPT", choice["message"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", choice["finish_reason"]!.GetValue<string>());
        var usage = body["usage"]!.AsObject();
        Assert.Equal(usage["prompt_tokens"]!.GetValue<int>() + usage["completion_tokens"]!.GetValue<int>(), usage["total_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_key_is_invalid_api_key_and_missing_key_is_explained()
    {
        using var bad = await ChatAsync(Request("hi"), "sk-wrong-key-123456");
        using var missing = await ChatAsync(Request("hi"), key: null);

        var badError = (await ErrorAsync(bad, 401))["error"]!.AsObject();
        Assert.Equal("invalid_api_key", badError["code"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", badError["type"]!.GetValue<string>());
        Assert.DoesNotContain("sk-wrong-key-123456", badError["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("You didn't provide an API key.", (await ErrorAsync(missing, 401))["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_messages_and_unknown_model_are_reported()
    {
        using var missing = await ChatAsync(new JsonObject { ["model"] = "gpt-4o" });
        using var unknown = await ChatAsync(new JsonObject { ["model"] = "llama-0", ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "x" }) });

        var missingError = (await ErrorAsync(missing, 400))["error"]!.AsObject();
        Assert.Equal("messages", missingError["param"]!.GetValue<string>());
        Assert.Equal("missing_required_parameter", missingError["code"]!.GetValue<string>());
        Assert.Equal("model_not_found", (await ErrorAsync(unknown, 404))["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream_with_usage_ends_with_a_usage_chunk_and_done()
    {
        var body = Request("Stream me a few words please", stream: true);
        body["stream_options"] = new JsonObject { ["include_usage"] = true };

        using var response = await ChatAsync(body);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var chunks = SseReader.OpenAi(await response.Content.ReadAsStringAsync()).Select(e => e.Json).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        var text = string.Concat(chunks.SelectMany(c => c["choices"]!.AsArray()).Select(c => c!["delta"]!["content"]?.GetValue<string>()));
        Assert.Equal("Emulated reply from gpt-4o to: Stream me a few words please", text);
        Assert.Equal("stop", chunks[^2]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        Assert.True(chunks[^1]["usage"]!["total_tokens"]!.GetValue<int>() > 0);
        Assert.All(chunks[..^1], c => Assert.True(c.ContainsKey("usage") && c["usage"] is null));
    }

    [Fact]
    public async Task Stream_without_usage_option_has_no_usage_field()
    {
        using var response = await ChatAsync(Request("hi there", stream: true));

        var chunks = SseReader.OpenAi(await response.Content.ReadAsStringAsync()).Select(e => e.Json).ToList();
        Assert.All(chunks, c => Assert.False(c.ContainsKey("usage")));
    }

    [Fact]
    public async Task Tool_call_streams_as_indexed_deltas_and_the_result_is_answered()
    {
        using var stream = await ChatAsync(Request("use the tool", stream: true, tools: true));
        var chunks = SseReader.OpenAi(await stream.Content.ReadAsStringAsync()).Select(e => e.Json).ToList();
        var calls = chunks.Select(c => c["choices"]![0]!["delta"]!["tool_calls"]).OfType<JsonArray>().Select(a => a[0]!).ToList();
        Assert.StartsWith("call_", calls[0]["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("lookup", calls[0]["function"]!["name"]!.GetValue<string>());
        Assert.All(calls, c => Assert.Equal(0, c["index"]!.GetValue<int>()));
        var arguments = string.Concat(calls.Select(c => c["function"]!["arguments"]!.GetValue<string>()));
        Assert.Equal("""{"query":"emulated-query","exact":true}""", arguments);
        Assert.Equal("tool_calls", chunks[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>());

        var followUp = Request("use the tool", tools: true);
        followUp["messages"]!.AsArray().Add(JsonNode.Parse($$$"""{"role":"assistant","content":null,"tool_calls":[{"id":"{{{calls[0]["id"]}}}","type":"function","function":{"name":"lookup","arguments":"{}"}}]}"""));
        followUp["messages"]!.AsArray().Add(JsonNode.Parse($$"""{"role":"tool","tool_call_id":"{{calls[0]["id"]}}","content":"42 results"}"""));
        using var answer = await ChatAsync(followUp);

        Assert.Equal("Emulated reply from gpt-4o: the tool lookup returned 42 results",
            (await ReadJsonAsync(answer))["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cut_stream_drops_the_connection_before_done()
    {
        await BehaviourAsync(new JsonObject { ["target"] = OpenAiKey, ["action"] = "cut_stream", ["afterEvents"] = 3, ["times"] = 1 });

        using var request = new HttpRequestMessage(HttpMethod.Post, "/openai/v1/chat/completions") { Content = Json(Request("a long enough message to stream", stream: true)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAiKey);
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var received = new System.Text.StringBuilder();
        var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[128];
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, read));
            }
        });

        Assert.Equal(3, received.ToString().Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("[DONE]", received.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reasoning_models_send_reasoning_content()
    {
        var body = Request("think about it");
        body["model"] = "deepseek-reasoner";

        using var response = await ChatAsync(body);

        var message = (await ReadJsonAsync(response))["choices"]![0]!["message"]!.AsObject();
        Assert.StartsWith("Emulated thinking about:", message["reasoning_content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_list_and_scripted_quota_error()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openai/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAiKey);
        using var models = await Client.SendAsync(request);
        await BehaviourAsync(new JsonObject { ["target"] = OpenAiKey, ["action"] = "quota_exhausted", ["times"] = 1 });
        using var limited = await ChatAsync(Request("hi"));

        var list = await ReadJsonAsync(models);
        Assert.Equal("list", list["object"]!.GetValue<string>());
        Assert.Contains(list["data"]!.AsArray(), m => m!["id"]!.GetValue<string>() == "gpt-4o");
        Assert.Equal("insufficient_quota", (await ErrorAsync(limited, 429))["error"]!["code"]!.GetValue<string>());
    }
}
