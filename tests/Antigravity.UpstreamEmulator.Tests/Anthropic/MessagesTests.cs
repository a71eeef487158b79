using System.Net;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Tests.Infrastructure;

namespace Antigravity.UpstreamEmulator.Tests.Anthropic;

public sealed class MessagesTests(EmulatorFactory factory) : EmulatorTestBase(factory)
{
    private static readonly JsonArray s_tools = JsonNode.Parse("""
        [{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}},"required":["city","days"]}}]
        """)!.AsArray();

    private async Task<HttpResponseMessage> MessagesAsync(JsonNode body, string? key = AnthropicKey, string path = "/anthropic/v1/messages")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }
        request.Headers.Add("anthropic-version", "2023-06-01");
        return await Client.SendAsync(request);
    }

    private static JsonObject Request(string text, bool stream = false, bool thinking = false, bool tools = false)
    {
        var body = new JsonObject
        {
            ["model"] = "claude-sonnet-4-5",
            ["max_tokens"] = 1024,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
            ["stream"] = stream,
        };
        if (thinking)
        {
            body["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 2048 };
        }
        if (tools)
        {
            body["tools"] = s_tools.DeepClone();
        }
        return body;
    }

    [Fact]
    public async Task Message_object_has_anthropic_shape()
    {
        using var response = await MessagesAsync(Request("Hello Claude"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.StartsWith("msg_", body["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("message", body["type"]!.GetValue<string>());
        Assert.Equal("assistant", body["role"]!.GetValue<string>());
        Assert.Equal("claude-sonnet-4-5", body["model"]!.GetValue<string>());
        Assert.Equal("""[{"type":"text","text":"Emulated reply from claude-sonnet-4-5 to: Hello Claude"}]""", body["content"]!.ToJsonString());
        Assert.Equal("end_turn", body["stop_reason"]!.GetValue<string>());
        Assert.Null(body["stop_sequence"]);
        var usage = body["usage"]!.AsObject();
        Assert.True(usage["input_tokens"]!.GetValue<int>() > 0);
        Assert.True(usage["output_tokens"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Bad_or_missing_key_is_an_authentication_error()
    {
        using var bad = await MessagesAsync(Request("hi"), "wrong-key");
        using var missing = await MessagesAsync(Request("hi"), key: null);

        foreach (var response in new[] { bad, missing })
        {
            var body = await ErrorAsync(response, 401);
            Assert.Equal("error", body["type"]!.GetValue<string>());
            Assert.Equal("authentication_error", body["error"]!["type"]!.GetValue<string>());
            Assert.Equal("invalid x-api-key", body["error"]!["message"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Missing_fields_and_unknown_models_are_named()
    {
        var noMaxTokens = Request("hi");
        noMaxTokens.Remove("max_tokens");
        var unknownModel = Request("hi");
        unknownModel["model"] = "gpt-4o";

        using var missing = await MessagesAsync(noMaxTokens);
        using var unknown = await MessagesAsync(unknownModel);

        var missingBody = await ErrorAsync(missing, 400);
        Assert.Equal("invalid_request_error", missingBody["error"]!["type"]!.GetValue<string>());
        Assert.Equal("max_tokens: Field required", missingBody["error"]!["message"]!.GetValue<string>());
        Assert.Equal("not_found_error", (await ErrorAsync(unknown, 404))["error"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Stream_follows_anthropic_event_order_and_framing()
    {
        using var response = await MessagesAsync(Request("Stream a reply with several words please", stream: true));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = SseReader.Anthropic(await response.Content.ReadAsStringAsync());
        var names = events.Select(e => e.Name).ToList();
        Assert.Equal("message_start", names[0]);
        Assert.Equal(["content_block_start", "ping"], names[1..3]);
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], names[^3..]);
        Assert.True(names.Count(n => n == "content_block_delta") >= 3);
        var start = events[0].Json["message"]!.AsObject();
        Assert.Empty(start["content"]!.AsArray());
        Assert.True(start["usage"]!["input_tokens"]!.GetValue<int>() > 0);
        var text = string.Concat(events.Where(e => e.Name == "content_block_delta").Select(e => e.Json["delta"]!["text"]!.GetValue<string>()));
        Assert.Equal("Emulated reply from claude-sonnet-4-5 to: Stream a reply with several words please", text);
        var delta = events[^2].Json;
        Assert.Equal("end_turn", delta["delta"]!["stop_reason"]!.GetValue<string>());
        Assert.True(delta["usage"]!["output_tokens"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Thinking_and_tool_use_stream_with_signature_and_json_deltas()
    {
        using var response = await MessagesAsync(Request("check the weather", stream: true, thinking: true, tools: true));

        var events = SseReader.Anthropic(await response.Content.ReadAsStringAsync());
        var starts = events.Where(e => e.Name == "content_block_start").Select(e => e.Json).ToList();
        Assert.Equal(["thinking", "tool_use"], starts.Select(s => s["content_block"]!["type"]!.GetValue<string>()));
        Assert.Equal([0, 1], starts.Select(s => s["index"]!.GetValue<int>()));
        var deltas = events.Where(e => e.Name == "content_block_delta").Select(e => e.Json["delta"]!).ToList();
        Assert.Contains(deltas, d => d!["type"]!.GetValue<string>() == "thinking_delta");
        Assert.Single(deltas, d => d!["type"]!.GetValue<string>() == "signature_delta");
        var json = string.Concat(deltas.Where(d => d!["type"]!.GetValue<string>() == "input_json_delta").Select(d => d!["partial_json"]!.GetValue<string>()));
        Assert.Equal("""{"city":"Paris","days":1}""", json);
        Assert.Equal("tool_use", events[^2].Json["delta"]!["stop_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Signed_thinking_round_trips_and_tool_result_is_answered()
    {
        using var first = await MessagesAsync(Request("check the weather", thinking: true, tools: true));
        var assistant = (await ReadJsonAsync(first))["content"]!.AsArray();
        var toolUseId = assistant.Single(b => b!["type"]!.GetValue<string>() == "tool_use")!["id"]!.GetValue<string>();
        var followUp = Request("check the weather", thinking: true, tools: true);
        followUp["messages"]!.AsArray().Add(new JsonObject { ["role"] = "assistant", ["content"] = assistant.DeepClone() });
        followUp["messages"]!.AsArray().Add(JsonNode.Parse($$"""{"role":"user","content":[{"type":"tool_result","tool_use_id":"{{toolUseId}}","content":"Sunny, 24C"}]}"""));

        using var second = await MessagesAsync(followUp);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var text = (await ReadJsonAsync(second))["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "text")!["text"]!.GetValue<string>();
        Assert.Equal("Emulated reply from claude-sonnet-4-5: the tool get_weather returned Sunny, 24C", text);
    }

    [Fact]
    public async Task Altered_or_dropped_thinking_is_rejected()
    {
        using var first = await MessagesAsync(Request("check the weather", thinking: true, tools: true));
        var assistant = (await ReadJsonAsync(first))["content"]!.AsArray();
        var toolUseId = assistant.Single(b => b!["type"]!.GetValue<string>() == "tool_use")!["id"]!.GetValue<string>();
        JsonObject FollowUp(JsonArray content)
        {
            var body = Request("check the weather", thinking: true, tools: true);
            body["messages"]!.AsArray().Add(new JsonObject { ["role"] = "assistant", ["content"] = content });
            body["messages"]!.AsArray().Add(JsonNode.Parse($$"""{"role":"user","content":[{"type":"tool_result","tool_use_id":"{{toolUseId}}","content":"ok"}]}"""));
            return body;
        }
        var altered = assistant.DeepClone().AsArray();
        altered[0]!["signature"] = "AAAA" + altered[0]!["signature"]!.GetValue<string>()[4..];
        var dropped = new JsonArray(assistant[1]!.DeepClone());

        using var alteredResponse = await MessagesAsync(FollowUp(altered));
        using var droppedResponse = await MessagesAsync(FollowUp(dropped));

        Assert.Equal("messages.1.content.0: Invalid `signature` in `thinking` block",
            (await ErrorAsync(alteredResponse, 400))["error"]!["message"]!.GetValue<string>());
        Assert.StartsWith("messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`.",
            (await ErrorAsync(droppedResponse, 400))["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_tokens_matches_usage_input_tokens()
    {
        var body = Request("Count me in, with a few more words");
        using var count = await MessagesAsync(body, path: "/anthropic/v1/messages/count_tokens");
        using var message = await MessagesAsync(body);

        var counted = await ReadJsonAsync(count);
        Assert.Equal(["input_tokens"], counted.Select(p => p.Key));
        Assert.Equal(counted["input_tokens"]!.GetValue<int>(), (await ReadJsonAsync(message))["usage"]!["input_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Scripted_failures_speak_anthropic()
    {
        await BehaviourAsync(new JsonObject { ["target"] = AnthropicKey, ["action"] = "capacity_exhausted", ["times"] = 1 });
        await BehaviourAsync(new JsonObject { ["target"] = AnthropicKey, ["action"] = "rate_limited", ["retryAfter"] = 3, ["times"] = 1 });

        using var overloaded = await MessagesAsync(Request("hi"));
        using var limited = await MessagesAsync(Request("hi"));

        Assert.Equal("overloaded_error", (await ErrorAsync(overloaded, 529))["error"]!["type"]!.GetValue<string>());
        Assert.Equal("rate_limit_error", (await ErrorAsync(limited, 429))["error"]!["type"]!.GetValue<string>());
        Assert.Equal("3", limited.Headers.GetValues("Retry-After").Single());
    }
}
