using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator;

/// <summary>Reads a request body as a JSON object, reporting why it is not one, and the values the handlers pick from it.</summary>
internal static class JsonBody
{
    private static readonly JsonNodeOptions s_nodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 128 };

    public sealed record Result(JsonObject? Object, string? Error);

    public static async Task<Result> ReadObjectAsync(HttpRequest request)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, s_nodeOptions, s_documentOptions, request.HttpContext.RequestAborted);
            return node is JsonObject obj ? new Result(obj, null) : new Result(null, "Expected a JSON object at the top level.");
        }
        catch (JsonException ex)
        {
            return new Result(null, ex.Message);
        }
    }

    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// The text of a content field that is a string or a list of parts: OpenAI content parts and Anthropic
    /// content blocks share the <c>{"type": "text", "text": …}</c> shape; other parts add nothing.
    /// </summary>
    public static string TextOf(JsonNode? content)
    {
        if (String(content) is { } text)
        {
            return text;
        }
        var builder = new StringBuilder();
        foreach (var part in content as JsonArray ?? [])
        {
            if (String(part?["type"]) == "text" && String(part?["text"]) is { } piece)
            {
                builder.Append(piece);
            }
        }
        return builder.ToString();
    }

    public static bool Bool(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
}
