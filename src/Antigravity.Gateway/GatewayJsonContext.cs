using System.Text.Json.Serialization;
using Antigravity.Gateway.Endpoints;

namespace Antigravity.Gateway;

/// <summary>Source-generated JSON for the gateway's own responses.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(HealthzResponse))]
[JsonSerializable(typeof(OpenAiModel))]
[JsonSerializable(typeof(OpenAiModelList))]
[JsonSerializable(typeof(GeminiModel))]
[JsonSerializable(typeof(GeminiModelList))]
[JsonSerializable(typeof(Antigravity.Gateway.Chat.ResponseDeleted))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
