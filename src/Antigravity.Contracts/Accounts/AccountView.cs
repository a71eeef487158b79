namespace Antigravity.Contracts.Accounts;

/// <summary>
/// An account as the admin API shows it. Secrets never appear: <see cref="SecretHint"/> is a masked
/// form (<c>sk-…abcd</c>) that lets a user recognise which key or token it is.
/// </summary>
public sealed record AccountView
{
    /// <summary>Stable id.</summary>
    public required string Id { get; init; }

    /// <summary>One of <see cref="AccountKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>User-given label (defaults to the e-mail or the base URL host).</summary>
    public string? Label { get; init; }

    /// <summary>Google account e-mail, when known.</summary>
    public string? Email { get; init; }

    /// <summary>False when the user turned it off.</summary>
    public bool Enabled { get; init; }

    /// <summary>One of <see cref="AccountStates"/>, with why and since when.</summary>
    public required AccountStateView State { get; init; }

    /// <summary>Masked refresh token or API key.</summary>
    public string? SecretHint { get; init; }

    /// <summary>Base URL of a compatible provider.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Models a key-based account serves (empty: any).</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Requested model → upstream model, for compatible providers.</summary>
    public IReadOnlyDictionary<string, string> ModelMapping { get; init; } = new Dictionary<string, string>();

    /// <summary>Cloud Code project id (Google accounts).</summary>
    public string? ProjectId { get; init; }

    /// <summary>Subscription tier id from <c>loadCodeAssist</c> (e.g. <c>g1-pro-tier</c>).</summary>
    public string? Tier { get; init; }

    /// <summary>When the access token expires (Google accounts).</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    /// <summary>Remaining quota per model, as last fetched.</summary>
    public IReadOnlyList<ModelQuotaView> Quota { get; init; } = [];

    /// <summary>When the quota was last fetched.</summary>
    public DateTimeOffset? QuotaUpdatedAt { get; init; }

    /// <summary>Models this account is cooling for right now (<c>*</c> = every model).</summary>
    public IReadOnlyList<CooldownView> Cooldowns { get; init; } = [];

    /// <summary>When the account was added.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a lease last handed it out.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>How many leases handed it out.</summary>
    public long LeaseCount { get; init; }

    /// <summary>Input tokens reported for it.</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens reported for it.</summary>
    public long OutputTokens { get; init; }
}

/// <summary>An account's state with its reason and timestamps.</summary>
public sealed record AccountStateView
{
    /// <summary>One of <see cref="AccountStates"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Why (e.g. the upstream error), when not active.</summary>
    public string? Reason { get; init; }

    /// <summary>When the state was entered.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>When a temporary block ends (validation required).</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Where the user verifies the account (validation required).</summary>
    public string? ValidationUrl { get; init; }
}

/// <summary>Remaining quota of one model.</summary>
public sealed record ModelQuotaView
{
    /// <summary>Upstream model id.</summary>
    public required string Model { get; init; }

    /// <summary>Display name from the upstream.</summary>
    public string? DisplayName { get; init; }

    /// <summary>0–1, null when unknown.</summary>
    public double? RemainingFraction { get; init; }

    /// <summary>When the quota resets.</summary>
    public DateTimeOffset? ResetTime { get; init; }
}

/// <summary>A cooldown of an account for one model.</summary>
public sealed record CooldownView
{
    /// <summary>Model id, or <c>*</c> for the whole account.</summary>
    public required string Model { get; init; }

    /// <summary>Until when.</summary>
    public required DateTimeOffset Until { get; init; }

    /// <summary>Why (e.g. <c>QUOTA_EXHAUSTED</c>, <c>RATE_LIMIT_EXCEEDED</c>, <c>backoff</c>).</summary>
    public required string Reason { get; init; }
}
