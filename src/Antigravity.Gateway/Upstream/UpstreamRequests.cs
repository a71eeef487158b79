using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antigravity.Protocols.Gemini;

namespace Antigravity.Gateway.Upstream;

/// <summary>What every kind's upstream request shares (pure; no I/O).</summary>
internal static class UpstreamRequests
{
    /// <summary>True for a Gemini model: on Google's APIs, those run the built-in tools.</summary>
    public static bool IsGeminiModel(string upstreamModel) => upstreamModel.StartsWith("gemini", StringComparison.OrdinalIgnoreCase);

    /// <summary>Google's <c>countTokens</c> answer (Cloud Code's envelope removed, if any).</summary>
    public static GeminiCountTokensResponse? GeminiCount(byte[] body) =>
        JsonSerializer.Deserialize(CloudCodeEnvelope.UnwrapResponse(body).Span, GeminiJsonContext.Default.GeminiCountTokensResponse);

    /// <summary>A base URL without its trailing slash, to append paths to.</summary>
    public static string Root(string baseUrl) => baseUrl.TrimEnd('/');

    /// <summary>A JSON body that asks for an event stream.</summary>
    public static HttpRequestMessage Streaming(HttpRequestMessage request)
    {
        Json(request);
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }

    /// <summary>A JSON body.</summary>
    public static HttpRequestMessage Json(HttpRequestMessage request)
    {
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    /// <summary>The translated request, as the hub model, for the kinds that translate it further.</summary>
    public static GeminiGenerateContentRequest Gemini(ReadOnlySpan<byte> geminiJson) =>
        JsonSerializer.Deserialize(geminiJson, GeminiJsonContext.Default.GeminiGenerateContentRequest)
        ?? throw new ArgumentException("The request to send is empty.", nameof(geminiJson));

    /// <summary>
    /// The client's body with the account's model and <c>stream: true</c> (the gateway always streams upstream);
    /// nothing else changes, except that a chat request the client did not stream asks for the usage chunk the
    /// gateway needs to report it.
    /// </summary>
    public static byte[] PassThroughBody(byte[] body, string model, bool openAi = false)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        var clientStreams = node["stream"] is JsonValue value && value.TryGetValue<bool>(out var stream) && stream;
        node["model"] = model;
        node["stream"] = true;
        if (openAi && !clientStreams)
        {
            node["stream_options"] = new JsonObject { ["include_usage"] = true };
        }
        return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
