using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.Generation;

namespace Antigravity.UpstreamEmulator.Anthropic;

/// <summary>Checks an Anthropic Messages request (required fields, roles, thinking signatures) and summarises it.</summary>
internal sealed class AnthropicRequestReader(ThoughtSignatures signatures)
{
    private const string ThinkingHelp =
        "When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking";

    private static readonly string[] s_modelPrefixes = ["claude-", "glm-", "kimi-", "minimax-", "qwen"];

    public static bool IsKnownModel(string model) =>
        s_modelPrefixes.Any(prefix => model.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Validates the fields both <c>messages</c> and <c>count_tokens</c> need.</summary>
    public ErrorReply? Validate(JsonObject body, bool requireMaxTokens)
    {
        if (string.IsNullOrEmpty(JsonBody.String(body["model"])))
        {
            return AnthropicErrors.InvalidRequest("model: Field required");
        }
        if (requireMaxTokens && body["max_tokens"] is not JsonValue)
        {
            return AnthropicErrors.InvalidRequest("max_tokens: Field required");
        }
        if (body["max_tokens"] is JsonValue maxTokens && (!maxTokens.TryGetValue<int>(out var max) || max < 1))
        {
            return AnthropicErrors.InvalidRequest("max_tokens: Input should be a valid integer greater than or equal to 1");
        }
        if (body["messages"] is not JsonArray messages)
        {
            return AnthropicErrors.InvalidRequest("messages: Field required");
        }
        if (messages.Count == 0)
        {
            return AnthropicErrors.InvalidRequest("messages: at least one message is required");
        }
        for (var i = 0; i < messages.Count; i++)
        {
            var role = JsonBody.String(messages[i]?["role"]);
            if (role is not ("user" or "assistant"))
            {
                return AnthropicErrors.InvalidRequest($"messages.{i}.role: Input should be 'user' or 'assistant'");
            }
            if (messages[i]?["content"] is not (JsonValue or JsonArray))
            {
                return AnthropicErrors.InvalidRequest($"messages.{i}.content: Field required");
            }
            var blocks = messages[i]!["content"] as JsonArray ?? [];
            for (var j = 0; j < blocks.Count; j++)
            {
                if (JsonBody.String(blocks[j]?["type"]) != "thinking")
                {
                    continue;
                }
                var signature = JsonBody.String(blocks[j]!["signature"]);
                if (signature is null)
                {
                    return AnthropicErrors.InvalidRequest($"messages.{i}.content.{j}.thinking.signature: Field required");
                }
                if (!signatures.IsValid(signature))
                {
                    return AnthropicErrors.InvalidRequest($"messages.{i}.content.{j}: Invalid `signature` in `thinking` block");
                }
            }
        }
        if (IsThinkingRequested(body))
        {
            for (var i = messages.Count - 1; i >= 0; i--)
            {
                if (JsonBody.String(messages[i]!["role"]) != "assistant")
                {
                    continue;
                }
                var blocks = messages[i]!["content"] as JsonArray ?? [];
                var hasToolUse = blocks.Any(b => JsonBody.String(b?["type"]) == "tool_use");
                var first = blocks.Count > 0 ? JsonBody.String(blocks[0]?["type"]) : null;
                if (hasToolUse && first is not ("thinking" or "redacted_thinking"))
                {
                    return AnthropicErrors.InvalidRequest($"messages.{i}.content.0.type: Expected `thinking` or `redacted_thinking`, but found `{first}`. {ThinkingHelp}");
                }
                break;
            }
        }
        return null;
    }

    public static bool IsThinkingRequested(JsonObject body) =>
        JsonBody.String(body["thinking"]?["type"]) is "enabled" or "adaptive"
        || (JsonBody.String(body["model"])?.Contains("thinking", StringComparison.OrdinalIgnoreCase) ?? false);

    public static int CountPromptTokens(JsonObject body) => TokenCounter.CountSections(body["system"], body["messages"], body["tools"]);

    public static PromptSummary Summarize(JsonObject body)
    {
        var messages = (JsonArray)body["messages"]!;
        var model = JsonBody.String(body["model"])!;
        return new PromptSummary(model, LastUserText(messages), LastToolResult(messages), Tools(body["tools"]), IsThinkingRequested(body), CountPromptTokens(body));
    }

    private static string LastUserText(JsonArray messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (JsonBody.String(messages[i]!["role"]) != "user")
            {
                continue;
            }
            var text = JsonBody.TextOf(messages[i]!["content"]);
            if (text.Length > 0)
            {
                return text;
            }
        }
        return "";
    }

    private static ToolResult? LastToolResult(JsonArray messages)
    {
        var last = messages[^1]!;
        if (JsonBody.String(last["role"]) != "user" || last["content"] is not JsonArray blocks)
        {
            return null;
        }
        var result = blocks.FirstOrDefault(b => JsonBody.String(b?["type"]) == "tool_result");
        if (result is null)
        {
            return null;
        }
        var id = JsonBody.String(result["tool_use_id"]) ?? "";
        var name = messages.SelectMany(m => m?["content"] as JsonArray ?? [])
            .FirstOrDefault(b => JsonBody.String(b?["type"]) == "tool_use" && JsonBody.String(b?["id"]) == id)?["name"];
        return new ToolResult(JsonBody.String(name) ?? id, JsonBody.TextOf(result["content"]));
    }

    private static List<ToolDeclaration> Tools(JsonNode? tools) =>
        (tools as JsonArray ?? []).OfType<JsonObject>()
            .Where(tool => tool["input_schema"] is JsonObject && JsonBody.String(tool["name"]) is not null)
            .Select(tool => new ToolDeclaration(JsonBody.String(tool["name"])!, (JsonObject)tool["input_schema"]!))
            .ToList();
}
