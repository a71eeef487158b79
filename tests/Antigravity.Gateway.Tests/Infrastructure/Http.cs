using System.Net;
using System.Text.Json;

namespace Antigravity.Gateway.Tests.Infrastructure;

/// <summary>Small helpers to send a request and read its JSON answer.</summary>
public static class Http
{
    public static async Task<(HttpStatusCode Status, JsonDocument? Body, HttpResponseMessage Response)> SendAsync(
        HttpClient client, HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonDocument.Parse(text), response);
    }

    public static Task<(HttpStatusCode Status, JsonDocument? Body, HttpResponseMessage Response)> GetAsync(
        HttpClient client, string path, params (string Name, string Value)[] headers) =>
        SendAsync(client, HttpMethod.Get, path, headers);

    public static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, params (string Name, string Value)[] headers)
    {
        var (status, body, response) = await GetAsync(client, path, headers);
        body?.Dispose();
        response.Dispose();
        return status;
    }

    /// <summary>The OpenAI / Google <c>error.message</c> or Anthropic <c>error.message</c>.</summary>
    public static string ErrorMessage(JsonDocument body) => body.RootElement.GetProperty("error").GetProperty("message").GetString()!;
}
