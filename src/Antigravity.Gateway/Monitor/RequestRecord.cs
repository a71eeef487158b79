using Antigravity.Contracts.Leasing;
using Antigravity.Protocols.Models;
using TokenUsage = Antigravity.Protocols.Usage.TokenUsage;

namespace Antigravity.Gateway.Monitor;

/// <summary>
/// What the monitor learns about one request while it runs, set as an <see cref="HttpContext"/> feature by
/// <see cref="MonitorMiddleware"/> (absent when the monitor is off) and filled in by the chat code: the model
/// mapping, the account that served, the usage, an error. Plain assignments only — the record is built, redacted
/// and stored after the answer, by <see cref="MonitorWriter"/>.
/// </summary>
internal sealed class RequestRecord(string id, DateTimeOffset time, long startTimestamp, string method, string path, string protocol, bool keepBodies)
{
    /// <summary>The request id.</summary>
    public string Id { get; } = id;

    /// <summary>When the request arrived.</summary>
    public DateTimeOffset Time { get; } = time;

    /// <summary><see cref="TimeProvider.GetTimestamp"/> at arrival.</summary>
    public long StartTimestamp { get; } = startTimestamp;

    /// <summary>The HTTP method.</summary>
    public string Method { get; } = method;

    /// <summary>The path, without query.</summary>
    public string Path { get; } = path;

    /// <summary>openai, anthropic, gemini or other.</summary>
    public string Protocol { get; } = protocol;

    /// <summary>True when bodies are kept for this request (<c>monitor.logBodies</c> when it arrived).</summary>
    public bool KeepBodies { get; } = keepBodies;

    /// <summary>The model the client named.</summary>
    public string? ClientModel { get; private set; }

    /// <summary>The model sent upstream.</summary>
    public string? UpstreamModel { get; private set; }

    /// <summary>The account that served (or last failed) the request.</summary>
    public string? AccountId { get; private set; }

    /// <summary>Its kind (<see cref="Antigravity.Contracts.Accounts.AccountKinds"/>).</summary>
    public string? AccountKind { get; private set; }

    /// <summary>The id of the request's trace (W3C, 32 hex digits), when it is traced.</summary>
    public string? TraceId { get; init; }

    /// <summary>Its label or e-mail.</summary>
    public string? AccountLabel { get; private set; }

    /// <summary>True when the client asked for a stream.</summary>
    public bool Stream { get; set; }

    /// <summary>Token usage of the answer.</summary>
    public TokenUsage Usage { get; set; }

    /// <summary>Accounts tried upstream.</summary>
    public int Attempts { get; private set; }

    /// <summary>The first error met (raw; shortened and redacted when stored).</summary>
    public string? Error { get; private set; }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> when the response started, or 0.</summary>
    public long FirstByteTimestamp { get; set; }

    /// <summary>The request body as read (kept only with <see cref="KeepBodies"/>).</summary>
    public ReadOnlyMemory<byte>? RequestBody { get; private set; }

    /// <summary>The request headers (copied only with <see cref="KeepBodies"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? RequestHeaders { get; set; }

    /// <summary>The model mapping the request got.</summary>
    public void SetModel(ModelMapping mapping)
    {
        ClientModel = mapping.Requested;
        UpstreamModel = mapping.Upstream;
    }

    /// <summary>The account an upstream call ended on, and how many accounts it tried.</summary>
    public void SetUpstream(AccountLease? lease, int attempts)
    {
        Attempts += attempts;
        if (lease is not null)
        {
            AccountId = lease.AccountId;
            AccountKind = lease.Kind;
            AccountLabel = lease.Label ?? lease.Email;
            UpstreamModel = lease.UpstreamModel;
        }
    }

    /// <summary>What the answer left out of the request (a built-in tool the account cannot run, an ignored option), or null.</summary>
    public string? Notice { get; private set; }

    /// <summary>Records what the answer left out of the request.</summary>
    public void Note(string notice) => Notice = Notice is null ? notice : Notice + "; " + notice;

    /// <summary>Records why the request failed (the first reason wins).</summary>
    public void Fail(string message) => Error ??= message;

    /// <summary>Keeps the request body when bodies are logged.</summary>
    public void SetRequestBody(ReadOnlyMemory<byte> body)
    {
        if (KeepBodies)
        {
            RequestBody = body;
        }
    }
}
