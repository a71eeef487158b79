namespace Antigravity.Protocols.Gemini;

/// <summary>
/// Folds the events of a streamed Gemini answer into one <see cref="GeminiGenerateContentResponse"/>, for a
/// non-streaming client served from a streaming upstream. Adjacent text parts of the same kind join (a
/// signature stays with the text it arrived on); function calls and signatures are kept as they came.
/// </summary>
public sealed class GeminiResponseAggregator
{
    private readonly SortedDictionary<int, CandidateState> _candidates = [];
    private GeminiUsageMetadata? _usage;
    private GeminiPromptFeedback? _promptFeedback;
    private string? _modelVersion;
    private string? _responseId;

    /// <summary>Adds one stream event.</summary>
    public void Add(GeminiGenerateContentResponse streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        _usage = streamEvent.UsageMetadata ?? _usage;
        _promptFeedback = streamEvent.PromptFeedback ?? _promptFeedback;
        _modelVersion ??= streamEvent.ModelVersion;
        _responseId ??= streamEvent.ResponseId;
        var candidates = streamEvent.Candidates ?? [];
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var index = candidate.Index ?? i;
            if (!_candidates.TryGetValue(index, out var state))
            {
                state = new CandidateState();
                _candidates[index] = state;
            }

            state.FinishReason = candidate.FinishReason ?? state.FinishReason;
            state.FinishMessage = candidate.FinishMessage ?? state.FinishMessage;
            // Grounding arrives whole on one event (usually the last); anything else unnamed keeps its latest value.
            state.GroundingMetadata = candidate.GroundingMetadata ?? state.GroundingMetadata;
            foreach (var (key, value) in candidate.Extra ?? [])
            {
                (state.Extra ??= [])[key] = value;
            }

            foreach (var part in candidate.Content?.Parts ?? [])
            {
                state.Add(part);
            }
        }
    }

    /// <summary>The answer so far as one response.</summary>
    public GeminiGenerateContentResponse Build()
    {
        var candidates = new List<GeminiCandidate>(_candidates.Count);
        foreach (var (index, state) in _candidates)
        {
            candidates.Add(new GeminiCandidate
            {
                Index = index,
                Content = new GeminiContent { Role = "model", Parts = state.Parts },
                FinishReason = state.FinishReason,
                FinishMessage = state.FinishMessage,
                GroundingMetadata = state.GroundingMetadata,
                Extra = state.Extra,
            });
        }

        return new GeminiGenerateContentResponse
        {
            Candidates = candidates,
            PromptFeedback = _promptFeedback,
            UsageMetadata = _usage,
            ModelVersion = _modelVersion,
            ResponseId = _responseId,
        };
    }

    private sealed class CandidateState
    {
        private readonly List<GeminiPart> _parts = [];
        private readonly System.Text.StringBuilder _text = new();
        private GeminiPart? _pending;

        public IReadOnlyList<GeminiPart> Parts
        {
            get
            {
                FlushPending();
                return [.. _parts];
            }
        }

        public string? FinishReason { get; set; }

        public string? FinishMessage { get; set; }

        public System.Text.Json.JsonElement? GroundingMetadata { get; set; }

        public Dictionary<string, System.Text.Json.JsonElement>? Extra { get; set; }

        public void Add(GeminiPart part)
        {
            if (part.Text is not null && part.FunctionCall is null)
            {
                if (_pending is { ThoughtSignature: null } pending && (pending.Thought == true) == (part.Thought == true))
                {
                    _text.Append(part.Text);
                    _pending = pending with { ThoughtSignature = part.ThoughtSignature };
                    return;
                }

                FlushPending();
                _pending = part;
                _text.Append(part.Text);
                return;
            }

            FlushPending();
            _parts.Add(part);
        }

        private void FlushPending()
        {
            if (_pending is not null)
            {
                _parts.Add(_pending with { Text = _text.ToString() });
                _text.Clear();
                _pending = null;
            }
        }
    }
}
