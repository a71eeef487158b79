using System.Text.Json.Serialization;

namespace Antigravity.Gateway.Endpoints;

/// <summary>OpenAI's model object: <c>{"id","object":"model","created","owned_by"}</c>.</summary>
internal sealed record OpenAiModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy)
{
    [JsonPropertyName("object")]
    public string Object => "model";
}

/// <summary>OpenAI's list: <c>{"object":"list","data":[…]}</c>.</summary>
internal sealed record OpenAiModelList([property: JsonPropertyName("data")] IReadOnlyList<OpenAiModel> Data)
{
    [JsonPropertyName("object")]
    public string Object => "list";
}
