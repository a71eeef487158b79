using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Sse;

namespace Antigravity.Protocols.Tests.Translation;

/// <summary>
/// What Claude Code and the OpenAI SDKs rely on, checked on every stream independently of the goldens.
/// </summary>
internal static class StreamInvariants
{
    public static List<(string? Type, JsonNode? Data, string Raw)> Events(string sse)
    {
        var parser = new SseParser();
        parser.Append(Encoding.UTF8.GetBytes(sse));
        parser.Complete();
        var events = new List<(string?, JsonNode?, string)>();
        while (parser.TryRead(out var e))
        {
            var raw = Encoding.UTF8.GetString(e.Data.Span);
            events.Add((e.EventType, e.IsDone ? null : JsonNode.Parse(raw), raw));
        }

        return events;
    }

    public static void AssertAnthropic(string sse, bool failed)
    {
        var events = Events(sse);
        Assert.Equal("message_start", events[0].Type);
        Assert.Single(events, e => e.Type == "message_start");
        Assert.NotNull(events[0].Data!["message"]!["usage"]!["input_tokens"]);
        int? open = null;
        string? openType = null;
        var next = 0;
        foreach (var (type, data, _) in events)
        {
            Assert.Equal(type, data!["type"]!.GetValue<string>());
            switch (type)
            {
                case "content_block_start":
                    Assert.Null(open);
                    Assert.Equal(next, data["index"]!.GetValue<int>());
                    open = next;
                    openType = data["content_block"]!["type"]!.GetValue<string>();
                    break;
                case "content_block_delta":
                    Assert.Equal(open, data["index"]!.GetValue<int>());
                    var delta = data["delta"]!["type"]!.GetValue<string>();
                    var allowed = openType switch
                    {
                        "text" => delta is "text_delta" or "citations_delta",
                        "thinking" => delta is "thinking_delta" or "signature_delta",
                        "tool_use" or "server_tool_use" => delta == "input_json_delta",
                        _ => false,
                    };
                    Assert.True(allowed, $"{delta} inside a {openType} block");
                    if (delta == "input_json_delta")
                    {
                        Assert.IsType<JsonObject>(JsonNode.Parse(data["delta"]!["partial_json"]!.GetValue<string>()));
                    }

                    break;
                case "content_block_stop":
                    Assert.Equal(open, data["index"]!.GetValue<int>());
                    open = null;
                    next++;
                    break;
            }
        }

        if (failed)
        {
            Assert.Equal("error", events[^1].Type);
            return;
        }

        Assert.Null(open);
        Assert.Equal("message_delta", events[^2].Type);
        Assert.NotNull(events[^2].Data!["delta"]!["stop_reason"]);
        Assert.NotNull(events[^2].Data!["usage"]!["output_tokens"]);
        Assert.Equal("message_stop", events[^1].Type);
    }

    public static void AssertOpenAi(string sse, bool failed)
    {
        var events = Events(sse);
        if (failed)
        {
            Assert.NotNull(events[^1].Data!["error"]);
            Assert.DoesNotContain(events, e => e.Raw == "[DONE]");
            return;
        }

        Assert.Equal("[DONE]", events[^1].Raw);
        var finished = new HashSet<int>();
        var toolIndexes = new Dictionary<int, int>();
        foreach (var (_, data, raw) in events[..^1])
        {
            Assert.Equal("chat.completion.chunk", data!["object"]!.GetValue<string>());
            foreach (var choice in data["choices"]!.AsArray())
            {
                var index = choice!["index"]!.GetValue<int>();
                Assert.DoesNotContain(index, finished);
                if (choice["finish_reason"] is JsonValue)
                {
                    finished.Add(index);
                }

                foreach (var call in choice["delta"]!["tool_calls"]?.AsArray() ?? [])
                {
                    var expected = toolIndexes.GetValueOrDefault(index);
                    Assert.Equal(expected, call!["index"]!.GetValue<int>());
                    toolIndexes[index] = expected + 1;
                    Assert.False(string.IsNullOrEmpty(call["id"]!.GetValue<string>()));
                    Assert.IsType<JsonObject>(JsonNode.Parse(call["function"]!["arguments"]!.GetValue<string>()));
                }
            }
        }

        Assert.NotEmpty(finished);
    }

    /// <summary>Rebuilds the content blocks a client SDK would accumulate from an Anthropic stream.</summary>
    public static List<AnthropicContentBlock> FoldAnthropic(string sse)
    {
        var blocks = new List<AnthropicContentBlock>();
        var text = new StringBuilder();
        AnthropicContentBlock? current = null;
        foreach (var (type, data, _) in Events(sse))
        {
            switch (type)
            {
                case "content_block_start":
                    current = data!["content_block"].Deserialize(AnthropicJsonContext.Default.AnthropicContentBlock);
                    text.Clear();
                    break;
                case "content_block_delta":
                    var delta = data!["delta"]!;
                    switch (delta["type"]!.GetValue<string>())
                    {
                        case "text_delta":
                            text.Append(delta["text"]!.GetValue<string>());
                            break;
                        case "thinking_delta":
                            text.Append(delta["thinking"]!.GetValue<string>());
                            break;
                        case "signature_delta":
                            current = current! with { Signature = delta["signature"]!.GetValue<string>() };
                            break;
                        case "input_json_delta":
                            text.Append(delta["partial_json"]!.GetValue<string>());
                            break;
                        case "citations_delta":
                            current = current! with
                            {
                                Citations = [.. current.Citations ?? [], delta["citation"].Deserialize(AnthropicJsonContext.Default.AnthropicCitation)!],
                            };
                            break;
                    }

                    break;
                case "content_block_stop":
                    blocks.Add(current!.Type switch
                    {
                        "text" => current with { Text = text.ToString() },
                        "thinking" => current with { Thinking = text.ToString() },
                        "web_search_tool_result" => current,
                        _ => current with { Input = JsonDocument.Parse(text.ToString()).RootElement.Clone() },
                    });
                    break;
            }
        }

        return blocks;
    }
}
