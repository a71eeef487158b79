using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Antigravity.Contracts.Monitor;

/// <summary>
/// Takes keys, tokens and passwords out of what the monitor stores: JSON properties with a credential's name,
/// bearer values, the shapes of well-known keys (<c>sk-…</c>, <c>AIza…</c>, <c>ya29.…</c>, Google refresh tokens),
/// <c>?key=</c> query values, and any secret the caller knows by value (the proxy's own API key).
/// </summary>
public static partial class SecretRedactor
{
    /// <summary>What a removed secret is replaced with.</summary>
    public const string Mask = "[redacted]";

    // JSON bodies up to this size are rewritten property by property; larger ones only by pattern.
    private const int MaxStructuredBytes = 1024 * 1024;

    private static readonly HashSet<string> SensitiveNames = new(StringComparer.Ordinal)
    {
        "apikey", "xapikey", "xgoogapikey", "key", "authorization", "proxyauthorization", "cookie", "setcookie",
        "password", "passwd", "secret", "clientsecret", "token", "accesstoken", "refreshtoken", "idtoken",
        "sessiontoken", "bearer", "credential", "credentials", "privatekey",
    };

    /// <summary>True when a JSON property or header called <paramref name="name"/> holds a credential.</summary>
    public static bool IsSensitiveName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 64)];
        var length = 0;
        foreach (var c in name)
        {
            if (c is '-' or '_' or '.' or ' ')
            {
                continue;
            }
            if (length == buffer.Length)
            {
                return false;
            }
            buffer[length++] = char.ToLowerInvariant(c);
        }
        var normalized = new string(buffer[..length]);
        return SensitiveNames.Contains(normalized)
            || normalized.EndsWith("apikey", StringComparison.Ordinal)
            || normalized.EndsWith("secret", StringComparison.Ordinal)
            || normalized.EndsWith("password", StringComparison.Ordinal);
    }

    /// <summary>Removes secrets from free text (an error message, an SSE stream, a non-JSON body).</summary>
    public static string RedactText(string text, IReadOnlyCollection<string>? knownSecrets = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (knownSecrets is not null)
        {
            foreach (var secret in knownSecrets)
            {
                if (secret.Length >= 6)
                {
                    text = text.Replace(secret, Mask, StringComparison.Ordinal);
                }
            }
        }
        text = SchemeCredential().Replace(text, "$1 " + Mask);
        text = JsonCredential().Replace(text, "$1" + Mask + "$2");
        text = QueryCredential().Replace(text, "$1" + Mask);
        return KeyShapes().Replace(text, Mask);
    }

    /// <summary>
    /// The body as text with secrets removed, cut at <paramref name="maxChars"/>. JSON (of reasonable size) is
    /// rewritten so every credential-named property loses its value; anything else is redacted by pattern.
    /// </summary>
    public static string RedactBody(ReadOnlySpan<byte> body, bool isJson, int maxChars, IReadOnlyCollection<string>? knownSecrets, out bool truncated)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChars);
        string text;
        var partial = false;
        if (isJson && body.Length <= MaxStructuredBytes && TryRedactJson(body, out var rewritten))
        {
            text = rewritten;
        }
        else
        {
            // Decoding more than the kept length (×4 covers multi-byte text) is wasted work.
            var take = Math.Min(body.Length, maxChars * 4);
            text = Encoding.UTF8.GetString(body[..take]);
            partial = take < body.Length;
        }
        text = RedactText(text, knownSecrets);
        truncated = partial || text.Length > maxChars;
        return text.Length > maxChars ? text[..maxChars] : text;
    }

    private static bool TryRedactJson(ReadOnlySpan<byte> body, out string text)
    {
        var output = new ArrayBufferWriter<byte>(body.Length + 64);
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 });
            using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true }))
            {
                var redactNext = false;
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            var name = reader.GetString()!;
                            writer.WritePropertyName(name);
                            redactNext = IsSensitiveName(name);
                            continue;
                        case JsonTokenType.StartObject or JsonTokenType.StartArray when redactNext:
                            reader.Skip();
                            writer.WriteStringValue(Mask);
                            break;
                        case JsonTokenType.StartObject:
                            writer.WriteStartObject();
                            break;
                        case JsonTokenType.EndObject:
                            writer.WriteEndObject();
                            break;
                        case JsonTokenType.StartArray:
                            writer.WriteStartArray();
                            break;
                        case JsonTokenType.EndArray:
                            writer.WriteEndArray();
                            break;
                        case JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False when redactNext:
                            writer.WriteStringValue(Mask);
                            break;
                        case JsonTokenType.String:
                            writer.WriteStringValue(reader.GetString());
                            break;
                        case JsonTokenType.Number:
                            writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                            break;
                        case JsonTokenType.True or JsonTokenType.False:
                            writer.WriteBooleanValue(reader.GetBoolean());
                            break;
                        case JsonTokenType.Null:
                            writer.WriteNullValue();
                            break;
                    }
                    redactNext = false;
                }
            }
            text = Encoding.UTF8.GetString(output.WrittenSpan);
            return true;
        }
        catch (JsonException)
        {
            text = "";
            return false;
        }
    }

    [GeneratedRegex(@"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}")]
    private static partial Regex SchemeCredential();

    [GeneratedRegex(@"(?i)(""(?:api[_-]?key|x-api-key|x-goog-api-key|authorization|access[_-]?token|refresh[_-]?token|id[_-]?token|password|secret|client[_-]?secret)""\s*:\s*"")(?:[^""\\]|\\.)*("")")]
    private static partial Regex JsonCredential();

    [GeneratedRegex(@"(?i)([?&](?:key|api_key|apikey|access_token|token)=)[^&\s""']+")]
    private static partial Regex QueryCredential();

    [GeneratedRegex(@"\bsk-[A-Za-z0-9_-]{8,}|\bAIza[0-9A-Za-z_-]{20,}|\bya29\.[0-9A-Za-z._-]{10,}|\b1//[0-9A-Za-z_-]{20,}")]
    private static partial Regex KeyShapes();
}
