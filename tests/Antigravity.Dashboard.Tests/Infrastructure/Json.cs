using System.Net.Http.Json;
using System.Text.Json;

namespace Antigravity.Dashboard.Tests.Infrastructure;

/// <summary>Reads response bodies as JSON documents, to assert on the wire shape rather than on our own types.</summary>
public static class Json
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static HttpContent Body(string json) => new StringContent(json, System.Text.Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PatchAsync(HttpClient client, string json) =>
        client.PatchAsync("/api/proxy/config", Body(json));

    /// <summary>The <c>error.message</c> of an admin API error body.</summary>
    public static string ErrorMessage(JsonElement body) => body.GetProperty("error").GetProperty("message").GetString()!;

    public static string? ErrorField(JsonElement body) =>
        body.GetProperty("error").TryGetProperty("field", out var field) ? field.GetString() : null;

    public static JsonContent Of<T>(T value) => JsonContent.Create(value);
}
