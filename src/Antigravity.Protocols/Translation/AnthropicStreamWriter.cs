using System.Buffers;
using System.Text.Json;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Sse;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Usage;

namespace Antigravity.Protocols.Translation;

/// <summary>
/// Streams a Gemini answer to an Anthropic client (Claude Code) as Messages SSE events, as a state machine:
/// exactly one <c>message_start</c> (with usage) and a <c>ping</c>; then blocks with consecutive indexes,
/// each <c>content_block_start</c> → deltas → <c>content_block_stop</c>, a new block whenever the kind changes
/// (text never lands in a thinking block); thought signatures as <c>signature_delta</c>; each function call a
/// <c>tool_use</c> block whose single <c>input_json_delta</c> carries the complete arguments (never empty:
/// <c>{}</c> at least); finally <c>message_delta</c> (<c>stop_reason</c>, usage) and <c>message_stop</c>.
/// One instance per response; not thread-safe.
/// </summary>
public sealed class AnthropicStreamWriter
{
    private readonly ResponseTranslationOptions _options;
    private readonly SseJsonFrame _frame = new();
    private readonly List<ToolCallSignature> _signatures = [];
    private BlockKind _open;
    private bool _openThinkingSigned;
    private int _nextIndex;
    private int _toolCalls;
    private string? _finishReason;
    private bool _started;
    private bool _completed;

    // The whole answer text so far (grounding offsets count in it) and where the open text block began in it.
    private readonly System.Text.StringBuilder _answer = new();
    private int _textStart;
    private JsonElement? _grounding;

    /// <summary>Creates a writer for one response.</summary>
    public AnthropicStreamWriter(ResponseTranslationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    private enum BlockKind
    {
        None,
        Text,
        Thinking,
    }

    /// <summary>Usage so far (Gemini reports cumulative counts; the last one wins).</summary>
    public TokenUsage Usage { get; private set; }

    /// <summary>Signatures of the tool calls streamed so far, to store in the cache.</summary>
    public IReadOnlyList<ToolCallSignature> Signatures => _signatures;

    /// <summary>True once the upstream has sent a finish reason.</summary>
    public bool IsFinished => _finishReason is not null;

    /// <summary>Translates one upstream event (already unwrapped, see <see cref="CloudCodeEnvelope.ParseResponse"/>).</summary>
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
        if (candidate is null)
        {
            if (upstreamEvent.PromptFeedback?.BlockReason is not null)
            {
                _finishReason ??= "SAFETY";
            }

            return;
        }

        foreach (var part in candidate.Content?.Parts ?? [])
        {
            WritePart(part, output);
        }

        _grounding = candidate.GroundingMetadata ?? _grounding;
        if (candidate.FinishReason is { } reason)
        {
            _finishReason = reason;
        }
    }

    /// <summary>Ends the stream: closes the open block, then <c>message_delta</c> and <c>message_stop</c>.</summary>
    public void Complete(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        EnsureStarted(output);
        if (_completed)
        {
            return;
        }

        _completed = true;
        var search = Grounding.WebGrounding.From(_grounding);
        if (search is not null)
        {
            WriteCitations(search, output);
        }

        CloseBlock(output);
        if (search is not null)
        {
            // Google says what it searched only once the answer is written, so the searches follow the text here.
            WriteSearches(search, output);
        }

        var writer = _frame.BeginEvent(output, "message_delta"u8);
        writer.WriteStartObject();
        writer.WriteString("type", "message_delta");
        writer.WriteStartObject("delta");
        writer.WriteString("stop_reason", FinishReasons.ToAnthropic(_finishReason, _toolCalls > 0));
        writer.WriteNull("stop_sequence");
        writer.WriteEndObject();
        writer.WritePropertyName("usage");
        JsonSerializer.Serialize(writer, Usage.ToAnthropic() with { ServerToolUse = AnthropicWebSearch.Usage(search) }, AnthropicJsonContext.Default.AnthropicUsage);
        writer.WriteEndObject();
        _frame.End(output);

        writer = _frame.BeginEvent(output, "message_stop"u8);
        writer.WriteStartObject();
        writer.WriteString("type", "message_stop");
        writer.WriteEndObject();
        _frame.End(output);
    }

    /// <summary>Writes <c>event: ping</c> (keep-alive during long upstream silences).</summary>
    public void WritePing(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = _frame.BeginEvent(output, "ping"u8);
        writer.WriteStartObject();
        writer.WriteString("type", "ping");
        writer.WriteEndObject();
        _frame.End(output);
    }

