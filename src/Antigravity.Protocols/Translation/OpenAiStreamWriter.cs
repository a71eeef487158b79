using System.Buffers;
using System.Text.Json;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Sse;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Usage;

namespace Antigravity.Protocols.Translation;

/// <summary>
/// Streams a Gemini answer to an OpenAI client as <c>chat.completion.chunk</c> events. Feed each upstream
/// event to <see cref="WriteEvent"/> and flush what it wrote; end with <see cref="Complete"/> (finish chunk if
/// still owed, the usage chunk when <see cref="ResponseTranslationOptions.IncludeUsage"/>, <c>data: [DONE]</c>),
/// or with <see cref="WriteError"/> when the upstream fails mid-way. One instance per response; not thread-safe.
/// </summary>
public sealed class OpenAiStreamWriter
{
    private readonly ResponseTranslationOptions _options;
    private readonly SseJsonFrame _frame = new();
    private readonly List<CandidateState> _candidates = [];
    private readonly List<ToolCallSignature> _signatures = [];
    private bool _completed;

    /// <summary>Creates a writer for one response.</summary>
    public OpenAiStreamWriter(ResponseTranslationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Usage so far (Gemini reports cumulative counts; the last one wins).</summary>
    public TokenUsage Usage { get; private set; }

    /// <summary>Signatures of the tool calls streamed so far, to store in the cache.</summary>
    public IReadOnlyList<ToolCallSignature> Signatures => _signatures;

    /// <summary>True once every candidate seen has a finish reason.</summary>
    public bool IsFinished => _candidates.Count > 0 && _candidates.TrueForAll(c => c.Finished);

    /// <summary>Translates one upstream event (already unwrapped, see <see cref="CloudCodeEnvelope.ParseResponse"/>).</summary>
    public void WriteEvent(GeminiGenerateContentResponse upstreamEvent, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(upstreamEvent);
        ArgumentNullException.ThrowIfNull(output);
        if (upstreamEvent.UsageMetadata is { } usage)
        {
            Usage = TokenUsage.FromGemini(usage);
        }

        var candidates = upstreamEvent.Candidates;
        if (candidates is not { Count: > 0 })
        {
            if (upstreamEvent.PromptFeedback?.BlockReason is not null)
            {
                var state = State(0, output);
                Finish(state, 0, "content_filter", output);
            }

            return;
        }

        for (var c = 0; c < candidates.Count; c++)
        {
            var candidate = candidates[c];
            var index = candidate.Index ?? c;
            var state = State(index, output);
            if (state.Finished)
            {
                continue;
            }

            foreach (var part in candidate.Content?.Parts ?? [])
            {
                WritePart(part, state, index, output);
            }

            state.Grounding = candidate.GroundingMetadata ?? state.Grounding;
            if (candidate.FinishReason is { } reason)
            {
                Finish(state, index, FinishReasons.ToOpenAi(reason, state.ToolCalls > 0), output);
            }
        }
    }

    /// <summary>Ends the stream: owed finish chunks, the usage chunk if asked for, then <c>data: [DONE]</c>.</summary>
    public void Complete(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (_candidates.Count == 0)
        {
            State(0, output);
        }

        for (var i = 0; i < _candidates.Count; i++)
        {
            if (_candidates[i] is { Finished: false } state)
            {
                Finish(state, i, FinishReasons.ToOpenAi(null, state.ToolCalls > 0), output);
            }
        }

        if (_options.IncludeUsage)
        {
            var writer = BeginChunk(output);
            writer.WriteEndArray();
            writer.WritePropertyName("usage");
            JsonSerializer.Serialize(writer, Usage.ToOpenAi(), OpenAiJsonContext.Default.OpenAiUsage);
            writer.WriteEndObject();
            _frame.End(output);
        }

        SseWriter.WriteDone(output);
    }

    /// <summary>
    /// Ends a stream that failed after the first byte with a data chunk
    /// <c>{"error":{"message","type","param":null,"code"}}</c> (OpenAI SDKs raise it); no <c>[DONE]</c> follows.
    /// </summary>
    public void WriteError(IBufferWriter<byte> output, string message, string type = "api_error", string? code = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        _completed = true;
        OpenAiErrorBody.Write(_frame.BeginData(output), message, type, null, code);
        _frame.End(output);
    }

    private CandidateState State(int index, IBufferWriter<byte> output)
    {
        while (_candidates.Count <= index)
        {
            _candidates.Add(new CandidateState());
        }

        var state = _candidates[index];
        if (!state.Started)
        {
            // The first chunk of a choice carries the role, as OpenAI's own streams do.
            state.Started = true;
            var writer = BeginChoice(output, index);
            writer.WriteString("role", "assistant");
            writer.WriteString("content", "");
            EndChoice(writer, output, finishReason: null);
        }

        return state;
    }

    private void WritePart(GeminiPart part, CandidateState state, int index, IBufferWriter<byte> output)
    {
        if (part.FunctionCall is { } call)
        {
            var id = ToolCallIds.For(call.Id, ToolCallIds.OpenAiPrefix, _options.Id + "/" + index, state.ToolCalls);
            if (!string.IsNullOrEmpty(part.ThoughtSignature))
            {
                _signatures.Add(new ToolCallSignature(id, part.ThoughtSignature));
            }

            var writer = BeginChoice(output, index);
            writer.WriteStartArray("tool_calls");
            writer.WriteStartObject();
            writer.WriteNumber("index", state.ToolCalls++);
            writer.WriteString("id", id);
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", call.Name);
            writer.WriteString("arguments", GeminiToOpenAi.ArgumentsJson(call.Args));
            writer.WriteEndObject();
            if (!string.IsNullOrEmpty(part.ThoughtSignature))
            {
                writer.WriteStartObject("extra_content");
                writer.WriteStartObject("google");
                writer.WriteString("thought_signature", part.ThoughtSignature);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
            EndChoice(writer, output, finishReason: null);
        }
        else if (part.Text is { Length: > 0 } text)
        {
            if (part.Thought != true)
            {
                // Grounding offsets count in the whole answer text.
                state.Text.Append(text);
            }

            var writer = BeginChoice(output, index);
            writer.WriteString(part.Thought == true ? "reasoning_content" : "content", text);
            EndChoice(writer, output, finishReason: null);
        }
        else if (part.InlineData is { } blob)
        {
            var writer = BeginChoice(output, index);
            writer.WriteString("content", GeminiToOpenAi.MarkdownImage(blob));
            EndChoice(writer, output, finishReason: null);
        }
    }

    private void Finish(CandidateState state, int index, string finishReason, IBufferWriter<byte> output)
    {
        state.Finished = true;
        if (Grounding.WebGrounding.From(state.Grounding) is { } search && search.Cite(state.Text.ToString()) is { Count: > 0 } citations)
        {
            // The sources are known once the text is: they arrive as one delta before the finish reason.
            var annotations = BeginChoice(output, index);
            annotations.WritePropertyName("annotations");
            JsonSerializer.Serialize(annotations, OpenAiAnnotation.From(citations), OpenAiJsonContext.Default.IReadOnlyListOpenAiAnnotation);
            EndChoice(annotations, output, finishReason: null);
        }

        var writer = BeginChoice(output, index);
        EndChoice(writer, output, finishReason);
    }

    private Utf8JsonWriter BeginChunk(IBufferWriter<byte> output)
    {
        var writer = _frame.BeginData(output);
        writer.WriteStartObject();
        writer.WriteString("id", _options.Id);
        writer.WriteString("object", "chat.completion.chunk");
        writer.WriteNumber("created", _options.CreatedUnixSeconds);
        writer.WriteString("model", _options.Model);
        writer.WriteStartArray("choices");
        return writer;
    }

    private Utf8JsonWriter BeginChoice(IBufferWriter<byte> output, int index)
    {
        var writer = BeginChunk(output);
        writer.WriteStartObject();
        writer.WriteNumber("index", index);
        writer.WriteStartObject("delta");
        return writer;
    }

    private void EndChoice(Utf8JsonWriter writer, IBufferWriter<byte> output, string? finishReason)
    {
        writer.WriteEndObject();
        writer.WriteNull("logprobs");
        if (finishReason is null)
        {
            writer.WriteNull("finish_reason");
        }
        else
        {
            writer.WriteString("finish_reason", finishReason);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        if (_options.IncludeUsage)
        {
            writer.WriteNull("usage");
        }

        writer.WriteEndObject();
        _frame.End(output);
    }

    private sealed class CandidateState
    {
        public bool Started { get; set; }

        public bool Finished { get; set; }

        public int ToolCalls { get; set; }

        public System.Text.StringBuilder Text { get; } = new();

        public JsonElement? Grounding { get; set; }
    }
}
