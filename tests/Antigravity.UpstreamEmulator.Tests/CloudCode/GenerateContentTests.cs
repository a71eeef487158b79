using System.Net;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Tests.Infrastructure;

namespace Antigravity.UpstreamEmulator.Tests.CloudCode;

public sealed class GenerateContentTests(EmulatorFactory factory) : EmulatorTestBase(factory)
{
    [Fact]
    public async Task GenerateContent_wraps_a_gemini_response_with_usage()
    {
        using var response = await CloudCodeAsync("generateContent",
            Envelope("gemini-2.5-flash", GeminiRequest(UserText("Hello from the gateway test suite"))), await AccessTokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        var inner = body["response"]!.AsObject();
        var candidate = inner["candidates"]![0]!.AsObject();
        Assert.Equal("model", candidate["content"]!["role"]!.GetValue<string>());
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Hello from the gateway test suite",
            candidate["content"]!["parts"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("STOP", candidate["finishReason"]!.GetValue<string>());
        Assert.Equal(0, candidate["index"]!.GetValue<int>());
        var usage = inner["usageMetadata"]!.AsObject();
        Assert.Equal(usage["promptTokenCount"]!.GetValue<int>() + usage["candidatesTokenCount"]!.GetValue<int>(), usage["totalTokenCount"]!.GetValue<int>());
        Assert.Equal("gemini-2.5-flash", inner["modelVersion"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(inner["responseId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Usage_prompt_tokens_agree_with_countTokens()
    {
        var token = await AccessTokenAsync();
        var request = GeminiRequest(UserText("Count these words for me, please, carefully"));

        using var generate = await CloudCodeAsync("generateContent", Envelope("gemini-2.5-flash", request), token);
        using var count = await CloudCodeAsync("countTokens",
            new JsonObject { ["request"] = new JsonObject { ["model"] = "models/gemini-2.5-flash", ["contents"] = request["contents"]!.DeepClone() } }, token);

        Assert.Equal(HttpStatusCode.OK, count.StatusCode);
        var total = (await ReadJsonAsync(count))["totalTokens"]!.GetValue<int>();
        Assert.True(total > 0);
        Assert.Equal(total, (await ReadJsonAsync(generate))["response"]!["usageMetadata"]!["promptTokenCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task StreamGenerateContent_sends_google_framed_sse_events_each_wrapped()
    {
        using var response = await CloudCodeAsync("streamGenerateContent",
            Envelope("gemini-2.5-flash", GeminiRequest(UserText("Tell me something streaming and long enough to split"))), await AccessTokenAsync(), "?alt=sse");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = SseReader.Google(await response.Content.ReadAsStringAsync());
        Assert.InRange(events.Count, 3, 6);
        var responses = events.Select(e => e.Json["response"]!.AsObject()).ToList();
        var text = string.Concat(responses.Select(r => r["candidates"]![0]!["content"]!["parts"]![0]!["text"]!.GetValue<string>()));
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Tell me something streaming and long enough to split", text);
        Assert.All(responses[..^1], r => Assert.Null(r["candidates"]![0]!["finishReason"]));
        Assert.Equal("STOP", responses[^1]["candidates"]![0]!["finishReason"]!.GetValue<string>());
        Assert.NotNull(responses[^1]["usageMetadata"]);
    }

    [Fact]
    public async Task StreamGenerateContent_without_alt_sse_streams_a_json_array()
    {
        using var response = await CloudCodeAsync("streamGenerateContent",
            Envelope("gemini-2.5-flash", GeminiRequest(UserText("array please"))), await AccessTokenAsync());

        var array = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        Assert.True(array.Count >= 2);
        Assert.All(array, item => Assert.NotNull(item!["response"]!["candidates"]));
    }

    [Fact]
    public async Task Raw_gemini_body_without_envelope_is_rejected_naming_the_field()
    {
        using var response = await CloudCodeAsync("generateContent", GeminiRequest(UserText("hi")), await AccessTokenAsync());

        var error = await GoogleErrorAsync(response, 400, "INVALID_ARGUMENT");
        Assert.Equal("Invalid JSON payload received. Unknown name \"contents\": Cannot find field.", error["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("model")]
    [InlineData("project")]
    [InlineData("request")]
    public async Task Missing_envelope_field_is_named(string field)
    {
        var envelope = Envelope("gemini-2.5-flash", GeminiRequest(UserText("hi")));
        envelope.Remove(field);

        using var response = await CloudCodeAsync("generateContent", envelope, await AccessTokenAsync());

        var error = await GoogleErrorAsync(response, 400, "INVALID_ARGUMENT");
        Assert.Contains($"'{field}'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_model_is_not_found()
    {
        using var response = await CloudCodeAsync("generateContent", Envelope("gemini-9-ultra", GeminiRequest(UserText("hi"))), await AccessTokenAsync());

        var error = await GoogleErrorAsync(response, 404, "NOT_FOUND");
        Assert.Equal("Requested entity was not found.", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Empty_contents_and_unknown_request_fields_are_invalid_arguments()
    {
        var token = await AccessTokenAsync();
        using var empty = await CloudCodeAsync("generateContent", Envelope("gemini-2.5-flash", new JsonObject { ["contents"] = new JsonArray() }), token);
        var unknownRequest = GeminiRequest(UserText("hi"));
        unknownRequest["temperature"] = 0.5;
        using var unknown = await CloudCodeAsync("generateContent", Envelope("gemini-2.5-flash", unknownRequest), token);

        Assert.Contains("contents is not specified", (await GoogleErrorAsync(empty, 400, "INVALID_ARGUMENT"))["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Invalid JSON payload received. Unknown name \"temperature\" at 'request': Cannot find field.",
            (await GoogleErrorAsync(unknown, 400, "INVALID_ARGUMENT"))["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Json_schema_keywords_gemini_rejects_in_tool_parameters_are_reported()
    {
        var request = GeminiRequest(UserText("use the tool"));
        request["tools"] = JsonNode.Parse("""
            [{"functionDeclarations":[{"name":"read_file","parameters":{"type":"object","properties":{"path":{"type":"string","additionalProperties":false}},"required":["path"]}}]}]
            """);

        using var response = await CloudCodeAsync("generateContent", Envelope("gemini-2.5-flash", request), await AccessTokenAsync());

        var error = await GoogleErrorAsync(response, 400, "INVALID_ARGUMENT");
        Assert.Equal(
            "Invalid JSON payload received. Unknown name \"additionalProperties\" at 'request.tools[0].function_declarations[0].parameters.properties[0].value': Cannot find field.",
            error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Json_schema_type_lists_are_rejected_as_gemini_does()
    {
        var request = GeminiRequest(UserText("use the tool"));
        request["tools"] = JsonNode.Parse("""
            [{"functionDeclarations":[{"name":"f","parameters":{"type":"object","properties":{"x":{"type":["string","null"]}}}}]}]
            """);

        using var response = await CloudCodeAsync("generateContent", Envelope("gemini-2.5-flash", request), await AccessTokenAsync());

        var error = await GoogleErrorAsync(response, 400, "INVALID_ARGUMENT");
        Assert.Equal(
            "Invalid JSON payload received. Unknown name \"type\" at 'request.tools[0].function_declarations[0].parameters.properties[0].value': Proto field is not repeating, cannot start list.",
            error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Snake_case_request_fields_are_accepted_like_proto_json()
    {
        var request = GeminiRequest(UserText("hi"));
        request["system_instruction"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = "be brief" }) };

        using var response = await CloudCodeAsync("generateContent", Envelope("gemini-2.5-flash", request), await AccessTokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
