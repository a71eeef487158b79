using System.Text.Json;
using System.Text.Json.Serialization;

namespace Antigravity.Protocols.Gemini;

/// <summary>Source-generated JSON for the Gemini wire models.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GeminiGenerateContentRequest))]
[JsonSerializable(typeof(GeminiGenerateContentResponse))]
[JsonSerializable(typeof(GeminiUsageMetadata))]
[JsonSerializable(typeof(GeminiCountTokensResponse))]
[JsonSerializable(typeof(GeminiCountTokensRequest))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class GeminiJsonContext : JsonSerializerContext;
