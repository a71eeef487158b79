using Antigravity.Contracts.Leasing;
using Antigravity.Gateway.Errors;

namespace Antigravity.Gateway.Upstream;

/// <summary>A successful upstream answer (status 2xx, headers read, body not yet consumed), its lease and the lease's kind.</summary>
internal sealed class UpstreamAttempt(HttpResponseMessage response, AccountLease lease, Kinds.IUpstreamKind kind) : IDisposable
{
    /// <summary>The upstream response; read its body as a stream.</summary>
    public HttpResponseMessage Response { get; } = response;

    /// <summary>The account that answered.</summary>
    public AccountLease Lease { get; } = lease;

    /// <summary>How the account's upstream is read (its stream decoder, its token count, what passes through).</summary>
    public Kinds.IUpstreamKind Kind { get; } = kind;

    /// <inheritdoc />
    public void Dispose() => Response.Dispose();
}

/// <summary>Either an <see cref="UpstreamAttempt"/> or the error to send to the client.</summary>
internal readonly record struct UpstreamResult(UpstreamAttempt? Attempt, ApiError? Error)
{
    /// <summary>How many accounts were tried.</summary>
    public int Attempts { get; init; }

    /// <summary>The lease of the last account tried (the one that answered, or the last that failed), or null.</summary>
    public AccountLease? LastLease { get; init; }
}

/// <summary>What to send upstream for one client request.</summary>
/// <param name="GeminiJson">The Gemini <c>GenerateContentRequest</c> as UTF-8 JSON.</param>
/// <param name="Model">The mapped upstream model to lease for.</param>
/// <param name="SessionKey">Stickiness key, or null.</param>
/// <param name="Protocol">The client protocol name (<c>openai</c>, <c>anthropic</c>, <c>gemini</c>).</param>
/// <param name="CountTokens">Call the upstream's <c>countTokens</c> for this request instead of generating.</param>
internal sealed record UpstreamCall(byte[] GeminiJson, string Model, string? SessionKey, string Protocol, bool CountTokens = false)
{
    /// <summary>The request's scheduling settings (<see cref="Requests.GatewayRequest.Scheduling"/>): how long the pool may make it wait.</summary>
    public required Contracts.Settings.SchedulingSettings Scheduling { get; init; }

    /// <summary>The account kinds that may serve the call (see <see cref="AccountDispatch"/>).</summary>
    public IReadOnlyList<string> Kinds { get; init; } = AccountDispatch.AllKinds;

    /// <summary>Kinds to lease from when none of <see cref="Kinds"/> can serve (the <c>fallback</c> dispatch), or null.</summary>
    public IReadOnlyList<string>? FallbackKinds { get; init; }

    /// <summary>The client's own request, sent as it is when a provider of the same protocol serves it.</summary>
    public ClientPassThrough? PassThrough { get; init; }

    /// <summary>The built-in tools the request declares (<see cref="Protocols.Tools.BuiltInTools"/>), for the accounts that cannot run them.</summary>
    public IReadOnlyList<string> BuiltInTools { get; init; } = [];

    /// <summary>What the translation left out of the request, for the answer to say.</summary>
    public IReadOnlyList<string> ToolNotices { get; init; } = [];

    /// <summary>The built-in tool the client's <c>tool_choice</c> forces, as it named it; only accounts that run it may serve.</summary>
    public string? RequiredBuiltInTool { get; init; }

    /// <summary>True when the client does not stream: a kind that can answer whole (<see cref="Kinds.IUpstreamKind.AnswersWhole"/>) is asked for one answer.</summary>
    public bool WholeAnswer { get; init; }

    /// <summary>True when <paramref name="kind"/> is asked for one whole answer (not a stream) on this call; a passed-through request keeps the client's own choice.</summary>
    public bool AnswersWholeOn(Kinds.IUpstreamKind kind) => WholeAnswer && kind.AnswersWhole && !PassesThroughTo(kind);

    /// <summary>True when <paramref name="kind"/> speaks the client's protocol, so the request and stream pass through.</summary>
    public bool PassesThroughTo(Kinds.IUpstreamKind kind) => PassThrough is { } pass && pass.Protocol == kind.ClientProtocol;
}

/// <summary>What a client sent, for pass-through to a provider that speaks its protocol.</summary>
/// <param name="Protocol">Anthropic Messages or OpenAI chat completions.</param>
/// <param name="Body">The request body, byte for byte.</param>
/// <param name="Version">The client's <c>anthropic-version</c>, if any.</param>
/// <param name="Beta">The client's <c>anthropic-beta</c>, if any.</param>
/// <param name="Streams">True when the client asked for a stream; otherwise the provider's whole answer goes back as it is.</param>
internal sealed record ClientPassThrough(Protocols.ProtocolKind Protocol, byte[] Body, string? Version, string? Beta, bool Streams);
