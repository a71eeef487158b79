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
    /// <param name="passThrough">The client's own request: sent unchanged but for the model (and <c>stream</c>) to a provider of its protocol.</param>
    /// <param name="builtInTools">The request declares built-in tools (which a Claude model on Cloud Code must not get).</param>
    public static HttpRequestMessage Create(AccountLease lease, string baseUrl, ReadOnlySpan<byte> geminiJson, string requestId, ClientPassThrough? passThrough = null, bool builtInTools = false)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var root = baseUrl.TrimEnd('/');
        HttpRequestMessage request;
        if (lease.Kind == AccountKinds.Antigravity)
        {
            if (!BuiltInToolSupport.CanRun(lease.Kind, lease.UpstreamModel) && builtInTools)
            {
                // A Claude model served by Cloud Code has no Google Search or code execution: it gets the request without them.
                geminiJson = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
                    Protocols.Tools.BuiltInTools.WithoutBuiltIns(Hub(geminiJson)), GeminiJsonContext.Default.GeminiGenerateContentRequest);
            }

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
        else if (lease.Kind == AccountKinds.OpenAiCompatible && passThrough is { Protocol: Protocols.ProtocolKind.OpenAi })
        {
            request = new HttpRequestMessage(HttpMethod.Post, OpenAiEndpoint(root, "/chat/completions"))
            {
                Content = new ByteArrayContent(PassThroughBody(passThrough.Body, lease.UpstreamModel, openAi: true)),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", lease.ApiKey);
        }
        else if (lease.Kind == AccountKinds.AnthropicCompatible && passThrough is { Protocol: Protocols.ProtocolKind.Anthropic })
        {
            request = new HttpRequestMessage(HttpMethod.Post, AnthropicEndpoint(root, "/messages"))
            {
                Content = new ByteArrayContent(PassThroughBody(passThrough.Body, lease.UpstreamModel)),
            };
            AddAnthropicHeaders(request, lease, passThrough.Version);
            if (!string.IsNullOrEmpty(passThrough.Beta))
            {
                request.Headers.TryAddWithoutValidation("anthropic-beta", passThrough.Beta);
            }
        }
        else if (lease.Kind == AccountKinds.AnthropicCompatible)
        {
            var anthropic = Protocols.Upstreams.GeminiToAnthropicRequest.Translate(Hub(geminiJson), lease.UpstreamModel);
            request = new HttpRequestMessage(HttpMethod.Post, AnthropicEndpoint(root, "/messages"))
            {
                Content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(anthropic, Protocols.Anthropic.AnthropicJsonContext.Default.AnthropicMessagesRequest)),
            };
            AddAnthropicHeaders(request, lease);
        }
        else if (lease.Kind == AccountKinds.OpenAiCompatible)
        {
            var chat = Protocols.Upstreams.GeminiToOpenAiChatRequest.Translate(Hub(geminiJson), lease.UpstreamModel);
            request = new HttpRequestMessage(HttpMethod.Post, OpenAiEndpoint(root, "/chat/completions"))
            {
                Content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(chat, Protocols.OpenAi.OpenAiJsonContext.Default.OpenAiChatRequest)),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", lease.ApiKey);
        }
        else
        {
            throw new NotSupportedException($"The gateway cannot call accounts of kind '{lease.Kind}'.");
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
        else if (lease.Kind == AccountKinds.AnthropicCompatible)
        {
            var anthropic = Protocols.Upstreams.GeminiToAnthropicRequest.Translate(generate, lease.UpstreamModel, stream: false) with { MaxTokens = null };
            request = new HttpRequestMessage(HttpMethod.Post, AnthropicEndpoint(root, "/messages/count_tokens"))
            {
                Content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(anthropic, Protocols.Anthropic.AnthropicJsonContext.Default.AnthropicMessagesRequest)),
            };
            AddAnthropicHeaders(request, lease);
        }
        else
        {
            throw new NotSupportedException($"The gateway cannot count tokens on accounts of kind '{lease.Kind}'.");
        }
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    /// <summary>The Anthropic API version sent to Anthropic-compatible providers.</summary>
    public const string AnthropicVersion = "2023-06-01";

    /// <summary>
    /// An Anthropic-style root (<c>https://api.z.ai/api/anthropic</c>) gets <c>/v1</c> + <paramref name="path"/>;
    /// a root that already ends in <c>/v1</c> gets <paramref name="path"/> only.
    /// </summary>
    public static string AnthropicEndpoint(string root, string path) =>
        root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? root + path : root + "/v1" + path;

    /// <summary>
    /// An OpenAI-style base URL ending in a version (<c>https://openrouter.ai/api/v1</c>, <c>…/v4</c>) gets
    /// <paramref name="path"/>; a bare host (<c>http://localhost:11434</c>) gets <c>/v1</c> + <paramref name="path"/>.
    /// </summary>
    public static string OpenAiEndpoint(string root, string path)
    {
        var last = root[(root.LastIndexOf('/') + 1)..];
        var versioned = last.Length > 1 && (last[0] is 'v' or 'V') && last.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
        return versioned ? root + path : root + "/v1" + path;
    }

    private static void AddAnthropicHeaders(HttpRequestMessage request, AccountLease lease, string? version = null)
    {
        request.Headers.TryAddWithoutValidation("x-api-key", lease.ApiKey);
        request.Headers.TryAddWithoutValidation("anthropic-version", string.IsNullOrEmpty(version) ? AnthropicVersion : version);
    }

    /// <summary>
    /// The client's body with the account's model and <c>stream: true</c> (the gateway always streams upstream);
    /// nothing else changes, except that a chat request the client did not stream asks for the usage chunk the
    /// gateway needs to report it.
    /// </summary>
    private static byte[] PassThroughBody(byte[] body, string model, bool openAi = false)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
        var clientStreams = node["stream"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<bool>(out var stream) && stream;
        node["model"] = model;
        node["stream"] = true;
        if (openAi && !clientStreams)
        {
            node["stream_options"] = new System.Text.Json.Nodes.JsonObject { ["include_usage"] = true };
        }
        return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static GeminiGenerateContentRequest Hub(ReadOnlySpan<byte> geminiJson) =>
        System.Text.Json.JsonSerializer.Deserialize(geminiJson, GeminiJsonContext.Default.GeminiGenerateContentRequest)
        ?? throw new ArgumentException("The request to send is empty.", nameof(geminiJson));
}
