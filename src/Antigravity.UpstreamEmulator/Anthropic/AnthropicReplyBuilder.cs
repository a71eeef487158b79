using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Generation;

namespace Antigravity.UpstreamEmulator.Anthropic;

/// <summary>Frames a <see cref="ReplyPlan"/> as an Anthropic message, whole or as the stream's events.</summary>
internal static class AnthropicReplyBuilder
{
    public static string NewMessageId() => "msg_emu_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static string ToolUseId(PlannedToolCall call) => "toolu_emu_" + call.CallKey;

    public static string StopReason(ReplyPlan plan) => plan.ToolCall is null ? "end_turn" : "tool_use";

    public static int OutputTokens(ReplyPlan plan) => plan.OutputTokens + plan.ThinkingTokens;

    public static JsonObject Usage(ReplyPlan plan, int outputTokens) => new()
    {
        ["input_tokens"] = plan.PromptTokens,
        ["cache_creation_input_tokens"] = 0,
        ["cache_read_input_tokens"] = 0,
        ["output_tokens"] = outputTokens,
    };

    public static JsonObject Whole(ReplyPlan plan, string id)
    {
        var content = new JsonArray();
        if (plan.Thinking is not null)
        {
            content.Add(new JsonObject { ["type"] = "thinking", ["thinking"] = plan.Thinking, ["signature"] = plan.Signature });
        }
        if (plan.Text is not null)
        {
            content.Add(new JsonObject { ["type"] = "text", ["text"] = plan.Text });
        }
        if (plan.ToolCall is { } call)
        {
            content.Add(new JsonObject { ["type"] = "tool_use", ["id"] = ToolUseId(call), ["name"] = call.Name, ["input"] = call.Arguments.DeepClone() });
        }
        return new JsonObject
        {
            ["id"] = id,
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = plan.Model,
            ["content"] = content,
            ["stop_reason"] = StopReason(plan),
            ["stop_sequence"] = null,
            ["usage"] = Usage(plan, OutputTokens(plan)),
        };
    }

    /// <summary>The stream as (event name, data) pairs, in Anthropic's order.</summary>
    public static IEnumerable<(string Event, JsonObject Data)> Events(ReplyPlan plan, string id)
    {
        var start = Whole(plan, id);
        start["content"] = new JsonArray();
        start["stop_reason"] = null;
        start["usage"] = Usage(plan, 1);
        yield return ("message_start", new JsonObject { ["type"] = "message_start", ["message"] = start });

        var index = 0;
        var pinged = false;
        if (plan.Thinking is not null)
        {
            yield return BlockStart(index, new JsonObject { ["type"] = "thinking", ["thinking"] = "", ["signature"] = "" });
            pinged = true;
            yield return ("ping", new JsonObject { ["type"] = "ping" });
            foreach (var piece in TextChunker.Split(plan.Thinking, 2, 3))
            {
                yield return Delta(index, new JsonObject { ["type"] = "thinking_delta", ["thinking"] = piece });
            }
            yield return Delta(index, new JsonObject { ["type"] = "signature_delta", ["signature"] = plan.Signature });
            yield return BlockStop(index++);
        }
        if (plan.Text is not null)
        {
            yield return BlockStart(index, new JsonObject { ["type"] = "text", ["text"] = "" });
            if (!pinged)
            {
                pinged = true;
                yield return ("ping", new JsonObject { ["type"] = "ping" });
            }
            foreach (var piece in TextChunker.Split(plan.Text))
            {
                yield return Delta(index, new JsonObject { ["type"] = "text_delta", ["text"] = piece });
            }
            yield return BlockStop(index++);
        }
        if (plan.ToolCall is { } call)
        {
            yield return BlockStart(index, new JsonObject { ["type"] = "tool_use", ["id"] = ToolUseId(call), ["name"] = call.Name, ["input"] = new JsonObject() });
            if (!pinged)
            {
                yield return ("ping", new JsonObject { ["type"] = "ping" });
            }
            foreach (var piece in TextChunker.SplitEvenly(call.ArgumentsJson, 2))
            {
                yield return Delta(index, new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece });
            }
            yield return BlockStop(index);
        }
        yield return ("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = StopReason(plan), ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = OutputTokens(plan) },
        });
        yield return ("message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    private static (string, JsonObject) BlockStart(int index, JsonObject block) =>
        ("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = index, ["content_block"] = block });

    private static (string, JsonObject) Delta(int index, JsonObject delta) =>
        ("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = delta });

    private static (string, JsonObject) BlockStop(int index) =>
        ("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index });
}
