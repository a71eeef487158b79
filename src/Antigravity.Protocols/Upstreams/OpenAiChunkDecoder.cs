using System.Text;
using System.Text.Json;
using static Antigravity.Protocols.Upstreams.UpstreamJson;
using Antigravity.Protocols.Gemini;

namespace Antigravity.Protocols.Upstreams;

/// <summary>
/// OpenAI <c>chat.completion.chunk</c> events → Gemini events: content and reasoning deltas become parts as they
/// arrive; tool-call fragments are gathered per index and become <c>functionCall</c> parts when the choice
/// finishes (or the stream ends); the usage chunk becomes <c>usageMetadata</c>. An <c>error</c> chunk ends the
/// stream with an exception. A whole <c>chat.completion</c> answer decodes the same way, as one event whose
/// <c>message</c> is the only delta.
/// </summary>
public sealed class OpenAiChunkDecoder : IUpstreamDecoder
{
    private readonly SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)> _calls = [];
    private string? _id;
    private string? _model;
    private bool _finished;

    /// <inheritdoc />
    public void Decode(string? eventType, ReadOnlySpan<byte> data, List<GeminiGenerateContentResponse> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using (var document = UpstreamJson.Parse(data))
        {
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                throw new UpstreamEventException(Text(error, "message") ?? "The upstream reported an error in the stream.");
            }

            _id ??= Text(root, "id");
            _model ??= Text(root, "model");
            if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
            {
                var choice = choices[0];
                if ((choice.TryGetProperty("delta", out var delta) || choice.TryGetProperty("message", out delta)) && delta.ValueKind == JsonValueKind.Object)
                {
                    if ((Text(delta, "reasoning_content") ?? Text(delta, "reasoning")) is { Length: > 0 } reasoning)
                    {
                        output.Add(Event([new GeminiPart { Thought = true, Text = reasoning }], null, null));
                    }

                    if (Text(delta, "content") is { Length: > 0 } text)
                    {
                        output.Add(Event([new GeminiPart { Text = text }], null, null));
                    }

                    if (delta.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var call in toolCalls.EnumerateArray())
                        {
                            var index = call.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : _calls.Count;
                            var entry = _calls.TryGetValue(index, out var existing) ? existing : (null, null, new StringBuilder());
                            var function = call.TryGetProperty("function", out var f) ? f : default;
                            entry.Id ??= Text(call, "id");
                            entry.Name ??= Text(function, "name");
                            entry.Arguments.Append(Text(function, "arguments"));
                            _calls[index] = entry;
                        }
                    }
                }

                if (Text(choice, "finish_reason") is { } finish)
                {
                    var parts = TakeCalls();
                    _finished = true;
                    output.Add(Event(parts, FinishReason(finish), UsageOf(root)));
                    return;
                }
            }

            if (UsageOf(root) is { } usage)
            {
                output.Add(Event(null, null, usage));
            }
        }
    }

    /// <inheritdoc />
    public void Complete(List<GeminiGenerateContentResponse> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!_finished && _calls.Count > 0)
        {
            output.Add(Event(TakeCalls(), "STOP", null));
        }
    }

    /// <summary>Maps OpenAI's <c>finish_reason</c> to Gemini's <c>finishReason</c>.</summary>
    public static string FinishReason(string finishReason) => finishReason switch
    {
        "length" => "MAX_TOKENS",
        "content_filter" => "SAFETY",
        _ => "STOP",
    };

    private List<GeminiPart> TakeCalls()
    {
        var parts = _calls.Values.Select(call => new GeminiPart
        {
            FunctionCall = new GeminiFunctionCall { Id = call.Id, Name = call.Name, Args = ParseArguments(call.Arguments) },
        }).ToList();
        _calls.Clear();
        return parts;
    }

    private GeminiGenerateContentResponse Event(IReadOnlyList<GeminiPart>? parts, string? finishReason, GeminiUsageMetadata? usage) =>
        UpstreamJson.Event(parts, finishReason, usage, _model, _id);

    /// <summary>The <c>usage</c> of a chunk or of a whole answer, as Gemini usage; null when absent.</summary>
    internal static GeminiUsageMetadata? UsageOf(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var prompt = Int(usage, "prompt_tokens");
        var completion = Int(usage, "completion_tokens");
        var reasoning = usage.TryGetProperty("completion_tokens_details", out var details) ? Int(details, "reasoning_tokens") : 0;
        var cached = usage.TryGetProperty("prompt_tokens_details", out var promptDetails) ? Int(promptDetails, "cached_tokens") : 0;
        return new GeminiUsageMetadata
        {
            PromptTokenCount = prompt,
            CandidatesTokenCount = completion - reasoning,
            ThoughtsTokenCount = reasoning > 0 ? reasoning : null,
            CachedContentTokenCount = cached > 0 ? cached : null,
            TotalTokenCount = Int(usage, "total_tokens") is > 0 and var total ? total : prompt + completion,
        };
    }
}
