using System.Net;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Tests.Infrastructure;

namespace Antigravity.UpstreamEmulator.Tests.Control;

/// <summary><c>/_emulator/script</c>: queued turns make a client call a declared function with chosen arguments, then answer.</summary>
public sealed class ReplyScriptTests(EmulatorFactory factory) : EmulatorTestBase(factory)
{
    private static JsonObject WithTools(params JsonObject[] contents)
    {
        var request = GeminiRequest(contents);
        request["tools"] = JsonNode.Parse("""
            [{"functionDeclarations":[
              {"name":"list_directory","parameters":{"type":"object","properties":{"dir":{"type":"string"}},"required":["dir"]}},
              {"name":"read_file","parameters":{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}}
            ]}]
            """);
        return request;
    }

    private async Task<JsonArray> PartsAsync(JsonObject request)
    {
        using var response = await CloudCodeAsync("generateContent", Envelope("gemini-2.5-flash", request), await AccessTokenAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response))["response"]!["candidates"]![0]!["content"]!["parts"]!.AsArray();
    }

    private async Task ScriptAsync(string turns)
    {
        using var response = await Client.PostAsync("/_emulator/script", Json($$"""{"turns":{{turns}}}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Scripted_call_uses_the_given_function_and_arguments_then_the_scripted_answer_follows_its_result()
    {
        await ScriptAsync("""
            [{"call":{"name":"read_file","arguments":{"path":"/tmp/notes.txt"}}},
             {"afterTool":"read_file","text":"The notes say: buy milk."}]
            """);

        var first = await PartsAsync(WithTools(UserText("What do my notes say?")));
        var call = first.Single()!["functionCall"]!;
        Assert.Equal("read_file", call["name"]!.GetValue<string>());
        Assert.Equal("""{"path":"/tmp/notes.txt"}""", call["args"]!.ToJsonString());

        var toolTurn = JsonNode.Parse("""{"role":"user","parts":[{"functionResponse":{"name":"read_file","response":{"output":"buy milk"}}}]}""")!.AsObject();
        var second = await PartsAsync(WithTools(UserText("What do my notes say?"), new JsonObject { ["role"] = "model", ["parts"] = first.DeepClone() }, toolTurn));

        Assert.Equal("The notes say: buy milk.", second.Single()!["text"]!.GetValue<string>());
        using var pending = await Client.GetAsync("/_emulator/script");
        Assert.Empty((await ReadJsonAsync(pending))["turns"]!.AsArray());
    }

    [Fact]
    public async Task Requests_the_turn_does_not_match_get_the_usual_answer_and_leave_the_turn_queued()
    {
        await ScriptAsync("""[{"call":{"name":"read_file","arguments":{"path":"a"}}}]""");

        var sideRequest = await PartsAsync(GeminiRequest(UserText("Write a title for this chat")));

        Assert.StartsWith("Emulated reply from gemini-2.5-flash to:", sideRequest.Single()!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var call = (await PartsAsync(WithTools(UserText("go")))).Single()!["functionCall"]!;
        Assert.Equal("""{"path":"a"}""", call["args"]!.ToJsonString());
    }

    [Fact]
    public async Task Anthropic_endpoint_plays_the_scripted_call_as_a_tool_use_block()
    {
        await ScriptAsync("""[{"model":"claude-*","whenText":"notes","call":{"name":"Read","arguments":{"file_path":"/tmp/n.txt"}}}]""");
        var body = JsonNode.Parse("""
            {"model":"claude-sonnet-4-5","max_tokens":512,"messages":[{"role":"user","content":"Read my notes"}],
             "tools":[{"name":"Read","input_schema":{"type":"object","properties":{"file_path":{"type":"string"}},"required":["file_path"]}}]}
            """)!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/anthropic/v1/messages") { Content = Json(body) };
        request.Headers.Add("x-api-key", AnthropicKey);
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await Client.SendAsync(request);

        var message = await ReadJsonAsync(response);
        Assert.Equal("tool_use", message["stop_reason"]!.GetValue<string>());
        var block = message["content"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "tool_use")!;
        Assert.Equal("Read", block["name"]!.GetValue<string>());
        Assert.Equal("""{"file_path":"/tmp/n.txt"}""", block["input"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"turns":[]}""", "'turns' must list at least one turn.")]
    [InlineData("""{"turns":[{"text":"a","call":{"name":"x"}}]}""", "turns[0] must have exactly one of 'call' or 'text'.")]
    [InlineData("""{"turns":[{"call":{"arguments":{}}}]}""", "turns[0].call.name must name a function the client declares.")]
    public async Task Invalid_script_is_refused_with_the_reason(string body, string message)
    {
        using var response = await Client.PostAsync("/_emulator/script", Json(body));

        Assert.Equal(message, (await ErrorAsync(response, 400))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reset_and_delete_empty_the_script()
    {
        await ScriptAsync("""[{"text":"one"},{"text":"two"}]""");

        using var deleted = await Client.DeleteAsync("/_emulator/script");
        Assert.Equal(2, (await ReadJsonAsync(deleted))["count"]!.GetValue<int>());
        await ScriptAsync("""[{"text":"three"}]""");
        using var reset = await Client.PostAsync("/_emulator/reset", null);
        using var pending = await Client.GetAsync("/_emulator/script");

        Assert.Empty((await ReadJsonAsync(pending))["turns"]!.AsArray());
    }
}
