using System.Text.Json.Nodes;
using Antigravity.Contracts.Leasing;
using Antigravity.Protocols;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Upstreams;

namespace Antigravity.Gateway.Upstream.Kinds;

/// <summary>
/// What differs per account kind on the request path: how the upstream request is built, how its stream and its
/// token count are read, which client protocol passes through, which built-in tools run. One class per kind,
/// registered with <c>TryAddEnumerable</c> and looked up by <see cref="UpstreamKinds"/>.
/// </summary>
internal interface IUpstreamKind
{
    /// <summary>The account kind (<see cref="Contracts.Accounts.AccountKinds"/>).</summary>
    string Kind { get; }

    /// <summary>The OpenTelemetry <c>gen_ai.system</c> of the kind's upstream.</summary>
    string GenAiSystem { get; }

    /// <summary>The client protocol this kind's upstream speaks, so such a client's request and stream pass through; null for none.</summary>
    ProtocolKind? ClientProtocol { get; }

    /// <summary>True when the upstream runs the built-in tools (Google Search grounding, code execution, URL context) for <paramref name="upstreamModel"/>.</summary>
    bool RunsBuiltInTools(string upstreamModel);

    /// <summary>
    /// True when the kind's upstream gives one whole answer to a call that asks for it (a client that does not
    /// stream), which <see cref="CreateDecoder"/> decodes as one event; false when the gateway always streams upstream.
    /// </summary>
    bool AnswersWhole { get; }

    /// <summary>The generate call: streaming, or for one whole answer when <paramref name="wholeAnswer"/> (only where <see cref="AnswersWhole"/>).</summary>
    /// <param name="lease">The account.</param>
    /// <param name="baseUrl">One of the lease's base URLs (a trailing slash is ignored).</param>
    /// <param name="geminiJson">The Gemini <c>GenerateContentRequest</c> as UTF-8 JSON.</param>
    /// <param name="requestId">The upstream request id (Cloud Code's <c>requestId</c>).</param>
    /// <param name="passThrough">The client's own request, when it speaks <see cref="ClientProtocol"/>.</param>
    /// <param name="builtInTools">True when the request declares built-in tools.</param>
    /// <param name="wholeAnswer">True to ask for one whole answer instead of a stream (the client does not stream).</param>
    HttpRequestMessage CreateGenerate(AccountLease lease, string baseUrl, ReadOnlySpan<byte> geminiJson, string requestId, ClientPassThrough? passThrough, bool builtInTools, bool wholeAnswer);

    /// <summary>The token-count call for <paramref name="generate"/>; <see cref="NotSupportedException"/> for a kind that cannot count.</summary>
    /// <param name="lease">The account.</param>
    /// <param name="baseUrl">One of the lease's base URLs (a trailing slash is ignored).</param>
    /// <param name="generate">The request to count.</param>
    /// <param name="countJson">The Gemini <c>countTokens</c> body for it.</param>
    HttpRequestMessage CreateCountTokens(AccountLease lease, string baseUrl, GeminiGenerateContentRequest generate, JsonNode countJson);

    /// <summary>The upstream's token-count answer as a Gemini count, or null when it holds none.</summary>
    GeminiCountTokensResponse? ReadCountTokens(byte[] body);

    /// <summary>A decoder that turns the upstream's stream into Gemini events; null when it already speaks Gemini.</summary>
    IUpstreamDecoder? CreateDecoder();
}
