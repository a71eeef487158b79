using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;
using Antigravity.Protocols;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Upstreams;

namespace Antigravity.Gateway.Upstream.Kinds;

/// <summary>
/// OpenAI-compatible keys (DeepSeek, OpenRouter, Ollama…): <c>POST {root}/chat/completions</c> with a bearer key; an
/// OpenAI chat client's request goes as it is (model replaced), any other is translated from Gemini (for one whole
/// answer when the client does not stream); the answer's chunks, or the whole answer, are decoded back into Gemini
/// events. Chat completions have no token-count call.
/// </summary>
internal sealed class OpenAiCompatibleKind : IUpstreamKind
{
    public string Kind => AccountKinds.OpenAiCompatible;

    public string GenAiSystem => "openai";

    public ProtocolKind? ClientProtocol => ProtocolKind.OpenAi;

    public bool RunsBuiltInTools(string upstreamModel) => false;

    public bool AnswersWhole => true;

    public HttpRequestMessage CreateGenerate(AccountLease lease, string baseUrl, ReadOnlySpan<byte> geminiJson, string requestId, ClientPassThrough? passThrough, bool builtInTools, bool wholeAnswer)
    {
        var root = UpstreamRequests.Root(baseUrl);
        var passing = passThrough is { Protocol: ProtocolKind.OpenAi } ? passThrough : null;
        var body = passing is not null
            ? UpstreamRequests.PassThroughBody(passing.Body, lease.UpstreamModel)
            : JsonSerializer.SerializeToUtf8Bytes(GeminiToOpenAiChatRequest.Translate(UpstreamRequests.Gemini(geminiJson), lease.UpstreamModel, stream: !wholeAnswer), OpenAiJsonContext.Default.OpenAiChatRequest);
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(root, "/chat/completions")) { Content = new ByteArrayContent(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", lease.ApiKey);
        return UpstreamRequests.ForClient(request, passing);
    }

    public HttpRequestMessage CreateCountTokens(AccountLease lease, string root, GeminiGenerateContentRequest generate, JsonNode countJson) =>
        throw new NotSupportedException($"The gateway cannot count tokens on accounts of kind '{Kind}'.");

    public GeminiCountTokensResponse? ReadCountTokens(byte[] body) => null;

    public IUpstreamDecoder? CreateDecoder() => new OpenAiChunkDecoder();

    /// <summary>
    /// A base URL ending in a version (<c>https://openrouter.ai/api/v1</c>, <c>…/v4</c>) gets <paramref name="path"/>;
    /// a bare host (<c>http://localhost:11434</c>) gets <c>/v1</c> + <paramref name="path"/>.
    /// </summary>
    public static string Endpoint(string root, string path)
    {
        var last = root[(root.LastIndexOf('/') + 1)..];
        var versioned = last.Length > 1 && (last[0] is 'v' or 'V') && last.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
        return versioned ? root + path : root + "/v1" + path;
    }
}
