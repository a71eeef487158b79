using System.Text.Json;
using System.Text.Json.Nodes;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;
using Antigravity.Protocols;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Upstreams;

namespace Antigravity.Gateway.Upstream.Kinds;

/// <summary>
/// Anthropic-compatible keys (e.g. z.ai): <c>POST {root}/v1/messages</c> with <c>x-api-key</c> and <c>anthropic-version</c>;
/// an Anthropic client's request goes as it is (model replaced), any other is translated from Gemini; the answer's
/// events are decoded back into Gemini events. Counting uses <c>/v1/messages/count_tokens</c>.
/// </summary>
internal sealed class AnthropicCompatibleKind : IUpstreamKind
{
    /// <summary>The Anthropic API version sent when the client named none.</summary>
    public const string AnthropicVersion = "2023-06-01";

    public string Kind => AccountKinds.AnthropicCompatible;

    public string GenAiSystem => "anthropic";

    public ProtocolKind? ClientProtocol => ProtocolKind.Anthropic;

    public bool RunsBuiltInTools(string upstreamModel) => false;

    // Streams upstream whatever the client asked: the answer is gathered from its events.
    public bool AnswersWhole => false;

    public HttpRequestMessage CreateGenerate(AccountLease lease, string baseUrl, ReadOnlySpan<byte> geminiJson, string requestId, ClientPassThrough? passThrough, bool builtInTools, bool wholeAnswer)
    {
        var root = UpstreamRequests.Root(baseUrl);
        var passing = passThrough is { Protocol: ProtocolKind.Anthropic } ? passThrough : null;
        byte[] body;
        if (passing is not null)
        {
            body = UpstreamRequests.PassThroughBody(passing.Body, lease.UpstreamModel);
        }
        else
        {
            var anthropic = GeminiToAnthropicRequest.Translate(UpstreamRequests.Gemini(geminiJson), lease.UpstreamModel);
            body = JsonSerializer.SerializeToUtf8Bytes(anthropic, AnthropicJsonContext.Default.AnthropicMessagesRequest);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(root, "/messages")) { Content = new ByteArrayContent(body) };
        AddHeaders(request, lease, passThrough?.Version);
        if (passing is { Beta: { Length: > 0 } beta })
        {
            request.Headers.TryAddWithoutValidation("anthropic-beta", beta);
        }
        return UpstreamRequests.ForClient(request, passing);
    }

    public HttpRequestMessage CreateCountTokens(AccountLease lease, string baseUrl, GeminiGenerateContentRequest generate, JsonNode countJson)
    {
        var root = UpstreamRequests.Root(baseUrl);
        var anthropic = GeminiToAnthropicRequest.Translate(generate, lease.UpstreamModel, stream: false) with { MaxTokens = null };
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(root, "/messages/count_tokens"))
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(anthropic, AnthropicJsonContext.Default.AnthropicMessagesRequest)),
        };
        AddHeaders(request, lease);
        return UpstreamRequests.Json(request);
    }

    /// <summary>An Anthropic <c>{"input_tokens":N}</c> answer as a Gemini count.</summary>
    public GeminiCountTokensResponse? ReadCountTokens(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("input_tokens", out var tokens) && tokens.TryGetInt32(out var count)
            ? new GeminiCountTokensResponse { TotalTokens = count }
            : null;
    }

    public IUpstreamDecoder? CreateDecoder() => new AnthropicEventDecoder();

    /// <summary>
    /// An Anthropic-style root (<c>https://api.z.ai/api/anthropic</c>) gets <c>/v1</c> + <paramref name="path"/>;
    /// a root that already ends in <c>/v1</c> gets <paramref name="path"/> only.
    /// </summary>
    public static string Endpoint(string root, string path) =>
        root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? root + path : root + "/v1" + path;

    private static void AddHeaders(HttpRequestMessage request, AccountLease lease, string? version = null)
    {
        request.Headers.TryAddWithoutValidation("x-api-key", lease.ApiKey);
        request.Headers.TryAddWithoutValidation("anthropic-version", string.IsNullOrEmpty(version) ? AnthropicVersion : version);
    }
}
