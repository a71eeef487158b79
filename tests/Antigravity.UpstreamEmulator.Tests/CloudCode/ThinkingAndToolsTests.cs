using System.Net;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Tests.Infrastructure;

namespace Antigravity.UpstreamEmulator.Tests.CloudCode;

public sealed class ThinkingAndToolsTests(EmulatorFactory factory) : EmulatorTestBase(factory)
{
    private static JsonObject WeatherTools() => JsonNode.Parse("""
        [{"functionDeclarations":[
          {"name":"read_file","parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}},
          {"name":"get_weather","description":"Current weather","parameters":{"type":"OBJECT","properties":{"location":{"type":"STRING"},"unit":{"type":"STRING","enum":["celsius","fahrenheit"]},"days":{"type":"INTEGER"}},"required":["location","unit"]}}
        ]}]
        """)!.AsArray() is var tools ? new JsonObject { ["tools"] = tools } : throw new InvalidOperationException();

    private static JsonObject ThinkingRequest(params JsonObject[] contents)
    {
        var request = GeminiRequest(contents);
        request["tools"] = WeatherTools()["tools"]!.DeepClone();
        request["generationConfig"] = new JsonObject { ["thinkingConfig"] = new JsonObject { ["includeThoughts"] = true, ["thinkingBudget"] = 1024 } };
        return request;
    }

