using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator.Generation;

/// <summary>
/// Decides the emulated answer, deterministically from the request:
/// <list type="bullet">
/// <item>a turn queued with <c>POST /_emulator/script</c> that the request matches (<see cref="ReplyScript"/>) → that
/// call or text;</item>
/// <item>last turn is a tool result → text that quotes the result;</item>
/// <item>function tools declared and the last user text contains "tool" or "weather" (any case) → a call of the
/// first declared function (or the first whose name contains "weather" when the text says weather), arguments
/// built from the schema's required properties;</item>
/// <item>a Gemini model with Google Search that searches (see <see cref="Searches"/>) → a grounded answer with
/// <c>groundingMetadata</c> (<see cref="SearchGrounding"/>);</item>
/// <item>otherwise → "Emulated reply from &lt;model&gt; to: &lt;first 60 characters of the last user text&gt;".</item>
/// </list>
/// Thinking (when asked for) comes first and is signed.
/// </summary>
internal sealed class ReplyPlanner(ThoughtSignatures signatures, ReplyScript script)
{
    public ReplyPlan Plan(PromptSummary prompt)
    {
        string? thinking = prompt.ThinkingRequested
            ? $"Emulated thinking about: {Shorten(prompt.LastToolResult?.Content ?? prompt.LastUserText, 40)}. Planning the answer step by step."
            : null;

        PlannedToolCall? call = null;
        string? text;
        JsonObject? grounding = null;
        if (script.Take(prompt) is { } scripted)
        {
            text = scripted.Text;
            if (scripted.Call is { } scriptedCall)
            {
                var args = (JsonObject)scriptedCall.Arguments.DeepClone();
                call = new PlannedToolCall(scriptedCall.Name, args, Hash(prompt.Model + "|" + scriptedCall.Name + "|" + args.ToJsonString(EmulatorJson.Compact) + "|" + prompt.LastUserText));
            }
        }
        else if (prompt.LastToolResult is { } result)
        {
            text = $"Emulated reply from {prompt.Model}: the tool {result.Name} returned {Shorten(result.Content, 60)}";
        }
        else if (ShouldCallTool(prompt) is { } tool)
        {
            var args = ArgumentsFor(tool.Schema);
            call = new PlannedToolCall(tool.Name, args, Hash(prompt.Model + "|" + tool.Name + "|" + args.ToJsonString(EmulatorJson.Compact) + "|" + prompt.LastUserText));
            text = null;
        }
        else if (Searches(prompt))
        {
            (text, grounding) = SearchGrounding.For(prompt.LastUserText);
        }
        else
        {
            text = $"Emulated reply from {prompt.Model} to: {Shorten(prompt.LastUserText, 60)}";
        }

        var signature = thinking is null ? null : signatures.Issue(prompt.Model, thinking + "|" + (call?.ArgumentsJson ?? text));
        return new ReplyPlan(prompt.Model, thinking, text, call, signature, prompt.PromptTokens) { Grounding = grounding };
    }

    /// <summary>
    /// A Gemini model with Google Search searches when search is its only tool, or when the user asks for it
    /// ("search", "web", "latest" in the text).
    /// </summary>
    private static bool Searches(PromptSummary prompt) =>
        prompt.WebSearch && prompt.Model.StartsWith("gemini", StringComparison.OrdinalIgnoreCase)
        && (prompt.Tools.Count == 0
            || prompt.LastUserText.Contains("search", StringComparison.OrdinalIgnoreCase)
            || prompt.LastUserText.Contains("web", StringComparison.OrdinalIgnoreCase)
            || prompt.LastUserText.Contains("latest", StringComparison.OrdinalIgnoreCase));

    private static ToolDeclaration? ShouldCallTool(PromptSummary prompt)
    {
        if (prompt.Tools.Count == 0)
        {
            return null;
        }
        var text = prompt.LastUserText;
        var wantsWeather = text.Contains("weather", StringComparison.OrdinalIgnoreCase);
        if (!wantsWeather && !text.Contains("tool", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return (wantsWeather ? prompt.Tools.FirstOrDefault(t => t.Name.Contains("weather", StringComparison.OrdinalIgnoreCase)) : null)
            ?? prompt.Tools[0];
    }

    /// <summary>Arguments for the schema's required properties, with a value of the declared type.</summary>
    public static JsonObject ArgumentsFor(JsonObject? schema)
    {
        var args = new JsonObject();
        if (schema?["properties"] is not JsonObject properties || schema["required"] is not JsonArray required)
        {
            return args;
        }
        foreach (var name in required.Select(JsonBody.String).OfType<string>())
        {
            args[name] = ValueFor(name, properties[name] as JsonObject);
        }
        return args;
    }

    private static JsonNode? ValueFor(string name, JsonObject? schema)
    {
        if (schema?["enum"] is JsonArray { Count: > 0 } options)
        {
            return options[0]?.DeepClone();
        }
        var type = schema?["type"] switch
        {
            JsonArray types => types.Select(JsonBody.String).FirstOrDefault(t => t is not null && !t.Equals("null", StringComparison.OrdinalIgnoreCase)),
            JsonValue value => JsonBody.String(value),
            _ => "string",
        };
        return type?.ToLowerInvariant() switch
        {
            "integer" or "number" => 1,
            "boolean" => true,
            "array" => new JsonArray(),
            "object" => ArgumentsFor(schema),
            _ => name.Contains("location", StringComparison.OrdinalIgnoreCase) || name.Contains("city", StringComparison.OrdinalIgnoreCase)
                ? "Paris"
                : $"emulated-{name}",
        };
    }

    public static string Shorten(string text, int max)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= max ? flat : flat[..max];
    }

    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..24];
}
