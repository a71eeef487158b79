using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Upstreams;

namespace Antigravity.Protocols.Tests.Upstreams;

/// <summary>
/// The hub request as Anthropic Messages / chat completions for provider accounts, and their streams decoded
/// back into Gemini events: what a client of any protocol receives from a z.ai or OpenRouter account.
/// </summary>
public sealed class UpstreamTranslationTests
{
    private static readonly GeminiGenerateContentRequest Hub = JsonSerializer.Deserialize("""
        {"systemInstruction":{"parts":[{"text":"Be brief."}]},
         "contents":[
          {"role":"user","parts":[{"text":"Weather in Paris?"}]},
          {"role":"model","parts":[{"thought":true,"text":"Use the tool."},{"thought":true,"text":"","thoughtSignature":"c2ln"},
                                   {"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]},
          {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"Sunny"}}}]},
          {"role":"user","parts":[{"text":"And tomorrow?"}]}],
         "tools":[{"functionDeclarations":[{"name":"get_weather","description":"Weather","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}}]}],
         "toolConfig":{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_weather"]}},
         "generationConfig":{"maxOutputTokens":1000,"temperature":0.5,"thinkingConfig":{"includeThoughts":true,"thinkingBudget":4096}}}
        """, GeminiJsonContext.Default.GeminiGenerateContentRequest)!;

