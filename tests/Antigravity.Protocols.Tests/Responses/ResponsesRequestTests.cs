using Antigravity.Protocols.Responses;

namespace Antigravity.Protocols.Tests.Responses;

/// <summary>Responses API requests as Codex and the SDKs send them, and the refusals that name the field.</summary>
public sealed class ResponsesRequestTests
{
    [Theory]
    [InlineData("""{"input":"x"}""", "model")]
    [InlineData("""{"model":"m"}""", "input")]
    [InlineData("""{"model":"m","input":5}""", "input")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"image_generation"}],"tool_choice":{"type":"image_generation"}}""", "tool_choice.type")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"namespace","name":"agents","tools":[{"type":"code_interpreter"}]}]}""", "tools[0].tools[0].type")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"function"}]}""", "tools[0].name")]
    [InlineData("""{"model":"m","input":[{"type":"function_call","name":"f","arguments":"{}"}]}""", "input[0].call_id")]
    [InlineData("""{"model":"m","input":[{"type":"function_call_output","call_id":"c"}]}""", "input[0].output")]
    [InlineData("""{"model":"m","input":[{"role":"robot","content":"x"}]}""", "input[0].role")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":[{"type":"input_image","image_url":"file:///etc/passwd"}]}]}""", "input[0].content[0].image_url")]
    [InlineData("""{"model":"m","input":"x","reasoning":{"effort":"maximum"}}""", "reasoning.effort")]
    [InlineData("""{"model":"m","input":"x","max_output_tokens":0}""", "max_output_tokens")]
    [InlineData("""{"model":"m","input":"x","temperature":"hot"}""", "temperature")]
    public void Bad_requests_name_the_field(string body, string field)
    {
        var result = ResponsesRequestParser.Parse(System.Text.Encoding.UTF8.GetBytes(body));

        Assert.False(result.IsSuccess);
        Assert.Equal(field, result.Error!.Field);
    }

    [Fact]
    public void Codex_style_input_becomes_a_chat_conversation_with_the_signature_on_the_call()
    {
        var body = """
            {"model":"gpt-5-codex","instructions":"Be brief.","store":false,"include":["reasoning.encrypted_content"],
             "tools":[{"type":"function","name":"exec_command","parameters":{"type":"object","properties":{"cmd":{"type":"string"}}}},
                      {"type":"namespace","name":"multi_agent_v1","tools":[{"type":"function","name":"spawn_agent","parameters":{"type":"object"}}]}],
             "input":[{"type":"message","role":"developer","content":[{"type":"input_text","text":"You are Codex."}]},
                      {"type":"message","role":"user","content":[{"type":"input_text","text":"List files"}]},
                      {"type":"reasoning","summary":[],"encrypted_content":"c2lnbmF0dXJl"},
                      {"type":"function_call","call_id":"call_1","name":"exec_command","arguments":"{\"cmd\":\"ls\"}"},
                      {"type":"function_call_output","call_id":"call_1","output":"a.txt"},
                      {"type":"web_search_call","id":"ws_1","status":"completed"}]}
            """;

        var parsed = ResponsesRequestParser.Parse(System.Text.Encoding.UTF8.GetBytes(body));
        var chat = ResponsesToChat.Translate(parsed.Value!, []);

        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        Assert.Equal(["developer", "developer", "user", "assistant", "tool"], chat.Messages!.Select(m => m!.Role));
        Assert.Equal("Be brief.", chat.Messages![0]!.Content![0].Text);
        var call = Assert.Single(chat.Messages![3]!.ToolCalls!);
        Assert.Equal("call_1", call!.Id);
        Assert.Equal("c2lnbmF0dXJl", call.ExtraContent!.Google!.ThoughtSignature);
        Assert.Equal("call_1", chat.Messages![4]!.ToolCallId);
        Assert.Equal(["exec_command", "spawn_agent"], chat.Tools!.Select(t => t!.Function!.Name));
    }

    [Fact]
    public void Stored_history_written_back_parses_to_the_same_items()
    {
        var items = ResponsesRequestParser.Parse("""
            {"model":"m","input":[{"role":"user","content":"hi"},{"type":"function_call","call_id":"c","name":"f","arguments":"{}"},
             {"type":"function_call_output","call_id":"c","output":"ok"},{"type":"reasoning","encrypted_content":"sig","summary":[{"type":"summary_text","text":"t"}]}]}
            """u8).Value!.Input;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            ResponsesItemsWriter.Write(writer, items);
        }

        using var document = System.Text.Json.JsonDocument.Parse(buffer.WrittenMemory);
        var again = ResponsesRequestParser.ParseItems(document.RootElement, "input");

        Assert.Equal(items.Count, again.Value!.Count);
        for (var i = 0; i < items.Count; i++)
        {
            Assert.Equal(items[i] with { Content = [] }, again.Value[i] with { Content = [] });
            Assert.Equal(items[i].Content, again.Value[i].Content);
        }
    }
}