    private async Task<JsonArray> GenerateParts(string model, JsonObject request)
    {
        using var response = await CloudCodeAsync("generateContent", Envelope(model, request), await AccessTokenAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response))["response"]!["candidates"]![0]!["content"]!["parts"]!.AsArray();
    }

    [Fact]
    public async Task Weather_question_with_tools_gets_a_signed_function_call_after_thoughts()
    {
        var parts = await GenerateParts("gemini-2.5-flash", ThinkingRequest(UserText("What is the weather in Lyon?")));

        Assert.True(parts[0]!["thought"]!.GetValue<bool>());
        Assert.StartsWith("Emulated thinking about:", parts[0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var call = parts[1]!["functionCall"]!.AsObject();
        Assert.Equal("get_weather", call["name"]!.GetValue<string>());
        Assert.Equal("""{"location":"Paris","unit":"celsius"}""", call["args"]!.ToJsonString());
        Assert.Null(call["id"]);
        Assert.False(string.IsNullOrEmpty(parts[1]!["thoughtSignature"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Signed_history_round_trips_and_the_tool_result_is_quoted()
    {
        var first = await GenerateParts("gemini-2.5-flash", ThinkingRequest(UserText("weather please")));
        var modelTurn = new JsonObject { ["role"] = "model", ["parts"] = first.DeepClone() };
        var toolTurn = JsonNode.Parse("""{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"temperature":"21C"}}}]}""")!.AsObject();

        var second = await GenerateParts("gemini-2.5-flash", ThinkingRequest(UserText("weather please"), modelTurn, toolTurn));

        var text = second.Single(p => p!["thought"] is null)!["text"]!.GetValue<string>();
        Assert.Contains("get_weather", text, StringComparison.Ordinal);
        Assert.Contains("21C", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_call_without_its_signature_gets_googles_error()
    {
        var first = await GenerateParts("gemini-2.5-flash", ThinkingRequest(UserText("weather please")));
        var stripped = first.DeepClone().AsArray();
        foreach (var part in stripped)
        {
            part!.AsObject().Remove("thoughtSignature");
        }
        var request = ThinkingRequest(UserText("weather please"), new JsonObject { ["role"] = "model", ["parts"] = stripped },
            JsonNode.Parse("""{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"ok":true}}}]}""")!.AsObject());

        using var response = await CloudCodeAsync("generateContent", Envelope("gemini-2.5-flash", request), await AccessTokenAsync());

        var error = await GoogleErrorAsync(response, 400, "INVALID_ARGUMENT");
        Assert.StartsWith("Function call is missing a thought_signature in functionCall parts.", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("function call `default_api:get_weather` , position 2.", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Altered_signature_is_rejected()
    {
        var first = await GenerateParts("gemini-2.5-flash", ThinkingRequest(UserText("weather please")));
        var altered = first.DeepClone().AsArray();
        var signature = altered[1]!["thoughtSignature"]!.GetValue<string>();
        altered[1]!["thoughtSignature"] = (signature[0] == 'A' ? "B" : "A") + signature[1..];
        var request = ThinkingRequest(UserText("weather please"), new JsonObject { ["role"] = "model", ["parts"] = altered },
            JsonNode.Parse("""{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"ok":true}}}]}""")!.AsObject());

        using var response = await CloudCodeAsync("generateContent", Envelope("gemini-2.5-flash", request), await AccessTokenAsync());

        Assert.Equal("Corrupted thought signature.", (await GoogleErrorAsync(response, 400, "INVALID_ARGUMENT"))["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_tool_words_the_model_answers_in_text()
    {
        var parts = await GenerateParts("gemini-2.5-flash", ThinkingRequest(UserText("Just say hello")));

        Assert.DoesNotContain(parts, p => p!["functionCall"] is not null);
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Just say hello", parts[^1]!["text"]!.GetValue<string>());
        Assert.NotNull(parts[^1]!["thoughtSignature"]);
    }

    [Fact]
    public async Task Claude_thinking_model_streams_thoughts_then_a_signature_part_then_a_call_with_id()
    {
        var request = GeminiRequest(UserText("use a tool to read the file"));
        request["tools"] = WeatherTools()["tools"]!.DeepClone();

        using var response = await CloudCodeAsync("streamGenerateContent", Envelope("claude-sonnet-4-6-thinking", request), await AccessTokenAsync(), "?alt=sse");

        var parts = SseReader.Google(await response.Content.ReadAsStringAsync())
            .SelectMany(e => e.Json["response"]!["candidates"]![0]!["content"]!["parts"]!.AsArray()).ToList();
        var thoughts = parts.TakeWhile(p => p!["thought"] is not null).ToList();
        Assert.True(thoughts.Count >= 2);
        Assert.All(thoughts[..^1], p => Assert.Null(p!["thoughtSignature"]));
        Assert.Equal("", thoughts[^1]!["text"]!.GetValue<string>());
        Assert.NotNull(thoughts[^1]!["thoughtSignature"]);
        var call = parts[^1]!["functionCall"]!.AsObject();
        Assert.Equal("read_file", call["name"]!.GetValue<string>());
        Assert.StartsWith("toolu_", call["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("""{"path":"emulated-path"}""", call["args"]!.ToJsonString());
    }

    [Fact]
    public async Task Claude_final_tool_turn_without_signed_thinking_is_rejected()
    {
        var request = GeminiRequest(
            UserText("use a tool"),
            JsonNode.Parse("""{"role":"model","parts":[{"functionCall":{"name":"read_file","args":{"path":"a"},"id":"toolu_1"}}]}""")!.AsObject(),
            JsonNode.Parse("""{"role":"user","parts":[{"functionResponse":{"name":"read_file","id":"toolu_1","response":{"content":"x"}}}]}""")!.AsObject());

        using var response = await CloudCodeAsync("generateContent", Envelope("claude-sonnet-4-6-thinking", request), await AccessTokenAsync());

        var error = await GoogleErrorAsync(response, 400, "INVALID_ARGUMENT");
        Assert.StartsWith("messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`.", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Documented_bypass_signature_is_accepted()
    {
        var request = ThinkingRequest(UserText("weather please"),
            JsonNode.Parse("""{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{}},"thoughtSignature":"skip_thought_signature_validator"}]}""")!.AsObject(),
            JsonNode.Parse("""{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"ok":true}}}]}""")!.AsObject());

        using var response = await CloudCodeAsync("generateContent", Envelope("gemini-2.5-flash", request), await AccessTokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
