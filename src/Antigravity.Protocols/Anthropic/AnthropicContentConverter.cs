using System.Text.Json;
using System.Text.Json.Serialization;
using Antigravity.Protocols.Json;

namespace Antigravity.Protocols.Anthropic;

/// <summary>Reads content that is a string (one text block) or an array of blocks.</summary>
public sealed class AnthropicContentConverter : JsonConverter<IReadOnlyList<AnthropicContentBlock>>
{
    /// <inheritdoc />
    public override IReadOnlyList<AnthropicContentBlock>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return [new AnthropicContentBlock { Type = "text", Text = reader.GetString() }];
            case JsonTokenType.StartArray:
                var blocks = new List<AnthropicContentBlock>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var prefix = FieldPath.Index("", blocks.Count);
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new FieldJsonException(prefix, "Must be a content block object.");
                    }

                    try
                    {
                        blocks.Add(JsonSerializer.Deserialize(ref reader, AnthropicJsonContext.Default.AnthropicContentBlock)!);
                    }
                    catch (JsonException ex)
                    {
                        throw NestedJsonException.Relative(prefix, ex);
                    }
                }

                return blocks;
            default:
                throw new FieldJsonException("", "Must be a string or an array of content blocks.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<AnthropicContentBlock> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var block in value)
        {
            JsonSerializer.Serialize(writer, block, AnthropicJsonContext.Default.AnthropicContentBlock);
        }

        writer.WriteEndArray();
    }
}
