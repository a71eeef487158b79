using System.Text;
using System.Text.Json;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Usage;

namespace Antigravity.Protocols.Translation;

/// <summary>Translates a whole Gemini answer into an OpenAI <c>chat.completion</c>.</summary>
public static class GeminiToOpenAi
{
    /// <summary>
    /// One choice per candidate: text parts join into <c>content</c> (null when the message only calls tools),
    /// thought parts into <c>reasoning_content</c>, function calls become <c>tool_calls</c> (ids from the
    /// upstream or generated <c>call_…</c>; a call's signature rides in <c>extra_content.google.thought_signature</c>
    /// and is reported for the cache). A blocked prompt gives one empty choice with <c>content_filter</c>.
    /// </summary>
    public static TranslatedResponse<OpenAiChatCompletion> Translate(GeminiGenerateContentResponse response, ResponseTranslationOptions options)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(options);
        var choices = new List<OpenAiChoice>();
        var signatures = new List<ToolCallSignature>();
        var candidates = response.Candidates ?? [];
        for (var c = 0; c < candidates.Count; c++)
        {
            choices.Add(TranslateCandidate(candidates[c], candidates[c].Index ?? c, options, signatures));
        }

        if (choices.Count == 0)
        {
            choices.Add(new OpenAiChoice
            {
                Message = new OpenAiResponseMessage { Content = "" },
                FinishReason = response.PromptFeedback?.BlockReason is null ? "stop" : "content_filter",
            });
        }

        var usage = TokenUsage.FromGemini(response.UsageMetadata);
        return new TranslatedResponse<OpenAiChatCompletion>(
            new OpenAiChatCompletion
            {
                Id = options.Id,
                Created = options.CreatedUnixSeconds,
                Model = options.Model,
                Choices = choices,
                Usage = usage.ToOpenAi(),
            },
            usage,
            signatures);
    }

    private static OpenAiChoice TranslateCandidate(GeminiCandidate candidate, int index, ResponseTranslationOptions options, List<ToolCallSignature> signatures)
    {
        StringBuilder? text = null;
        StringBuilder? reasoning = null;
        List<OpenAiToolCall>? calls = null;
        foreach (var part in candidate.Content?.Parts ?? [])
        {
            if (part.FunctionCall is { } call)
            {
                calls ??= [];
                var id = ToolCallIds.For(call.Id, ToolCallIds.OpenAiPrefix, options.Id + "/" + index, calls.Count);
                if (!string.IsNullOrEmpty(part.ThoughtSignature))
                {
                    signatures.Add(new ToolCallSignature(id, part.ThoughtSignature));
                }

                calls.Add(ToToolCall(call, id, part.ThoughtSignature, streamIndex: null));
            }
            else if (part.Text is { } partText)
            {
                if (part.Thought == true)
                {
                    (reasoning ??= new StringBuilder()).Append(partText);
                }
                else
                {
                    (text ??= new StringBuilder()).Append(partText);
                }
            }
            else if (part.InlineData is { } blob)
            {
                (text ??= new StringBuilder()).Append(MarkdownImage(blob));
            }
        }

        var content = text?.ToString();
        var search = Grounding.WebGrounding.From(candidate.GroundingMetadata);
        return new OpenAiChoice
        {
            Index = index,
            Message = new OpenAiResponseMessage
            {
                Content = content ?? (calls is null ? "" : null),
                ReasoningContent = reasoning?.ToString(),
                ToolCalls = calls,
                Annotations = search is null ? null : OpenAiAnnotation.From(search.Cite(content ?? "")),
                WebSearch = search,
            },
            FinishReason = FinishReasons.ToOpenAi(candidate.FinishReason, calls is not null),
        };
    }

    internal static OpenAiToolCall ToToolCall(GeminiFunctionCall call, string id, string? signature, int? streamIndex) => new()
    {
        Index = streamIndex,
        Id = id,
        Type = "function",
        Function = new OpenAiFunctionCall { Name = call.Name, Arguments = ArgumentsJson(call.Args) },
        ExtraContent = string.IsNullOrEmpty(signature) ? null : new OpenAiExtraContent { Google = new OpenAiGoogleExtra { ThoughtSignature = signature } },
    };

    internal static string ArgumentsJson(JsonElement? args) =>
        args is { ValueKind: JsonValueKind.Object } value ? JsonSerializer.Serialize(value, GeminiJsonContext.Default.JsonElement) : "{}";

    internal static string MarkdownImage(GeminiBlob blob) => $"![image](data:{blob.MimeType};base64,{blob.Data})";
}
