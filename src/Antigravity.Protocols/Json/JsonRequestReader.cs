using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Antigravity.Protocols.Json;

/// <summary>
/// Deserializes a client body with a source-generated type, turning every failure (bad syntax, wrong
/// JSON type, a non-object body) into a <see cref="ProtocolError"/> that names the field. Never throws
/// on client input.
/// </summary>
internal static class JsonRequestReader
{
    public static ParseResult<T> Read<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (CheckSyntax(body) is { } syntaxError)
        {
            return syntaxError;
        }

        try
        {
            var value = JsonSerializer.Deserialize(body, typeInfo);
            return value is null
                ? ParseResult<T>.Failure("", "Request body must be a JSON object.")
                : ParseResult<T>.Success(value);
        }
        catch (FieldJsonException ex)
        {
            return new ProtocolError(FieldPath.Join(FieldPath.FromJsonPath(ex.Path), ex.RelativePath), ex.Message);
        }
        catch (JsonException ex)
        {
            var field = FieldPath.FromJsonPath(ex.Path);
            return field.Length == 0
                ? new ProtocolError("", "Request body must be a JSON object.")
                : new ProtocolError(field, "Invalid value: wrong JSON type for this field.");
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or FormatException or OverflowException)
        {
            return new ProtocolError("", "Request body could not be read: " + ex.GetType().Name);
        }
    }

    /// <summary>Validates syntax with a forward-only reader so that syntax errors read as such.</summary>
    private static ProtocolError? CheckSyntax(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return new ProtocolError("", "Request body is empty; expected a JSON object.");
        }

        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            // JSON text is UTF-8 (RFC 8259); an invalid sequence would otherwise surface later, deep in a string read.
            return new ProtocolError("", "Request body is not valid UTF-8.");
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read())
            {
                return new ProtocolError("", "Request body is empty; expected a JSON object.");
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return new ProtocolError("", "Request body must be a JSON object.");
            }

            while (reader.Read())
            {
                if (reader.ValueIsEscaped && reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    // Unescaping validates \u escapes: a lone surrogate (\ud800) is not text, and would fail later,
                    // deep in a translator or a serializer.
                    _ = reader.GetString();
                }
                else if (reader.TokenType == JsonTokenType.Number && !(reader.TryGetDouble(out var number) && double.IsFinite(number)))
                {
                    return new ProtocolError("", $"Invalid JSON number at byte {reader.TokenStartIndex + 1}: it is beyond the range of a double.");
                }
            }

            return null;
        }
        catch (JsonException ex)
        {
            return new ProtocolError("", $"Invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}.");
        }
        catch (InvalidOperationException)
        {
            return new ProtocolError("", $"Invalid JSON string at byte {reader.BytesConsumed + 1}: a \\u escape is not valid UTF-16 (for example a lone surrogate).");
        }
    }
}