    /// <summary>
    /// Ends a stream that failed after the first byte with
    /// <c>event: error</c> <c>{"type":"error","error":{"type","message"}}</c>; use
    /// <see cref="AnthropicErrorBody.Overloaded"/> for capacity/rate problems, <see cref="AnthropicErrorBody.Api"/> otherwise.
    /// </summary>
    public void WriteError(IBufferWriter<byte> output, string errorType, string message)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(errorType);
        ArgumentNullException.ThrowIfNull(message);
        _completed = true;
        AnthropicErrorBody.Write(_frame.BeginEvent(output, "error"u8), errorType, message);
        _frame.End(output);
    }

    private void EnsureStarted(IBufferWriter<byte> output)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        var writer = _frame.BeginEvent(output, "message_start"u8);
        writer.WriteStartObject();
        writer.WriteString("type", "message_start");
        writer.WriteStartObject("message");
        writer.WriteString("id", _options.Id);
        writer.WriteString("type", "message");
        writer.WriteString("role", "assistant");
        writer.WriteString("model", _options.Model);
        writer.WriteStartArray("content");
        writer.WriteEndArray();
        writer.WriteNull("stop_reason");
        writer.WriteNull("stop_sequence");
        writer.WritePropertyName("usage");
        JsonSerializer.Serialize(writer, Usage.ToAnthropic() with { OutputTokens = 0 }, AnthropicJsonContext.Default.AnthropicUsage);
        writer.WriteEndObject();
        writer.WriteEndObject();
        _frame.End(output);
        WritePing(output);
    }

    private void WritePart(GeminiPart part, IBufferWriter<byte> output)
    {
        if (part.FunctionCall is { } call)
        {
            WriteToolUse(call, part.ThoughtSignature, output);
        }
        else if (part.Thought == true)
        {
            if (!string.IsNullOrEmpty(part.Text))
            {
                if (_open != BlockKind.Thinking || _openThinkingSigned)
                {
                    OpenThinking(output);
                }

                WriteDelta(output, "thinking_delta", "thinking", part.Text);
            }

            if (!string.IsNullOrEmpty(part.ThoughtSignature))
            {
                if (_open != BlockKind.Thinking || _openThinkingSigned)
                {
                    OpenThinking(output);
                }

                WriteDelta(output, "signature_delta", "signature", part.ThoughtSignature);
                _openThinkingSigned = true;
            }
        }
        else if (part.Text is { } text)
        {
            if (text.Length == 0)
            {
                // A signature-only part right after thoughts closes the thinking block it belongs to.
                if (!string.IsNullOrEmpty(part.ThoughtSignature) && _open == BlockKind.Thinking && !_openThinkingSigned)
                {
                    WriteDelta(output, "signature_delta", "signature", part.ThoughtSignature);
                    _openThinkingSigned = true;
                }

                return;
            }

            WriteText(text, output);
        }
        else if (part.InlineData is { } blob)
        {
            WriteText(GeminiToOpenAi.MarkdownImage(blob), output);
        }
    }

    private void WriteText(string text, IBufferWriter<byte> output)
    {
        if (_open != BlockKind.Text)
        {
            CloseBlock(output);
            _textStart = _answer.Length;
            var writer = BeginBlockStart(output);
            writer.WriteString("type", "text");
            writer.WriteString("text", "");
            EndBlockStart(writer, output);
            _open = BlockKind.Text;
        }

        _answer.Append(text);
        WriteDelta(output, "text_delta", "text", text);
    }

    /// <summary>A <c>citations_delta</c> on the open text block for each citation of a span inside it.</summary>
    private void WriteCitations(Grounding.WebGrounding search, IBufferWriter<byte> output)
    {
        if (_open != BlockKind.Text)
        {
            return;
        }

        foreach (var citation in search.Cite(_answer.ToString()))
        {
            if (citation.Start < _textStart)
            {
                continue;
            }

            var writer = _frame.BeginEvent(output, "content_block_delta"u8);
            writer.WriteStartObject();
            writer.WriteString("type", "content_block_delta");
            writer.WriteNumber("index", _nextIndex);
            writer.WriteStartObject("delta");
            writer.WriteString("type", "citations_delta");
            writer.WritePropertyName("citation");
            JsonSerializer.Serialize(writer, AnthropicWebSearch.Citation(citation), AnthropicJsonContext.Default.AnthropicCitation);
            writer.WriteEndObject();
            writer.WriteEndObject();
            _frame.End(output);
        }
    }

    /// <summary>Each search as a <c>server_tool_use</c> block (its query as one input delta) and its <c>web_search_tool_result</c> block.</summary>
    private void WriteSearches(Grounding.WebGrounding search, IBufferWriter<byte> output)
    {
        foreach (var item in AnthropicWebSearch.Searches(search, _options.Id))
        {
            var writer = BeginBlockStart(output);
            writer.WriteString("type", "server_tool_use");
            writer.WriteString("id", item.Id);
            writer.WriteString("name", AnthropicWebSearch.ToolName);
            writer.WriteStartObject("caller");
            writer.WriteString("type", "direct");
            writer.WriteEndObject();
            writer.WriteStartObject("input");
            writer.WriteEndObject();
            EndBlockStart(writer, output);
            WriteDelta(output, "input_json_delta", "partial_json", AnthropicWebSearch.QueryInput(item.Query).GetRawText());
            WriteBlockStop(output);

            writer = BeginBlockStart(output);
            writer.WriteString("type", "web_search_tool_result");
            writer.WriteString("tool_use_id", item.Id);
            writer.WriteStartObject("caller");
            writer.WriteString("type", "direct");
            writer.WriteEndObject();
            writer.WriteStartArray("content");
            foreach (var result in item.Results)
            {
                JsonSerializer.Serialize(writer, result, AnthropicJsonContext.Default.AnthropicContentBlock);
            }

            writer.WriteEndArray();
            EndBlockStart(writer, output);
            WriteBlockStop(output);
        }
    }

    private void OpenThinking(IBufferWriter<byte> output)
    {
        CloseBlock(output);
        var writer = BeginBlockStart(output);
        writer.WriteString("type", "thinking");
        writer.WriteString("thinking", "");
        writer.WriteString("signature", "");
        EndBlockStart(writer, output);
        _open = BlockKind.Thinking;
        _openThinkingSigned = false;
    }

    private void WriteToolUse(GeminiFunctionCall call, string? signature, IBufferWriter<byte> output)
    {
        CloseBlock(output);
        var id = ToolCallIds.For(call.Id, ToolCallIds.AnthropicPrefix, _options.Id, _toolCalls++);
        if (!string.IsNullOrEmpty(signature))
        {
            _signatures.Add(new ToolCallSignature(id, signature));
            if (_options.EmitSignatureCarrierBlocks)
            {
                OpenThinking(output);
                WriteDelta(output, "signature_delta", "signature", signature);
                CloseBlock(output);
            }
        }

        var writer = BeginBlockStart(output);
        writer.WriteString("type", "tool_use");
        writer.WriteString("id", id);
        writer.WriteString("name", call.Name);
        writer.WriteStartObject("caller");
        writer.WriteString("type", "direct");
        writer.WriteEndObject();
        writer.WriteStartObject("input");
        writer.WriteEndObject();
        EndBlockStart(writer, output);
        WriteDelta(output, "input_json_delta", "partial_json", GeminiToOpenAi.ArgumentsJson(call.Args));
        WriteBlockStop(output);
    }

    private Utf8JsonWriter BeginBlockStart(IBufferWriter<byte> output)
    {
        var writer = _frame.BeginEvent(output, "content_block_start"u8);
        writer.WriteStartObject();
        writer.WriteString("type", "content_block_start");
        writer.WriteNumber("index", _nextIndex);
        writer.WriteStartObject("content_block");
        return writer;
    }

    private void EndBlockStart(Utf8JsonWriter writer, IBufferWriter<byte> output)
    {
        writer.WriteEndObject();
        writer.WriteEndObject();
        _frame.End(output);
    }

    private void WriteDelta(IBufferWriter<byte> output, string deltaType, string field, string value)
    {
        var writer = _frame.BeginEvent(output, "content_block_delta"u8);
        writer.WriteStartObject();
        writer.WriteString("type", "content_block_delta");
        writer.WriteNumber("index", _nextIndex);
        writer.WriteStartObject("delta");
        writer.WriteString("type", deltaType);
        writer.WriteString(field, value);
        writer.WriteEndObject();
        writer.WriteEndObject();
        _frame.End(output);
    }

    private void CloseBlock(IBufferWriter<byte> output)
    {
        if (_open == BlockKind.None)
        {
            return;
        }

        WriteBlockStop(output);
    }

    private void WriteBlockStop(IBufferWriter<byte> output)
    {
        var writer = _frame.BeginEvent(output, "content_block_stop"u8);
        writer.WriteStartObject();
        writer.WriteString("type", "content_block_stop");
        writer.WriteNumber("index", _nextIndex);
        writer.WriteEndObject();
        _frame.End(output);
        _nextIndex++;
        _open = BlockKind.None;
        _openThinkingSigned = false;
    }
}
