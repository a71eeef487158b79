using System.Text;
using System.Text.Json.Nodes;

namespace Antigravity.Benchmarks.Translation;

/// <summary>
/// Request bodies of two sizes, built the same way every run so figures compare across commits:
/// <c>chat</c> is one short user turn; <c>agent</c> is shaped like a coding agent's turn (a ~10 KB system
/// prompt, 16 tools with JSON schemas, 12 tool round trips of history).
/// </summary>
public static class Conversations
{
    /// <summary>The shapes the request benchmarks take as a parameter.</summary>
    public static IEnumerable<string> Shapes => ["chat", "agent"];

    private const int ToolCount = 16;
    private const int RoundTrips = 12;

    /// <summary>An OpenAI Chat Completions body of the given shape, as UTF-8.</summary>
    public static byte[] OpenAi(string shape)
    {
        var messages = new JsonArray();
        var body = new JsonObject { ["model"] = "gemini-2.5-flash", ["stream"] = true, ["messages"] = messages };
        if (shape == "chat")
        {
            messages.Add(new JsonObject { ["role"] = "user", ["content"] = "Write a haiku about the sea." });
            return Encode(body);
        }

        messages.Add(new JsonObject { ["role"] = "system", ["content"] = SystemPrompt() });
        var tools = new JsonArray();
        for (var t = 0; t < ToolCount; t++)
        {
            tools.Add(new JsonObject
            {
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = ToolName(t), ["description"] = ToolDescription(t), ["parameters"] = ToolSchema() },
            });
        }
        body["tools"] = tools;
        body["max_tokens"] = 8192;
        body["temperature"] = 0.2;
        messages.Add(new JsonObject { ["role"] = "user", ["content"] = "Find why the build fails and fix it." });
        for (var r = 0; r < RoundTrips; r++)
        {
            var id = $"call_{r:D3}";
            messages.Add(new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = $"Step {r}: looking at the next file.",
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["id"] = id,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = ToolName(r % ToolCount), ["arguments"] = Arguments(r).ToJsonString() },
                }),
            });
            messages.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = id, ["content"] = ToolOutput(r) });
        }
        messages.Add(new JsonObject { ["role"] = "user", ["content"] = "Go on." });
        return Encode(body);
    }

    /// <summary>An Anthropic Messages body of the given shape, as UTF-8.</summary>
    public static byte[] Anthropic(string shape)
    {
        var messages = new JsonArray();
        var body = new JsonObject { ["model"] = "gemini-2.5-flash", ["max_tokens"] = 8192, ["stream"] = true, ["messages"] = messages };
        if (shape == "chat")
        {
            messages.Add(new JsonObject { ["role"] = "user", ["content"] = "Write a haiku about the sea." });
            return Encode(body);
        }

        body["system"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = SystemPrompt() });
        var tools = new JsonArray();
        for (var t = 0; t < ToolCount; t++)
        {
            tools.Add(new JsonObject { ["name"] = ToolName(t), ["description"] = ToolDescription(t), ["input_schema"] = ToolSchema() });
        }
        body["tools"] = tools;
        messages.Add(new JsonObject { ["role"] = "user", ["content"] = "Find why the build fails and fix it." });
        for (var r = 0; r < RoundTrips; r++)
        {
            var id = $"toolu_{r:D3}";
            messages.Add(new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = new JsonArray(
                    new JsonObject { ["type"] = "text", ["text"] = $"Step {r}: looking at the next file." },
                    new JsonObject { ["type"] = "tool_use", ["id"] = id, ["name"] = ToolName(r % ToolCount), ["input"] = Arguments(r) }),
            });
            var results = new JsonArray(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = id, ["content"] = ToolOutput(r) });
            if (r == RoundTrips - 1)
            {
                results.Add(new JsonObject { ["type"] = "text", ["text"] = "Go on." });
            }
            messages.Add(new JsonObject { ["role"] = "user", ["content"] = results });
        }
        return Encode(body);
    }

    private static byte[] Encode(JsonObject body) => Encoding.UTF8.GetBytes(body.ToJsonString());

    private static string ToolName(int t) => $"tool_{t:D2}";

    private static string ToolDescription(int t) =>
        $"Tool number {t}. Reads, searches or edits files in the working tree; paths are relative to the repository root.";

    private static JsonObject ToolSchema() => new()
    {
        ["$schema"] = "http://json-schema.org/draft-07/schema#",
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["path"] = new JsonObject { ["type"] = "string", ["description"] = "File path" },
            ["pattern"] = new JsonObject { ["type"] = new JsonArray("string", "null"), ["description"] = "Search pattern" },
            ["limit"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["default"] = 100 },
            ["mode"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("read", "write", "append") },
        },
        ["required"] = new JsonArray("path"),
        ["additionalProperties"] = false,
    };

    private static JsonObject Arguments(int r) => new() { ["path"] = $"src/Module{r}/File{r}.cs", ["limit"] = 200, ["mode"] = "read" };

    private static string ToolOutput(int r)
    {
        var text = new StringBuilder();
        for (var line = 0; line < 40; line++)
        {
            text.Append("    public int Value").Append(r).Append('_').Append(line).Append(" { get; set; } // line ").Append(line).Append('\n');
        }
        return text.ToString();
    }

    private static string SystemPrompt()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 80; i++)
        {
            text.Append("Rule ").Append(i).Append(": keep answers short, cite file paths, run the tests before you say a change works. ");
        }
        return text.ToString();
    }
}
