using System.Text.Json.Serialization;

namespace Antigravity.Gateway.Endpoints;

/// <summary>The Gemini API's <c>Model</c> resource, as <c>GET /v1beta/models/{model}</c> returns it.</summary>
internal sealed record GeminiModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("baseModelId")] string BaseModelId,
    [property: JsonPropertyName("displayName")] string DisplayName,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("supportedGenerationMethods")] IReadOnlyList<string> SupportedGenerationMethods);

/// <summary>The Gemini API's <c>ListModelsResponse</c>: <c>{"models":[…]}</c>.</summary>
internal sealed record GeminiModelList([property: JsonPropertyName("models")] IReadOnlyList<GeminiModel> Models);
