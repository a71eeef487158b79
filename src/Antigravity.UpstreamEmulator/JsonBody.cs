using System.Text.Json;
using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator;

/// <summary>Reads a request body as a JSON object, reporting why it is not one.</summary>
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

    public static bool Bool(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
}
