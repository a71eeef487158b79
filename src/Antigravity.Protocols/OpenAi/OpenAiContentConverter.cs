using System.Text.Json;
using System.Text.Json.Serialization;
using Antigravity.Protocols.Json;

namespace Antigravity.Protocols.OpenAi;

/// <summary>Reads message content that is a string, an array of parts, or null.</summary>
public sealed class OpenAiContentConverter : JsonConverter<IReadOnlyList<OpenAiContentPart>>
{
    /// <inheritdoc />
    public override IReadOnlyList<OpenAiContentPart>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return [new OpenAiContentPart { Type = "text", Text = reader.GetString() }];
            case JsonTokenType.StartArray:
                var parts = new List<OpenAiContentPart>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var prefix = FieldPath.Index("", parts.Count);
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new FieldJsonException(prefix, "Must be a content part object.");
                    }

                    try
                    {
                        parts.Add(JsonSerializer.Deserialize(ref reader, OpenAiJsonContext.Default.OpenAiContentPart)!);
                    }
                    catch (JsonException ex)
                    {
                        throw NestedJsonException.Relative(prefix, ex);
                    }
                }

                return parts;
            default:
                throw new FieldJsonException("", "Must be a string, an array of content parts, or null.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<OpenAiContentPart> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var part in value)
        {
            JsonSerializer.Serialize(writer, part, OpenAiJsonContext.Default.OpenAiContentPart);
        }

        writer.WriteEndArray();
    }
}
