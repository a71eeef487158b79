using System.Net.Http.Headers;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;
using Antigravity.Protocols.Gemini;

namespace Antigravity.Gateway.Upstream;

/// <summary>Builds the upstream HTTP request for a lease's kind (pure; no I/O).</summary>
internal static class UpstreamRequestFactory
{
    /// <summary>
    /// <c>antigravity</c>: <c>POST {baseUrl}/v1internal:streamGenerateContent?alt=sse</c> with the bearer token and
    /// the Cloud Code envelope; <c>gemini-api-key</c>: <c>POST {baseUrl}/v1beta/models/{model}:streamGenerateContent?alt=sse</c>
    /// with <c>x-goog-api-key</c>.
    /// </summary>
    /// <param name="lease">The account.</param>
    /// <param name="baseUrl">One of the lease's base URLs.</param>
    /// <param name="geminiJson">The Gemini <c>GenerateContentRequest</c> as UTF-8 JSON.</param>
    /// <param name="requestId">The Cloud Code <c>requestId</c>.</param>
    public static HttpRequestMessage Create(AccountLease lease, string baseUrl, ReadOnlySpan<byte> geminiJson, string requestId)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var root = baseUrl.TrimEnd('/');
        HttpRequestMessage request;
        if (lease.Kind == AccountKinds.Antigravity)
        {
            request = new HttpRequestMessage(HttpMethod.Post, root + "/v1internal:streamGenerateContent?alt=sse")
            {
                Content = new ByteArrayContent(CloudCodeEnvelope.WrapRequest(geminiJson, new CloudCodeRequestInfo(lease.ProjectId ?? "", lease.UpstreamModel, requestId))),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", lease.AccessToken);
            request.Headers.UserAgent.ParseAdd("antigravity");
        }
        else if (lease.Kind == AccountKinds.GeminiApiKey)
        {
            request = new HttpRequestMessage(HttpMethod.Post, $"{root}/v1beta/models/{Uri.EscapeDataString(lease.UpstreamModel)}:streamGenerateContent?alt=sse")
            {
                Content = new ByteArrayContent(geminiJson.ToArray()),
            };
            request.Headers.TryAddWithoutValidation("x-goog-api-key", lease.ApiKey);
        }
        else
        {
            throw new NotSupportedException($"The gateway cannot call accounts of kind '{lease.Kind}' for this protocol.");
        }
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }

    /// <summary>
    /// The upstream <c>countTokens</c> call for the same request: <c>antigravity</c>:
    /// <c>POST {baseUrl}/v1internal:countTokens</c> with <c>{"request":{"model":"models/…",…}}</c>;
    /// <c>gemini-api-key</c>: <c>POST {baseUrl}/v1beta/models/{model}:countTokens</c> with <c>{"generateContentRequest":…}</c>.
    /// </summary>
    public static HttpRequestMessage CreateCountTokens(AccountLease lease, string baseUrl, ReadOnlySpan<byte> geminiJson)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var generate = System.Text.Json.JsonSerializer.Deserialize(geminiJson, GeminiJsonContext.Default.GeminiGenerateContentRequest)
            ?? throw new ArgumentException("The request to count is empty.", nameof(geminiJson));
        var count = Protocols.Translation.CountTokensTranslator.ToGemini(generate, lease.UpstreamModel);
        var countJson = System.Text.Json.JsonSerializer.SerializeToNode(count, GeminiJsonContext.Default.GeminiCountTokensRequest)!;
        var root = baseUrl.TrimEnd('/');
        HttpRequestMessage request;
        if (lease.Kind == AccountKinds.Antigravity)
        {
            var inner = countJson["generateContentRequest"]!.DeepClone();
            request = new HttpRequestMessage(HttpMethod.Post, root + "/v1internal:countTokens")
            {
                Content = new StringContent(new System.Text.Json.Nodes.JsonObject { ["request"] = inner }.ToJsonString()),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", lease.AccessToken);
            request.Headers.UserAgent.ParseAdd("antigravity");
        }
        else if (lease.Kind == AccountKinds.GeminiApiKey)
        {
            request = new HttpRequestMessage(HttpMethod.Post, $"{root}/v1beta/models/{Uri.EscapeDataString(lease.UpstreamModel)}:countTokens")
            {
                Content = new StringContent(countJson.ToJsonString()),
            };
            request.Headers.TryAddWithoutValidation("x-goog-api-key", lease.ApiKey);
        }
        else
        {
            throw new NotSupportedException($"The gateway cannot count tokens on accounts of kind '{lease.Kind}'.");
        }
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }
}