    [Fact]
    public void The_hub_request_becomes_an_anthropic_request_with_signed_thinking_and_paired_tool_ids()
    {
        var request = GeminiToAnthropicRequest.Translate(Hub, "glm-4.6");
        var json = JsonNode.Parse(JsonSerializer.Serialize(request, AnthropicJsonContext.Default.AnthropicMessagesRequest))!;

        Assert.Equal("glm-4.6", json["model"]!.GetValue<string>());
        Assert.Equal("Be brief.", json["system"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(["user", "assistant", "user"], json["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
        var assistant = json["messages"]![1]!["content"]!.AsArray();
        Assert.Equal("thinking", assistant[0]!["type"]!.GetValue<string>());
        Assert.Equal("Use the tool.", assistant[0]!["thinking"]!.GetValue<string>());
        Assert.Equal("c2ln", assistant[0]!["signature"]!.GetValue<string>());
        var toolUse = assistant[1]!;
        Assert.Equal("Paris", toolUse["input"]!["city"]!.GetValue<string>());
        var followUp = json["messages"]![2]!["content"]!.AsArray();
        Assert.Equal(toolUse["id"]!.GetValue<string>(), followUp[0]!["tool_use_id"]!.GetValue<string>());
        Assert.Equal("Sunny", followUp[0]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("And tomorrow?", followUp[1]!["text"]!.GetValue<string>());
        Assert.Equal("string", json["tools"]![0]!["input_schema"]!["properties"]!["city"]!["type"]!.GetValue<string>());
        Assert.Equal("tool", json["tool_choice"]!["type"]!.GetValue<string>());
        Assert.Equal(4096, json["thinking"]!["budget_tokens"]!.GetValue<int>());
        Assert.True(json["max_tokens"]!.GetValue<int>() > 4096, "max_tokens must exceed the thinking budget");
        Assert.Null(json["temperature"]);
    }

    [Fact]
    public void The_hub_request_becomes_a_streaming_chat_request_with_paired_tool_ids()
    {
        var request = GeminiToOpenAiChatRequest.Translate(Hub, "deepseek-chat", stream: true);
        var json = JsonNode.Parse(JsonSerializer.Serialize(request, OpenAiJsonContext.Default.OpenAiChatRequest))!;

        Assert.Equal(["system", "user", "assistant", "tool", "user"], json["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
        var call = json["messages"]![2]!["tool_calls"]![0]!;
        Assert.Equal("{\"city\":\"Paris\"}", call["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal(call["id"]!.GetValue<string>(), json["messages"]![3]!["tool_call_id"]!.GetValue<string>());
        Assert.True(json["stream"]!.GetValue<bool>());
        Assert.True(json["stream_options"]!["include_usage"]!.GetValue<bool>());
        Assert.Equal("function", json["tool_choice"]!["type"]!.GetValue<string>());
        Assert.Equal("object", json["tools"]![0]!["function"]!["parameters"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void The_hub_request_for_a_client_that_does_not_stream_asks_for_one_whole_answer()
    {
        var request = GeminiToOpenAiChatRequest.Translate(Hub, "deepseek-chat", stream: false);
        var json = JsonNode.Parse(JsonSerializer.Serialize(request, OpenAiJsonContext.Default.OpenAiChatRequest))!;

        Assert.False(json["stream"]!.GetValue<bool>());
        Assert.Null(json["stream_options"]);
        Assert.Equal(["system", "user", "assistant", "tool", "user"], json["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
    }

    [Fact]
    public void An_anthropic_stream_decodes_into_text_thoughts_a_signature_one_tool_call_and_usage()
    {
        var events = Decode(new AnthropicEventDecoder(), [
            ("message_start", """{"type":"message_start","message":{"id":"msg_1","model":"glm-4.6","usage":{"input_tokens":12,"output_tokens":1}}}"""),
            ("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Hmm."}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"c2ln"}}"""),
            ("content_block_stop", """{"type":"content_block_stop","index":0}"""),
            ("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Checking."}}"""),
            ("content_block_start", """{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"ci"}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"ty\":\"Paris\"}"}}"""),
            ("content_block_stop", """{"type":"content_block_stop","index":2}"""),
            ("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":30}}"""),
            ("message_stop", """{"type":"message_stop"}"""),
        ]);

        var parts = events.SelectMany(e => e.Candidates?[0].Content?.Parts ?? []).ToList();
        Assert.Equal("Hmm.", Assert.Single(parts, p => p.Thought == true && p.Text is { Length: > 0 }).Text);
        Assert.Equal("c2ln", Assert.Single(parts, p => p.ThoughtSignature is not null).ThoughtSignature);
        Assert.Equal("Checking.", Assert.Single(parts, p => p.Thought != true && p.Text is { Length: > 0 }).Text);
        var call = Assert.Single(parts, p => p.FunctionCall is not null).FunctionCall!;
        Assert.Equal(("toolu_1", "get_weather", "Paris"), (call.Id, call.Name, call.Args!.Value.GetProperty("city").GetString()));
        Assert.Equal("STOP", events[^1].Candidates![0].FinishReason);
        Assert.Equal((12, 30), (events[^1].UsageMetadata!.PromptTokenCount, events[^1].UsageMetadata!.CandidatesTokenCount));
        Assert.Equal(12, events[0].UsageMetadata!.PromptTokenCount);
    }

    [Fact]
    public void An_error_event_in_an_anthropic_stream_ends_it_with_the_providers_message()
    {
        var decoder = new AnthropicEventDecoder();

        var error = Assert.Throws<UpstreamEventException>(() => Decode(decoder, [("error", """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""")]));

        Assert.Equal("Overloaded", error.Message);
    }

    [Fact]
    public void An_openai_stream_decodes_content_reasoning_fragmented_tool_calls_and_the_usage_chunk()
    {
        var events = Decode(new OpenAiChunkDecoder(), [
            (null, """{"id":"c1","model":"deepseek-chat","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Think."}}]}"""),
            (null, """{"id":"c1","choices":[{"index":0,"delta":{"content":"On it."}}]}"""),
            (null, """{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"ci"}}]}}]}"""),
            (null, """{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ty\":\"Paris\"}"}}]}}]}"""),
            (null, """{"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"""),
            (null, """{"id":"c1","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":7,"total_tokens":16}}"""),
        ]);

        var parts = events.SelectMany(e => e.Candidates?[0].Content?.Parts ?? []).ToList();
        Assert.Equal("Think.", Assert.Single(parts, p => p.Thought == true).Text);
        Assert.Equal("On it.", Assert.Single(parts, p => p.Text == "On it.").Text);
        var call = Assert.Single(parts, p => p.FunctionCall is not null).FunctionCall!;
        Assert.Equal(("call_1", "get_weather", "Paris"), (call.Id, call.Name, call.Args!.Value.GetProperty("city").GetString()));
        Assert.Equal("STOP", events.Single(e => e.Candidates?[0].FinishReason is not null).Candidates![0].FinishReason);
        Assert.Equal((9, 7, 16), (events[^1].UsageMetadata!.PromptTokenCount, events[^1].UsageMetadata!.CandidatesTokenCount, events[^1].UsageMetadata!.TotalTokenCount));
    }

    [Fact]
    public void A_whole_openai_answer_decodes_like_its_stream_reasoning_text_tool_calls_finish_and_usage()
    {
        var events = Decode(new OpenAiChunkDecoder(), [(null, """
            {"id":"c2","object":"chat.completion","model":"deepseek-chat","choices":[{"index":0,"message":{"role":"assistant",
            "reasoning_content":"Think.","content":"On it.","tool_calls":[
            {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
            {"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{\"zone\":\"CET\"}"}}]},
            "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":9,"completion_tokens":7,"total_tokens":16}}
            """)]);

        var parts = events.SelectMany(e => e.Candidates?[0].Content?.Parts ?? []).ToList();
        Assert.Equal("Think.", Assert.Single(parts, p => p.Thought == true).Text);
        Assert.Equal("On it.", Assert.Single(parts, p => p.Text == "On it.").Text);
        var calls = parts.Where(p => p.FunctionCall is not null).Select(p => p.FunctionCall!).ToList();
        Assert.Equal(["call_1", "call_2"], calls.Select(c => c.Id));
        Assert.Equal("Paris", calls[0].Args!.Value.GetProperty("city").GetString());
        Assert.Equal("CET", calls[1].Args!.Value.GetProperty("zone").GetString());
        Assert.Equal("STOP", events[^1].Candidates![0].FinishReason);
        Assert.Equal((9, 7, 16), (events[^1].UsageMetadata!.PromptTokenCount, events[^1].UsageMetadata!.CandidatesTokenCount, events[^1].UsageMetadata!.TotalTokenCount));
    }

    [Fact]
    public void An_openai_stream_that_ends_without_a_finish_reason_still_delivers_its_tool_calls()
    {
        var decoder = new OpenAiChunkDecoder();
        var events = Decode(decoder, [(null, """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_9","function":{"name":"f","arguments":"{}"}}]}}]}""")]);
        decoder.Complete(events);

        Assert.Equal("f", Assert.Single(events.SelectMany(e => e.Candidates?[0].Content?.Parts ?? []), p => p.FunctionCall is not null).FunctionCall!.Name);
    }

    private static List<GeminiGenerateContentResponse> Decode(IUpstreamDecoder decoder, IEnumerable<(string? Event, string Data)> stream)
    {
        var events = new List<GeminiGenerateContentResponse>();
        foreach (var (name, data) in stream)
        {
            decoder.Decode(name, Encoding.UTF8.GetBytes(data), events);
        }
        return events;
    }
}
