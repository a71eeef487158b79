using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;
using Antigravity.Protocols;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Tools;
using Antigravity.Protocols.Upstreams;

namespace Antigravity.Gateway.Upstream.Kinds;

/// <summary>
/// Google accounts on the Cloud Code API: <c>POST {root}/v1internal:streamGenerateContent?alt=sse</c> with the bearer
/// token and the Cloud Code envelope; <c>POST {root}/v1internal:countTokens</c> with <c>{"request":…}</c>.
/// </summary>
internal sealed class CloudCodeKind : IUpstreamKind
{
    public string Kind => AccountKinds.Antigravity;

    public string GenAiSystem => "gcp.vertex_ai";

    public ProtocolKind? ClientProtocol => null;

    /// <summary>Gemini models run them; a Claude model served by Cloud Code does not.</summary>
    public bool RunsBuiltInTools(string upstreamModel) => UpstreamRequests.IsGeminiModel(upstreamModel);

    // Streams upstream whatever the client asked: the answer is gathered from its events.
    public bool AnswersWhole => false;

    public HttpRequestMessage CreateGenerate(AccountLease lease, string baseUrl, ReadOnlySpan<byte> geminiJson, string requestId, ClientPassThrough? passThrough, bool builtInTools, bool wholeAnswer)
    {
        var root = UpstreamRequests.Root(baseUrl);
        if (builtInTools && !RunsBuiltInTools(lease.UpstreamModel))
        {
            // The model has no Google Search or code execution: it gets the request without them.
            geminiJson = JsonSerializer.SerializeToUtf8Bytes(BuiltInTools.WithoutBuiltIns(UpstreamRequests.Gemini(geminiJson)), GeminiJsonContext.Default.GeminiGenerateContentRequest);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, root + "/v1internal:streamGenerateContent?alt=sse")
        {
            Content = new ByteArrayContent(CloudCodeEnvelope.WrapRequest(geminiJson, new CloudCodeRequestInfo(lease.ProjectId ?? "", lease.UpstreamModel, requestId))),
        };
        Authorize(request, lease);
        return UpstreamRequests.Streaming(request);
    }

    public HttpRequestMessage CreateCountTokens(AccountLease lease, string baseUrl, GeminiGenerateContentRequest generate, JsonNode countJson)
    {
        var root = UpstreamRequests.Root(baseUrl);
        var inner = countJson["generateContentRequest"]!.DeepClone();
        var request = new HttpRequestMessage(HttpMethod.Post, root + "/v1internal:countTokens")
        {
            Content = new StringContent(new JsonObject { ["request"] = inner }.ToJsonString()),
        };
        Authorize(request, lease);
        return UpstreamRequests.Json(request);
    }

    public GeminiCountTokensResponse? ReadCountTokens(byte[] body) => UpstreamRequests.GeminiCount(body);

    public IUpstreamDecoder? CreateDecoder() => null;

    private static void Authorize(HttpRequestMessage request, AccountLease lease)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", lease.AccessToken);
        request.Headers.UserAgent.ParseAdd("antigravity");
    }
}
