using System.Text.Json.Serialization;

namespace Antigravity.Gateway.Endpoints;

/// <summary>OpenAI's model object: <c>{"id","object":"model","created","owned_by"}</c>.</summary>
internal sealed record OpenAiModel(
    [property: JsonPropertyName("id"), JsonPropertyOrder(0)] string Id,
    [property: JsonPropertyName("created"), JsonPropertyOrder(2)] long Created,
    [property: JsonPropertyName("owned_by"), JsonPropertyOrder(3)] string OwnedBy)
{
    [JsonPropertyName("object")]
    [JsonPropertyOrder(1)]
    public string Object => "model";
}

/// <summary>OpenAI's list: <c>{"object":"list","data":[…]}</c>.</summary>
internal sealed record OpenAiModelList([property: JsonPropertyName("data"), JsonPropertyOrder(1)] IReadOnlyList<OpenAiModel> Data)
{
    [JsonPropertyName("object")]
    [JsonPropertyOrder(0)]
    public string Object => "list";
}
