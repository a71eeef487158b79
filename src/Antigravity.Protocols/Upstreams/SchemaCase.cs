using System.Text.Json;
using System.Text.Json.Nodes;

namespace Antigravity.Protocols.Upstreams;

/// <summary>Gemini clients may write schema types in upper case (<c>OBJECT</c>); JSON Schema wants lower case.</summary>
internal static class SchemaCase
{
    public static JsonElement Lower(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText());
        Visit(node);
        return node is null ? schema : JsonSerializer.SerializeToElement(node, Json.ProtocolJsonContext.Default.JsonNode);
    }

    private static void Visit(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "type" && value is JsonValue v && v.TryGetValue<string>(out var type))
                    {
                        obj[key] = type.ToLowerInvariant();
                    }
                    else
                    {
                        Visit(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Visit(item);
                }

                break;
        }
    }
}
