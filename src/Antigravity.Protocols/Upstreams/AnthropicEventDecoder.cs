using System.Text;
using System.Text.Json;
using static Antigravity.Protocols.Upstreams.UpstreamJson;
using Antigravity.Protocols.Gemini;

namespace Antigravity.Protocols.Upstreams;

/// <summary>
/// Anthropic Messages SSE (<c>message_start</c> … <c>message_stop</c>) → Gemini events: text and thinking deltas
/// become parts as they arrive, a signature becomes an empty signed thought part (exactly how Cloud Code's
/// Claude models carry it), a tool call becomes one <c>functionCall</c> part when its block closes, and
/// <c>message_delta</c> brings the finish reason and usage. An <c>error</c> event ends the stream with an exception.
/// </summary>
public sealed class AnthropicEventDecoder : IUpstreamDecoder
{
    private readonly Dictionary<int, (string Id, string Name, StringBuilder Json)> _toolBlocks = [];
    private int _inputTokens;
    private int _cacheReadTokens;
    private string? _messageId;
    private string? _model;

    /// <inheritdoc />
    public void Decode(string? eventType, ReadOnlySpan<byte> data, List<GeminiGenerateContentResponse> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using (var document = UpstreamJson.Parse(data))
        {
            var root = document.RootElement;
            var type = root.TryGetProperty("type", out var t) ? t.GetString() : eventType;
            switch (type)
            {
                case "message_start":
                    var message = root.GetProperty("message");
                    _messageId = Text(message, "id");
                    _model = Text(message, "model");
                    if (message.TryGetProperty("usage", out var startUsage))
                    {
                        _inputTokens = Int(startUsage, "input_tokens") + Int(startUsage, "cache_creation_input_tokens") + Int(startUsage, "cache_read_input_tokens");
                        _cacheReadTokens = Int(startUsage, "cache_read_input_tokens");
                    }

                    output.Add(Event(null, null, Usage(0)));
                    break;
                case "content_block_start":
                    var block = root.GetProperty("content_block");
                    if (Text(block, "type") == "tool_use")
                    {
                        var json = new StringBuilder();
                        if (block.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object && input.EnumerateObject().Any())
                        {
                            json.Append(input.GetRawText());
                        }

                        _toolBlocks[Int(root, "index")] = (Text(block, "id") ?? "", Text(block, "name") ?? "", json);
                    }
                    else if (Text(block, "type") == "text" && Text(block, "text") is { Length: > 0 } initial)
                    {
                        output.Add(Event([new GeminiPart { Text = initial }], null, null));
                    }

                    break;
                case "content_block_delta":
                    var delta = root.GetProperty("delta");
                    switch (Text(delta, "type"))
                    {
                        case "text_delta":
                            output.Add(Event([new GeminiPart { Text = Text(delta, "text") }], null, null));
                            break;
                        case "thinking_delta":
                            output.Add(Event([new GeminiPart { Thought = true, Text = Text(delta, "thinking") }], null, null));
                            break;
                        case "signature_delta":
                            output.Add(Event([new GeminiPart { Thought = true, Text = "", ThoughtSignature = Text(delta, "signature") }], null, null));
                            break;
                        case "input_json_delta" when _toolBlocks.TryGetValue(Int(root, "index"), out var tool):
                            tool.Json.Append(Text(delta, "partial_json"));
                            break;
                    }

                    break;
                case "content_block_stop":
                    if (_toolBlocks.Remove(Int(root, "index"), out var finished))
                    {
                        output.Add(Event([new GeminiPart
                        {
                            FunctionCall = new GeminiFunctionCall { Id = finished.Id, Name = finished.Name, Args = ParseArguments(finished.Json) },
                        }], null, null));
                    }

                    break;
                case "message_delta":
                    var stopReason = root.TryGetProperty("delta", out var messageDelta) ? Text(messageDelta, "stop_reason") : null;
                    var outputTokens = root.TryGetProperty("usage", out var deltaUsage) ? Int(deltaUsage, "output_tokens") : 0;
                    output.Add(Event([], FinishReason(stopReason), Usage(outputTokens)));
                    break;
                case "error":
                    var error = root.TryGetProperty("error", out var e) ? e : root;
                    throw new UpstreamEventException(Text(error, "message") ?? "The upstream reported an error in the stream.");
            }
        }
    }

    /// <inheritdoc />
    public void Complete(List<GeminiGenerateContentResponse> output)
    {
        // A stream that ended inside a tool call is incomplete: the caller sees no finish reason.
    }

    /// <summary>Maps Anthropic's <c>stop_reason</c> to Gemini's <c>finishReason</c>.</summary>
    public static string FinishReason(string? stopReason) => stopReason switch
    {
        "max_tokens" or "model_context_window_exceeded" => "MAX_TOKENS",
        "refusal" => "SAFETY",
        _ => "STOP",
    };

    private GeminiGenerateContentResponse Event(IReadOnlyList<GeminiPart>? parts, string? finishReason, GeminiUsageMetadata? usage) =>
        UpstreamJson.Event(parts, finishReason, usage, _model, _messageId);

    private GeminiUsageMetadata Usage(int outputTokens) => new()
    {
        PromptTokenCount = _inputTokens,
        CandidatesTokenCount = outputTokens,
        CachedContentTokenCount = _cacheReadTokens > 0 ? _cacheReadTokens : null,
        TotalTokenCount = _inputTokens + outputTokens,
    };
}
