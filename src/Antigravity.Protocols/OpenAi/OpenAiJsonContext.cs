using System.Text.Json.Serialization;

namespace Antigravity.Protocols.OpenAi;

/// <summary>Source-generated JSON for the OpenAI wire models.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OpenAiChatRequest))]
[JsonSerializable(typeof(OpenAiContentPart))]
[JsonSerializable(typeof(OpenAiChatCompletion))]
[JsonSerializable(typeof(OpenAiUsage))]
[JsonSerializable(typeof(OpenAiToolCall))]
[JsonSerializable(typeof(IReadOnlyList<OpenAiAnnotation>))]
public sealed partial class OpenAiJsonContext : JsonSerializerContext;
