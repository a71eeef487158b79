using System.Buffers;
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
    /// The client's body byte for byte, but for its top-level <c>model</c>, which becomes the account's: a client that
    /// streams gets the provider's stream, one that does not gets its whole answer (<see cref="ForClient"/>). The body
    /// is not re-serialized: the value of every top-level <c>model</c> is cut out and the new one put in its place.
    /// </summary>
    public static byte[] PassThroughBody(byte[] body, string model)
    {
        var replaced = new List<(int Start, int End)>(1);
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                replaced.Add((start, (int)reader.BytesConsumed));
            }
        }
        var value = Quoted(model);
        var output = new ArrayBufferWriter<byte>(body.Length + value.Length + 10);
        if (replaced.Count == 0)
        {
            // The object's opening brace, then the model, then the rest (a comma only if the object has members).
            var open = Array.IndexOf(body, (byte)'{') + 1;
            output.Write(body.AsSpan(0, open));
            output.Write("\"model\":"u8);
            output.Write(value);
            var rest = body.AsSpan(open);
            if (rest.TrimStart(" \t\r\n"u8).IndexOf((byte)'}') != 0)
            {
                output.Write(","u8);
            }
            output.Write(rest);
            return output.WrittenSpan.ToArray();
        }
        var at = 0;
        foreach (var (start, end) in replaced)
        {
            output.Write(body.AsSpan(at, start - at));
            output.Write(value);
            at = end;
        }
        output.Write(body.AsSpan(at));
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Quoted(string text)
    {
        var encoded = JsonEncodedText.Encode(text).EncodedUtf8Bytes;
        var quoted = new byte[encoded.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        encoded.CopyTo(quoted.AsSpan(1));
        return quoted;
    }

    /// <summary>A request that asks for a stream, unless it passes a client's non-streamed request through.</summary>
    public static HttpRequestMessage ForClient(HttpRequestMessage request, ClientPassThrough? passThrough) =>
        passThrough is { Streams: false } ? Json(request) : Streaming(request);
}
