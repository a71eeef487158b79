using System.Text.Json;
using System.Text.Json.Nodes;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;
using Antigravity.Protocols;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Upstreams;

namespace Antigravity.Gateway.Upstream.Kinds;

/// <summary>
/// Gemini API keys: <c>POST {root}/v1beta/models/{model}:streamGenerateContent?alt=sse</c> and <c>…:countTokens</c>
/// with <c>x-goog-api-key</c>; the answers are Gemini's own.
/// </summary>
internal sealed class GeminiApiKeyKind : IUpstreamKind
{
    public string Kind => AccountKinds.GeminiApiKey;

    public string GenAiSystem => "gcp.gemini";

    public ProtocolKind? ClientProtocol => null;

    public bool RunsBuiltInTools(string upstreamModel) => UpstreamRequests.IsGeminiModel(upstreamModel);

    // Streams upstream whatever the client asked: the answer is gathered from its events.
    public bool AnswersWhole => false;

    public HttpRequestMessage CreateGenerate(AccountLease lease, string baseUrl, ReadOnlySpan<byte> geminiJson, string requestId, ClientPassThrough? passThrough, bool builtInTools, bool wholeAnswer)
    {
        var root = UpstreamRequests.Root(baseUrl);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{root}/v1beta/models/{Uri.EscapeDataString(lease.UpstreamModel)}:streamGenerateContent?alt=sse")
        {
            Content = new ByteArrayContent(geminiJson.ToArray()),
        };
        request.Headers.TryAddWithoutValidation("x-goog-api-key", lease.ApiKey);
        return UpstreamRequests.Streaming(request);
    }

    public HttpRequestMessage CreateCountTokens(AccountLease lease, string baseUrl, GeminiGenerateContentRequest generate, JsonNode countJson)
    {
        var root = UpstreamRequests.Root(baseUrl);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{root}/v1beta/models/{Uri.EscapeDataString(lease.UpstreamModel)}:countTokens")
        {
            Content = new StringContent(countJson.ToJsonString()),
        };
        request.Headers.TryAddWithoutValidation("x-goog-api-key", lease.ApiKey);
        return UpstreamRequests.Json(request);
    }

    public GeminiCountTokensResponse? ReadCountTokens(byte[] body) => UpstreamRequests.GeminiCount(body);

    public IUpstreamDecoder? CreateDecoder() => null;
}
