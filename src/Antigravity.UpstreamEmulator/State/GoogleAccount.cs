namespace Antigravity.UpstreamEmulator.State;

/// <summary>A Google account known to the emulated OAuth server and Cloud Code. Mutated only under the state lock.</summary>
internal sealed class GoogleAccount
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public required string Name { get; init; }
    public required string RefreshToken { get; init; }
    public string? ProjectId { get; set; }
    public AccountTier Tier { get; set; }
    public bool Revoked { get; set; }
    public int? AccessTokenTtlSeconds { get; set; }
    public Dictionary<string, ModelQuota> Quotas { get; } = new(StringComparer.Ordinal);

    public string GivenName => Name.Split(' ', 2)[0];
    public string FamilyName => Name.Split(' ', 2) is [_, var family] ? family : "";
}

/// <summary>What is left of an account's quota for one model, and when it refills.</summary>
internal sealed record ModelQuota(double RemainingFraction, DateTimeOffset ResetTime);

/// <summary>An access token issued by the token endpoint.</summary>
internal sealed record IssuedAccessToken(GoogleAccount Account, DateTimeOffset ExpiresAt);

/// <summary>An authorization code issued by the consent endpoint, waiting to be exchanged.</summary>
internal sealed record AuthorizationCode(GoogleAccount Account, string RedirectUri, string Scope, DateTimeOffset ExpiresAt);
