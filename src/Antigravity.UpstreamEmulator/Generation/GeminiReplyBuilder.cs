using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator.Generation;

/// <summary>
/// Frames a <see cref="ReplyPlan"/> as Gemini <c>GenerateContentResponse</c> objects: one whole object, or the
/// sequence of stream chunks. Gemini models carry the thought signature on the function call (or the first
/// answer part); Claude models served by Cloud Code carry it on a closing thought part, as Antigravity does.
/// </summary>
internal static class GeminiReplyBuilder
{
    public static JsonObject Whole(ReplyPlan plan, string responseId)
    {
        var claude = IsClaude(plan.Model);
        var parts = new JsonArray();
        if (plan.Thinking is not null)
        {
            var thought = new JsonObject { ["text"] = plan.Thinking, ["thought"] = true };
            if (claude)
            {
                thought["thoughtSignature"] = plan.Signature;
            }
            parts.Add(thought);
        }
        if (plan.ToolCall is not null)
        {
            parts.Add(CallPart(plan, claude));
        }
        if (plan.Text is not null)
        {
            parts.Add(TextPart(plan.Text, claude || plan.ToolCall is not null ? null : plan.Signature));
        }
        return Response(plan, responseId, parts, final: true);
    }

    public static IReadOnlyList<JsonObject> Chunks(ReplyPlan plan, string responseId)
    {
        var claude = IsClaude(plan.Model);
        var chunks = new List<JsonObject>();
        if (plan.Thinking is not null)
        {
            foreach (var piece in TextChunker.Split(plan.Thinking, 2, 2))
            {
                chunks.Add(Response(plan, responseId, [new JsonObject { ["text"] = piece, ["thought"] = true }], final: false));
            }
            if (claude)
            {
                chunks.Add(Response(plan, responseId,
                    [new JsonObject { ["text"] = "", ["thought"] = true, ["thoughtSignature"] = plan.Signature }], final: false));
            }
        }
        if (plan.ToolCall is not null)
        {
            chunks.Add(Response(plan, responseId, [CallPart(plan, claude)], final: true));
            return chunks;
        }
        var pieces = TextChunker.Split(plan.Text ?? "");
        for (var i = 0; i < pieces.Count; i++)
        {
            var signature = i == 0 && !claude ? plan.Signature : null;
            chunks.Add(Response(plan, responseId, [TextPart(pieces[i], signature)], final: i == pieces.Count - 1));
        }
        return chunks;
    }

    /// <summary>The usage of a chunk before the last: the prompt only.</summary>
    public static JsonObject PromptUsage(ReplyPlan plan) => new()
    {
        ["promptTokenCount"] = plan.PromptTokens,
        ["totalTokenCount"] = plan.PromptTokens,
        ["promptTokensDetails"] = new JsonArray(new JsonObject { ["modality"] = "TEXT", ["tokenCount"] = plan.PromptTokens }),
    };

    public static JsonObject Usage(ReplyPlan plan)
    {
        var usage = new JsonObject
        {
            ["promptTokenCount"] = plan.PromptTokens,
            ["candidatesTokenCount"] = plan.OutputTokens,
            ["totalTokenCount"] = plan.TotalTokens,
        };
        if (plan.ThinkingTokens > 0)
        {
            usage["thoughtsTokenCount"] = plan.ThinkingTokens;
        }
        usage["promptTokensDetails"] = new JsonArray(new JsonObject { ["modality"] = "TEXT", ["tokenCount"] = plan.PromptTokens });
        return usage;
    }

    public static string NewResponseId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool IsClaude(string model) => model.StartsWith("claude", StringComparison.OrdinalIgnoreCase);

    private static JsonObject TextPart(string text, string? signature)
    {
        var part = new JsonObject { ["text"] = text };
        if (signature is not null)
        {
            part["thoughtSignature"] = signature;
        }
        return part;
    }

    private static JsonObject CallPart(ReplyPlan plan, bool claude)
    {
        var call = new JsonObject { ["name"] = plan.ToolCall!.Name, ["args"] = plan.ToolCall.Arguments.DeepClone() };
        if (claude)
        {
            call["id"] = "toolu_emu_" + plan.ToolCall.CallKey;
        }
        var part = new JsonObject { ["functionCall"] = call };
        if (!claude && plan.Signature is not null)
        {
            part["thoughtSignature"] = plan.Signature;
        }
        return part;
    }

    private static JsonObject Response(ReplyPlan plan, string responseId, JsonArray parts, bool final)
    {
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject { ["role"] = "model", ["parts"] = parts },
        };
        if (final)
        {
            candidate["finishReason"] = "STOP";
            if (plan.Grounding is { } grounding)
            {
                // Google sends the grounding once, with the last chunk: only then is the whole text known.
                candidate["groundingMetadata"] = grounding.DeepClone();
            }
        }
        candidate["index"] = 0;
        var response = new JsonObject { ["candidates"] = new JsonArray(candidate) };
        // As the real APIs do, every chunk reports the prompt's size; output counts arrive with the last one.
        response["usageMetadata"] = final ? Usage(plan) : PromptUsage(plan);
        response["modelVersion"] = plan.Model;
        response["responseId"] = responseId;
        return response;
    }
}
