using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Antigravity.Protocols.Json;

/// <summary>
/// Reads content that both OpenAI and Anthropic let a client write two ways: a plain string (one text
/// item) or an array of typed objects; null stays null. Errors name the offending item.
/// </summary>
/// <typeparam name="T">The content item (OpenAI content part, Anthropic content block).</typeparam>
public abstract class TextOrObjectListConverter<T> : JsonConverter<IReadOnlyList<T>>
    where T : class
{
    /// <summary>Source-generated metadata of <typeparamref name="T"/>.</summary>
    protected abstract JsonTypeInfo<T> ItemTypeInfo { get; }

    /// <summary>What one item is called in error messages, e.g. "content part".</summary>
    protected abstract string ItemNoun { get; }

    /// <summary>The item a plain string stands for.</summary>
    protected abstract T CreateText(string? text);

    /// <inheritdoc />
    public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return [CreateText(reader.GetString())];
            case JsonTokenType.StartArray:
                var items = new List<T>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var prefix = FieldPath.Index("", items.Count);
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new FieldJsonException(prefix, $"Must be a {ItemNoun} object.");
                    }

                    try
                    {
                        items.Add(JsonSerializer.Deserialize(ref reader, ItemTypeInfo)!);
                    }
                    catch (JsonException ex)
                    {
                        throw NestedJsonException.Relative(prefix, ex);
                    }
                }

                return items;
            default:
                throw new FieldJsonException("", $"Must be a string, an array of {ItemNoun}s, or null.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, ItemTypeInfo);
        }

        writer.WriteEndArray();
    }
}
