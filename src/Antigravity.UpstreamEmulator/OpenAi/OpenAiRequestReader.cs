using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.Generation;

namespace Antigravity.UpstreamEmulator.OpenAi;

/// <summary>Checks an OpenAI chat completions request and summarises it.</summary>
internal static class OpenAiRequestReader
{
    /// <summary>The models <c>GET /openai/v1/models</c> lists; any <c>vendor/model</c> name is also served, as routers do.</summary>
    public static readonly IReadOnlyList<string> ListedModels =
        ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-5", "gpt-5-mini", "o3", "o4-mini", "deepseek-chat", "deepseek-reasoner"];

    private static readonly string[] s_prefixes = ["gpt-", "o1", "o3", "o4", "chatgpt-", "deepseek-"];
    private static readonly HashSet<string> s_roles = ["system", "developer", "user", "assistant", "tool", "function"];

    public static bool IsKnownModel(string model) =>
        model.Contains('/', StringComparison.Ordinal) || s_prefixes.Any(p => model.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    public static ErrorReply? Validate(JsonObject body)
    {
        if (string.IsNullOrEmpty(JsonBody.String(body["model"])))
        {
            return OpenAiErrors.InvalidRequest("you must provide a model parameter");
        }
        if (body["messages"] is not JsonArray messages)
        {
            return OpenAiErrors.InvalidRequest("Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
        }
        if (messages.Count == 0)
        {
            return OpenAiErrors.InvalidRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "messages", "empty_array");
        }
        for (var i = 0; i < messages.Count; i++)
        {
            var role = JsonBody.String(messages[i]?["role"]);
            if (role is null)
            {
                return OpenAiErrors.InvalidRequest($"Missing required parameter: 'messages[{i}].role'.", $"messages[{i}].role", "missing_required_parameter");
            }
            if (!s_roles.Contains(role))
            {
                return OpenAiErrors.InvalidRequest(
                    $"Invalid value: '{role}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.",
                    $"messages[{i}].role", "invalid_value");
            }
        }
        var model = JsonBody.String(body["model"])!;
        return IsKnownModel(model)
            ? null
            : OpenAiErrors.Create(404, $"The model `{model}` does not exist or you do not have access to it.", "invalid_request_error", null, "model_not_found");
    }

    public static PromptSummary Summarize(JsonObject body)
    {
        var messages = (JsonArray)body["messages"]!;
        var model = JsonBody.String(body["model"])!;
        var thinking = (JsonBody.String(body["reasoning_effort"]) is { } effort && effort is not ("none" or "minimal"))
            || model.Contains("reasoner", StringComparison.OrdinalIgnoreCase)
            || model.Contains("thinking", StringComparison.OrdinalIgnoreCase);
        return new PromptSummary(model, LastUserText(messages), LastToolResult(messages), Tools(body["tools"]), thinking,
            TokenCounter.CountSections(body["messages"], body["tools"]));
    }

    private static string LastUserText(JsonArray messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (JsonBody.String(messages[i]!["role"]) == "user" && JsonBody.TextOf(messages[i]!["content"]) is { Length: > 0 } text)
            {
                return text;
            }
        }
        return "";
    }

    private static ToolResult? LastToolResult(JsonArray messages)
    {
        var last = messages[^1]!;
        if (JsonBody.String(last["role"]) != "tool")
        {
            return null;
        }
        var id = JsonBody.String(last["tool_call_id"]) ?? "";
        var name = messages.SelectMany(m => m?["tool_calls"] as JsonArray ?? [])
            .FirstOrDefault(call => JsonBody.String(call?["id"]) == id)?["function"]?["name"];
        return new ToolResult(JsonBody.String(name) ?? id, JsonBody.TextOf(last["content"]));
    }

    private static List<ToolDeclaration> Tools(JsonNode? tools) =>
        (tools as JsonArray ?? []).OfType<JsonObject>()
            .Where(tool => JsonBody.String(tool["type"]) == "function" && JsonBody.String(tool["function"]?["name"]) is not null)
            .Select(tool => new ToolDeclaration(JsonBody.String(tool["function"]!["name"])!, tool["function"]!["parameters"] as JsonObject))
            .ToList();
}
