using System.Text.Json.Serialization;

namespace Antigravity.Protocols.Anthropic;

/// <summary>Source-generated JSON for the Anthropic wire models.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AnthropicMessagesRequest))]
[JsonSerializable(typeof(AnthropicContentBlock))]
[JsonSerializable(typeof(AnthropicMessagesResponse))]
[JsonSerializable(typeof(AnthropicCountTokensResponse))]
[JsonSerializable(typeof(AnthropicCitation))]
public sealed partial class AnthropicJsonContext : JsonSerializerContext;
