using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Generation;

namespace Antigravity.UpstreamEmulator.OpenAi;

/// <summary>
/// Frames a <see cref="ReplyPlan"/> as <c>chat.completion</c> or <c>chat.completion.chunk</c> objects. Thinking is
/// sent as <c>reasoning_content</c>, the field OpenAI-compatible reasoning providers use.
/// </summary>
internal static class OpenAiReplyBuilder
{
    private const string Fingerprint = "fp_emulator";

    public static string NewId() => "chatcmpl-emu" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static string CallId(PlannedToolCall call) => "call_emu_" + call.CallKey;

    public static string FinishReason(ReplyPlan plan) => plan.ToolCall is null ? "stop" : "tool_calls";

    public static JsonObject Usage(ReplyPlan plan) => new()
    {
        ["prompt_tokens"] = plan.PromptTokens,
        ["completion_tokens"] = plan.OutputTokens + plan.ThinkingTokens,
        ["total_tokens"] = plan.TotalTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
        ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = plan.ThinkingTokens },
    };

    public static JsonObject Whole(ReplyPlan plan, string id, long created)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = plan.Text };
        if (plan.Thinking is not null)
        {
            message["reasoning_content"] = plan.Thinking;
        }
        if (plan.ToolCall is { } call)
        {
            message["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = CallId(call),
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.ArgumentsJson },
            });
        }
        message["refusal"] = null;
        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = created,
            ["model"] = plan.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = FinishReason(plan),
            }),
            ["usage"] = Usage(plan),
            ["system_fingerprint"] = Fingerprint,
        };
    }

    public static IEnumerable<JsonObject> Chunks(ReplyPlan plan, string id, long created, bool includeUsage)
    {
        JsonObject Chunk(JsonObject delta, string? finish)
        {
            var chunk = new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = plan.Model,
                ["system_fingerprint"] = Fingerprint,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["delta"] = delta,
                    ["logprobs"] = null,
                    ["finish_reason"] = finish,
                }),
            };
            if (includeUsage)
            {
                chunk["usage"] = null;
            }
            return chunk;
        }

        yield return Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null }, null);
        if (plan.Thinking is not null)
        {
            foreach (var piece in TextChunker.Split(plan.Thinking, 2, 3))
            {
                yield return Chunk(new JsonObject { ["reasoning_content"] = piece }, null);
            }
        }
        if (plan.Text is not null)
        {
            foreach (var piece in TextChunker.Split(plan.Text))
            {
                yield return Chunk(new JsonObject { ["content"] = piece }, null);
            }
        }
        if (plan.ToolCall is { } call)
        {
            yield return Chunk(new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["id"] = CallId(call),
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = "" },
                }),
            }, null);
            foreach (var piece in TextChunker.SplitEvenly(call.ArgumentsJson, 3))
            {
                yield return Chunk(new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = piece } }),
                }, null);
            }
        }
        yield return Chunk(new JsonObject(), FinishReason(plan));
        if (includeUsage)
        {
            yield return new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = plan.Model,
                ["system_fingerprint"] = Fingerprint,
                ["choices"] = new JsonArray(),
                ["usage"] = Usage(plan),
            };
        }
    }
}
