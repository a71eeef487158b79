using System.Buffers;
using System.Text;
using System.Text.Json;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Sse;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Usage;

namespace Antigravity.Protocols.Responses;

/// <summary>
/// Translates a stream of Gemini response events into Responses API server-sent events:
/// <c>response.created</c>, <c>response.in_progress</c>, then per output item <c>response.output_item.added</c> …
/// <c>response.output_item.done</c> (reasoning summary, message text, function call arguments), and finally
/// <c>response.completed</c> / <c>response.incomplete</c> with usage, or <c>response.failed</c>. Every event carries
/// a <c>sequence_number</c> one higher than the last; item ids and indexes are consistent across events.
/// </summary>
public sealed class ResponsesStreamWriter(ResponsesContext context)
{
    // Event names as UTF-8, made once: no per-token encoding.
    private static readonly Dictionary<string, byte[]> EventNames = new[]
    {
        "response.created", "response.in_progress", "response.completed", "response.incomplete", "response.failed",
        "response.output_item.added", "response.output_item.done", "response.content_part.added", "response.content_part.done",
        "response.output_text.delta", "response.output_text.done", "response.function_call_arguments.delta",
        "response.function_call_arguments.done", "response.reasoning_summary_part.added", "response.reasoning_summary_part.done",
        "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done",
        "response.output_text.annotation.added", "response.web_search_call.in_progress", "response.web_search_call.searching",
        "response.web_search_call.completed",
    }.ToDictionary(name => name, name => Encoding.UTF8.GetBytes(name), StringComparer.Ordinal);

    private readonly SseJsonFrame _frame = new();
    private readonly List<ResponsesOutputItem> _done = [];
    private readonly List<ToolCallSignature> _signatures = [];
    private readonly StringBuilder _text = new();

    // The whole answer text so far, which grounding offsets count in, and where the open message began in it.
    private readonly StringBuilder _answer = new();
    private int _messageStart;
    private JsonElement? _grounding;
    private int _sequence;
    private bool _started;
    private bool _completed;
    private string? _finishReason;
    private string? _pendingSignature;

    private OpenItem _open = OpenItem.None;
    private string _openId = "";

    private enum OpenItem
    {
        None,
        Reasoning,
        Message,
    }

    /// <summary>Usage so far (the last upstream count wins).</summary>
    public TokenUsage Usage { get; private set; }

    /// <summary>Signatures of the function calls streamed so far, for the signature cache.</summary>
    public IReadOnlyList<ToolCallSignature> Signatures => _signatures;

    /// <summary>The output items finished so far (what a stored response keeps).</summary>
    public IReadOnlyList<ResponsesOutputItem> Output => _done;

    /// <summary>The final response object, once <see cref="Complete"/> ran.</summary>
    public ResponsesResponse? Final { get; private set; }

    /// <summary>Translates one upstream event.</summary>
    public void WriteEvent(GeminiGenerateContentResponse upstreamEvent, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(upstreamEvent);
        ArgumentNullException.ThrowIfNull(output);
        if (upstreamEvent.UsageMetadata is { } usage)
        {
            Usage = TokenUsage.FromGemini(usage);
        }

        EnsureStarted(output);
        if (_completed)
        {
            return;
        }

        var candidate = upstreamEvent.Candidates is { Count: > 0 } candidates ? candidates[0] : null;
        foreach (var part in candidate?.Content?.Parts ?? [])
        {
            WritePart(part, output);
        }

        _grounding = candidate?.GroundingMetadata ?? _grounding;

        if (candidate?.FinishReason is { } reason)
        {
            _finishReason = reason;
        }
        else if (candidate is null && upstreamEvent.PromptFeedback?.BlockReason is not null)
        {
            _finishReason ??= "SAFETY";
        }
    }

