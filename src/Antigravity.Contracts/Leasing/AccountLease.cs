namespace Antigravity.Contracts.Leasing;

/// <summary>
/// An account handed out for one attempt (200 answer of <c>POST /internal/leases</c>). It carries the
/// credential to send upstream; report the attempt's outcome with <see cref="LeaseId"/>.
/// </summary>
public sealed record AccountLease
{
    /// <summary>Identifies this lease for <c>POST /internal/leases/{leaseId}/outcome</c> (valid 30 minutes).</summary>
    public required string LeaseId { get; init; }

    /// <summary>The account id.</summary>
    public required string AccountId { get; init; }

    /// <summary>One of <see cref="Accounts.AccountKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Label for logs and monitor records (never a secret).</summary>
    public string? Label { get; init; }

    /// <summary>Google account e-mail, when known.</summary>
    public string? Email { get; init; }

    /// <summary>OAuth access token (antigravity): send as <c>Authorization: Bearer …</c>.</summary>
    public string? AccessToken { get; init; }

    /// <summary>API key (key-based kinds).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Cloud Code project id (antigravity).</summary>
    public string? ProjectId { get; init; }

    /// <summary>Base URLs to try in order (Cloud Code fallbacks, the Gemini API, or the provider's URL).</summary>
    public IReadOnlyList<string> BaseUrls { get; init; } = [];

    /// <summary>The model id to send upstream (after the account's own mapping).</summary>
    public required string UpstreamModel { get; init; }

    /// <summary>Subscription tier id, when known.</summary>
    public string? Tier { get; init; }

    /// <summary>True when the account was chosen because the session was bound to it.</summary>
    public bool Sticky { get; init; }

    /// <summary>
    /// How long the caller may reuse this lease for further requests of the same session and model, in milliseconds,
    /// while nothing fails on it and the pool stays at <see cref="PoolVersion"/>; null: one request only. The pool sets
    /// it on the leases that bind a session to its account, which it would hand out again for that session anyway.
    /// </summary>
    public int? HoldMilliseconds { get; init; }

    /// <summary>The version of the pool (<c>ag:pool:version</c>) the lease was granted at.</summary>
    public long? PoolVersion { get; init; }
}
