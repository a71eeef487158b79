namespace Antigravity.Contracts.Monitor;

/// <summary>
/// One proxied request as the monitor shows it: written once per request by the gateway (off the response path),
/// read by the dashboard. Never holds a secret: account label or e-mail, never a key or token.
/// </summary>
public sealed record MonitorRecord
{
    /// <summary>Position in the store (increasing with each record stored); the paging cursor. 0 until stored.</summary>
    public long Seq { get; init; }

    /// <summary>The request id (<c>x-request-id</c>).</summary>
    public required string Id { get; init; }

    /// <summary>When the request arrived (UTC).</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The HTTP status answered (a stream cut after its first byte keeps 200 and sets <see cref="Error"/>).</summary>
    public int Status { get; init; }

    /// <summary><c>openai</c>, <c>anthropic</c>, <c>gemini</c>, or <c>other</c> (a path outside the protocol routes).</summary>
    public required string Protocol { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path (without the query string, which may hold a key).</summary>
    public required string Path { get; init; }

    /// <summary>The model the client asked for, when the request named one.</summary>
    public string? ClientModel { get; init; }

    /// <summary>The model sent upstream (after the gateway's and the account's mapping).</summary>
    public string? UpstreamModel { get; init; }

    /// <summary>The account that served (or last failed) the request.</summary>
    public string? AccountId { get; init; }

    /// <summary>That account's label or e-mail.</summary>
    public string? AccountLabel { get; init; }

    /// <summary>True when the client asked for a streamed answer.</summary>
    public bool Stream { get; init; }

    /// <summary>Prompt tokens, cached ones included.</summary>
    public int InputTokens { get; init; }

    /// <summary>Answer tokens, thinking included.</summary>
    public int OutputTokens { get; init; }

    /// <summary>Prompt tokens served from a cache (part of <see cref="InputTokens"/>).</summary>
    public int CachedTokens { get; init; }

    /// <summary>Thinking tokens (part of <see cref="OutputTokens"/>).</summary>
    public int ThinkingTokens { get; init; }

    /// <summary>From arrival to the end of the answer, in milliseconds.</summary>
    public long DurationMs { get; init; }

    /// <summary>From arrival to the start of the answer (headers sent), in milliseconds; null when nothing was sent.</summary>
    public long? FirstByteMs { get; init; }

    /// <summary>HTTP requests sent upstream (failovers and base-URL fallbacks included).</summary>
    public int Attempts { get; init; }

    /// <summary>Why the request failed (short, secrets redacted), or null.</summary>
    public string? Error { get; init; }

    /// <summary>What the answer left out of the request (e.g. a web search tool the account cannot run), or null.</summary>
    public string? Notice { get; init; }

    /// <summary>True when request/response bodies were kept for this record.</summary>
    public bool HasBodies { get; init; }

    /// <summary>The request's trace id (W3C, 32 hex digits) when it was traced: its spans in the Aspire dashboard.</summary>
    public string? TraceId { get; init; }

    /// <summary>True for an error status or a stream that failed after it started.</summary>
    public bool IsError => Status >= 400 || Error is not null;
}

/// <summary>The bodies kept for a record when body logging is on (secrets redacted, each truncated).</summary>
public sealed record MonitorBodies
{
    /// <summary>Request headers, credentials redacted.</summary>
    public IReadOnlyDictionary<string, string>? RequestHeaders { get; init; }

    /// <summary>The request body as text.</summary>
    public string? RequestBody { get; init; }

    /// <summary>True when <see cref="RequestBody"/> was cut at <see cref="MonitorLimits.MaxBodyChars"/>.</summary>
    public bool RequestBodyTruncated { get; init; }

    /// <summary>The response body as text (for a stream: the events as sent).</summary>
    public string? ResponseBody { get; init; }

    /// <summary>True when <see cref="ResponseBody"/> was cut at <see cref="MonitorLimits.MaxBodyChars"/>.</summary>
    public bool ResponseBodyTruncated { get; init; }
}

/// <summary>A record with its bodies (null when none were kept).</summary>
public sealed record MonitorRecordDetail(MonitorRecord Record, MonitorBodies? Bodies);

/// <summary>Sizes that bound what the monitor stores.</summary>
public static class MonitorLimits
{
    /// <summary>Most characters of each body kept (64 Ki).</summary>
    public const int MaxBodyChars = 64 * 1024;

    /// <summary>Most records that keep their bodies (the newest ones); older records keep only their summary.</summary>
    public const int MaxRecordsWithBodies = 1_000;

    /// <summary>Longest error message kept.</summary>
    public const int MaxErrorChars = 500;

    /// <summary>Longest path, model name or account label kept (records and statistics keys alike).</summary>
    public const int MaxFieldChars = 256;

    /// <summary><paramref name="value"/> cut to <paramref name="maxChars"/> (ending in <c>…</c> when cut).</summary>
    public static string? Bound(string? value, int maxChars = MaxFieldChars) =>
        value is null || value.Length <= maxChars ? value : value[..(maxChars - 1)] + "…";

    /// <summary>How long hourly token aggregates are kept.</summary>
    public static readonly TimeSpan HourlyRetention = TimeSpan.FromDays(35);

    /// <summary>How long per-minute aggregates are kept.</summary>
    public static readonly TimeSpan MinuteRetention = TimeSpan.FromHours(3);
}