    /// <summary>Closes the open item and writes the terminal event.</summary>
    public void Complete(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        EnsureStarted(output);
        if (_completed)
        {
            return;
        }

        var search = Grounding.WebGrounding.From(_grounding);
        CloseOpen(output, annotations: search is null ? null : WriteAnnotations(search, output));
        if (search is not null)
        {
            WriteSearchCalls(search, output);
        }

        _completed = true;
        var (status, eventName, incomplete) = _finishReason switch
        {
            "MAX_TOKENS" => ("incomplete", "response.incomplete", new ResponsesIncompleteDetails("max_output_tokens")),
            _ when Translation.FinishReasons.IsBlocked(_finishReason) => ("incomplete", "response.incomplete", new ResponsesIncompleteDetails("content_filter")),
            _ => ("completed", "response.completed", (ResponsesIncompleteDetails?)null),
        };
        Final = context.Create(status, [.. _done], Usage, incomplete: incomplete);
        WriteResponseEvent(output, eventName, Final);
    }

    /// <summary>Ends a stream that broke after the first byte with <c>response.failed</c>.</summary>
    public void WriteError(IBufferWriter<byte> output, string message)
    {
        ArgumentNullException.ThrowIfNull(output);
        EnsureStarted(output);
        if (_completed)
        {
            return;
        }

        // The item being written when the upstream broke ends as incomplete, so every added item is also done.
        CloseOpen(output, interrupted: true);
        _completed = true;
        WriteResponseEvent(output, "response.failed", context.Create("failed", [.. _done], Usage, error: new ResponsesError("server_error", message)));
    }

    private void EnsureStarted(IBufferWriter<byte> output)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        var inProgress = context.Create("in_progress", []);
        WriteResponseEvent(output, "response.created", inProgress);
        WriteResponseEvent(output, "response.in_progress", inProgress);
    }

    private void WritePart(GeminiPart part, IBufferWriter<byte> output)
    {
        if (part.FunctionCall is { } call)
        {
            WriteFunctionCall(call, part.ThoughtSignature ?? _pendingSignature, output);
            _pendingSignature = null;
            return;
        }

        if (part.Thought == true)
        {
            if (!string.IsNullOrEmpty(part.ThoughtSignature))
            {
                _pendingSignature = part.ThoughtSignature;
            }

            if (!string.IsNullOrEmpty(part.Text))
            {
                if (_open != OpenItem.Reasoning)
                {
                    OpenReasoning(output);
                }

                _text.Append(part.Text);
                var writer = Begin(output, "response.reasoning_summary_text.delta");
                writer.WriteString("item_id", _openId);
                writer.WriteNumber("output_index", _done.Count);
                writer.WriteNumber("summary_index", 0);
                writer.WriteString("delta", part.Text);
                End(output, writer);
            }

            return;
        }

        if (!string.IsNullOrEmpty(part.Text))
        {
            if (_open != OpenItem.Message)
            {
                OpenMessage(output);
            }

            _text.Append(part.Text);
            _answer.Append(part.Text);
            var writer = Begin(output, "response.output_text.delta");
            writer.WriteString("item_id", _openId);
            writer.WriteNumber("output_index", _done.Count);
            writer.WriteNumber("content_index", 0);
            writer.WriteString("delta", part.Text);
            writer.WriteStartArray("logprobs");
            writer.WriteEndArray();
            End(output, writer);
        }
    }

    private void OpenReasoning(IBufferWriter<byte> output)
    {
        CloseOpen(output);
        _open = OpenItem.Reasoning;
        _openId = ResponsesContext.NewItemId("rs");
        WriteItemEvent(output, "response.output_item.added", new ResponsesOutputItem { Type = "reasoning", Id = _openId, Summary = [] });
        var writer = Begin(output, "response.reasoning_summary_part.added");
        writer.WriteString("item_id", _openId);
        writer.WriteNumber("output_index", _done.Count);
        writer.WriteNumber("summary_index", 0);
        WritePart(writer, "part", "summary_text", "");
        End(output, writer);
    }

    private void OpenMessage(IBufferWriter<byte> output)
    {
        CloseOpen(output);
        _open = OpenItem.Message;
        _openId = ResponsesContext.NewItemId("msg");
        _messageStart = _answer.Length;
        WriteItemEvent(output, "response.output_item.added",
            new ResponsesOutputItem { Type = "message", Id = _openId, Status = "in_progress", Role = "assistant", Content = [] });
        var writer = Begin(output, "response.content_part.added");
        writer.WriteString("item_id", _openId);
        writer.WriteNumber("output_index", _done.Count);
        writer.WriteNumber("content_index", 0);
        WritePart(writer, "part", "output_text", "");
        End(output, writer);
    }

    private void CloseOpen(IBufferWriter<byte> output, bool interrupted = false, IReadOnlyList<ResponsesAnnotation>? annotations = null)
    {
        var text = _text.ToString();
        _text.Clear();
        switch (_open)
        {
            case OpenItem.Reasoning:
            {
                var writer = Begin(output, "response.reasoning_summary_text.done");
                writer.WriteString("item_id", _openId);
                writer.WriteNumber("output_index", _done.Count);
                writer.WriteNumber("summary_index", 0);
                writer.WriteString("text", text);
                End(output, writer);
                writer = Begin(output, "response.reasoning_summary_part.done");
                writer.WriteString("item_id", _openId);
                writer.WriteNumber("output_index", _done.Count);
                writer.WriteNumber("summary_index", 0);
                WritePart(writer, "part", "summary_text", text);
                End(output, writer);
                // A signature seen in the thoughts travels with the item so the client can send it back.
                Finish(output, new ResponsesOutputItem
                {
                    Type = "reasoning",
                    Id = _openId,
                    Summary = [new ResponsesSummaryPart { Text = text }],
                    EncryptedContent = _pendingSignature,
                });
                break;
            }
            case OpenItem.Message:
            {
                var writer = Begin(output, "response.output_text.done");
                writer.WriteString("item_id", _openId);
                writer.WriteNumber("output_index", _done.Count);
                writer.WriteNumber("content_index", 0);
                writer.WriteString("text", text);
                writer.WriteStartArray("logprobs");
                writer.WriteEndArray();
                End(output, writer);
                writer = Begin(output, "response.content_part.done");
                writer.WriteString("item_id", _openId);
                writer.WriteNumber("output_index", _done.Count);
                writer.WriteNumber("content_index", 0);
                WritePart(writer, "part", "output_text", text, annotations);
                End(output, writer);
                Finish(output, new ResponsesOutputItem
                {
                    Type = "message",
                    Id = _openId,
                    Status = interrupted ? "incomplete" : "completed",
                    Role = "assistant",
                    Content = [new ResponsesOutputContent { Text = text, Annotations = annotations ?? [] }],
                });
                break;
            }
        }

        _open = OpenItem.None;
    }

    private void WriteFunctionCall(GeminiFunctionCall call, string? signature, IBufferWriter<byte> output)
    {
        CloseOpen(output);
        var itemId = ResponsesContext.NewItemId("fc");
        var callId = ToolCallIds.For(call.Id, ToolCallIds.OpenAiPrefix, context.Id, _done.Count);
        var arguments = call.Args is { ValueKind: JsonValueKind.Object } args ? args.GetRawText() : "{}";
        if (!string.IsNullOrEmpty(signature))
        {
            _signatures.Add(new ToolCallSignature(callId, signature));
        }

        WriteItemEvent(output, "response.output_item.added", new ResponsesOutputItem
        {
            Type = "function_call",
            Id = itemId,
            Status = "in_progress",
            CallId = callId,
            Name = call.Name,
            Arguments = "",
        });
        var writer = Begin(output, "response.function_call_arguments.delta");
        writer.WriteString("item_id", itemId);
        writer.WriteNumber("output_index", _done.Count);
        writer.WriteString("delta", arguments);
        End(output, writer);
        writer = Begin(output, "response.function_call_arguments.done");
        writer.WriteString("item_id", itemId);
        writer.WriteNumber("output_index", _done.Count);
        writer.WriteString("arguments", arguments);
        End(output, writer);
        Finish(output, new ResponsesOutputItem
        {
            Type = "function_call",
            Id = itemId,
            Status = "completed",
            CallId = callId,
            Name = call.Name,
            Arguments = arguments,
        });
    }

    private void Finish(IBufferWriter<byte> output, ResponsesOutputItem item)
    {
        WriteItemEvent(output, "response.output_item.done", item);
        _done.Add(item);
    }

    private void WriteItemEvent(IBufferWriter<byte> output, string type, ResponsesOutputItem item)
    {
        var writer = Begin(output, type);
        writer.WriteNumber("output_index", _done.Count);
        writer.WritePropertyName("item");
        JsonSerializer.Serialize(writer, item, ResponsesJsonContext.Default.ResponsesOutputItem);
        End(output, writer);
    }

    private void WriteResponseEvent(IBufferWriter<byte> output, string type, ResponsesResponse response)
    {
        var writer = Begin(output, type);
        writer.WritePropertyName("response");
        JsonSerializer.Serialize(writer, response, ResponsesJsonContext.Default.ResponsesResponse);
        End(output, writer);
    }

    /// <summary>
    /// The citations that fall in the open message, each announced with <c>response.output_text.annotation.added</c>
    /// (indices relative to the message's text); none when no message is open any more.
    /// </summary>
    private List<ResponsesAnnotation>? WriteAnnotations(Grounding.WebGrounding search, IBufferWriter<byte> output)
    {
        if (_open != OpenItem.Message)
        {
            return null;
        }

        var annotations = new List<ResponsesAnnotation>();
        foreach (var citation in search.Cite(_answer.ToString()))
        {
            if (citation.Start < _messageStart)
            {
                continue;
            }

            var annotation = ResponsesAnnotation.From([citation with { Start = citation.Start - _messageStart, End = citation.End - _messageStart }])[0];
            var writer = Begin(output, "response.output_text.annotation.added");
            writer.WriteString("item_id", _openId);
            writer.WriteNumber("output_index", _done.Count);
            writer.WriteNumber("content_index", 0);
            writer.WriteNumber("annotation_index", annotations.Count);
            writer.WritePropertyName("annotation");
            JsonSerializer.Serialize(writer, annotation, ResponsesJsonContext.Default.ResponsesAnnotation);
            End(output, writer);
            annotations.Add(annotation);
        }

        return annotations;
    }

    /// <summary>One <c>web_search_call</c> item per query, with its in-progress → searching → completed events.</summary>
    private void WriteSearchCalls(Grounding.WebGrounding search, IBufferWriter<byte> output)
    {
        foreach (var item in ResponsesWebSearchAction.Items(search))
        {
            WriteItemEvent(output, "response.output_item.added", item with { Status = "in_progress" });
            foreach (var phase in (ReadOnlySpan<string>)["response.web_search_call.in_progress", "response.web_search_call.searching", "response.web_search_call.completed"])
            {
                var writer = Begin(output, phase);
                writer.WriteNumber("output_index", _done.Count);
                writer.WriteString("item_id", item.Id);
                End(output, writer);
            }

            Finish(output, item);
        }
    }

    private static void WritePart(Utf8JsonWriter writer, string property, string type, string text, IReadOnlyList<ResponsesAnnotation>? annotations = null)
    {
        writer.WriteStartObject(property);
        writer.WriteString("type", type);
        writer.WriteString("text", text);
        if (type == "output_text")
        {
            writer.WritePropertyName("annotations");
            JsonSerializer.Serialize(writer, annotations ?? [], ResponsesJsonContext.Default.IReadOnlyListResponsesAnnotation);
        }

        writer.WriteEndObject();
    }

    private Utf8JsonWriter Begin(IBufferWriter<byte> output, string type)
    {
        var writer = _frame.BeginEvent(output, EventNames[type]);
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteNumber("sequence_number", _sequence++);
        return writer;
    }

    private void End(IBufferWriter<byte> output, Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        _frame.End(output);
    }
}
