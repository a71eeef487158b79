using System.Globalization;
using System.Text.Json;
using Antigravity.Contracts.Accounts;

namespace Antigravity.AccountPool.Accounts;

/// <summary>
/// One account as stored in its Redis hash (<c>ag:pool:account:{id}</c>). Secret fields hold Data Protection
/// ciphertext; <see cref="AccountSecrets"/> decrypts them on demand.
/// </summary>
internal sealed record AccountRecord
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public string? Label { get; init; }
    public string? Email { get; init; }
    public bool Enabled { get; init; } = true;
    public string State { get; init; } = AccountStates.Active;
    public string? StateReason { get; init; }
    public long? StateSinceMs { get; init; }
    public long? StateUntilMs { get; init; }
    public string? ValidationUrl { get; init; }
    public string? RefreshTokenCipher { get; init; }
    public string? ApiKeyCipher { get; init; }
    public string? AccessTokenCipher { get; init; }
    public long? AccessTokenExpiresAtMs { get; init; }
    public string? ProjectId { get; init; }
    public string? Tier { get; init; }
    public string? BaseUrl { get; init; }
    public IReadOnlyList<string> Models { get; init; } = [];
    public IReadOnlyDictionary<string, string> ModelMapping { get; init; } = new Dictionary<string, string>();
    public long CreatedAtMs { get; init; }
    public long? LastUsedAtMs { get; init; }
    public long? QuotaUpdatedAtMs { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }

    /// <summary>SHA-256 of the secret (refresh token or key), to recognise duplicates without decrypting.</summary>
    public string? SecretFingerprint { get; init; }

    /// <summary>The masked secret shown to users.</summary>
    public string? SecretHint { get; init; }

    /// <summary>True when the account may be handed out at <paramref name="nowMs"/> (the Lua claim checks the same).</summary>
    public bool IsServing(long nowMs) =>
        Enabled && (State == AccountStates.Active || (State == AccountStates.ValidationRequired && StateUntilMs is { } until && until <= nowMs));

    /// <summary>Tier rank for sorting: ULTRA 3, PRO 2, anything else 1.</summary>
    public int TierRank => Tier switch
    {
        null => 1,
        _ when Tier.Contains("ultra", StringComparison.OrdinalIgnoreCase) => 3,
        _ when Tier.Contains("pro", StringComparison.OrdinalIgnoreCase) => 2,
        _ => 1,
    };

    /// <summary>The hash fields (every field, so a save overwrites stale ones with empty values).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToHash() =>
    [
        new("id", Id),
        new("kind", Kind),
        new("label", Label ?? ""),
        new("email", Email ?? ""),
        new("enabled", Enabled ? "1" : "0"),
        new("state", State),
        new("stateReason", StateReason ?? ""),
        new("stateSince", Text(StateSinceMs)),
        new("stateUntil", Text(StateUntilMs)),
        new("validationUrl", ValidationUrl ?? ""),
        new("refreshToken", RefreshTokenCipher ?? ""),
        new("apiKey", ApiKeyCipher ?? ""),
        new("accessToken", AccessTokenCipher ?? ""),
        new("accessTokenExpiresAt", Text(AccessTokenExpiresAtMs)),
        new("projectId", ProjectId ?? ""),
        new("tier", Tier ?? ""),
        new("baseUrl", BaseUrl ?? ""),
        new("models", JsonSerializer.Serialize(Models, PoolStoreJsonContext.Default.IReadOnlyListString)),
        new("modelMapping", JsonSerializer.Serialize(ModelMapping, PoolStoreJsonContext.Default.IReadOnlyDictionaryStringString)),
        new("createdAt", Text(CreatedAtMs)),
        new("lastUsedAt", Text(LastUsedAtMs)),
        new("quotaUpdatedAt", Text(QuotaUpdatedAtMs)),
        new("inputTokens", Text(InputTokens)),
        new("outputTokens", Text(OutputTokens)),
        new("secretFingerprint", SecretFingerprint ?? ""),
        new("secretHint", SecretHint ?? ""),
    ];

    /// <summary>Reads a hash; null when it is empty (the account does not exist).</summary>
    public static AccountRecord? FromHash(IReadOnlyDictionary<string, string> hash)
    {
        if (hash.Count == 0 || Str(hash, "id") is not { } id || Str(hash, "kind") is not { } kind)
        {
            return null;
        }
        return new AccountRecord
        {
            Id = id,
            Kind = kind,
            Label = Str(hash, "label"),
            Email = Str(hash, "email"),
            Enabled = Str(hash, "enabled") != "0",
            State = Str(hash, "state") ?? AccountStates.Active,
            StateReason = Str(hash, "stateReason"),
            StateSinceMs = Long(hash, "stateSince"),
            StateUntilMs = Long(hash, "stateUntil"),
            ValidationUrl = Str(hash, "validationUrl"),
            RefreshTokenCipher = Str(hash, "refreshToken"),
            ApiKeyCipher = Str(hash, "apiKey"),
            AccessTokenCipher = Str(hash, "accessToken"),
            AccessTokenExpiresAtMs = Long(hash, "accessTokenExpiresAt"),
            ProjectId = Str(hash, "projectId"),
            Tier = Str(hash, "tier"),
            BaseUrl = Str(hash, "baseUrl"),
            Models = Str(hash, "models") is { } models ? JsonSerializer.Deserialize(models, PoolStoreJsonContext.Default.IReadOnlyListString) ?? [] : [],
            ModelMapping = Str(hash, "modelMapping") is { } mapping
                ? JsonSerializer.Deserialize(mapping, PoolStoreJsonContext.Default.IReadOnlyDictionaryStringString) ?? new Dictionary<string, string>()
                : new Dictionary<string, string>(),
            CreatedAtMs = Long(hash, "createdAt") ?? 0,
            LastUsedAtMs = Long(hash, "lastUsedAt"),
            QuotaUpdatedAtMs = Long(hash, "quotaUpdatedAt"),
            InputTokens = Long(hash, "inputTokens") ?? 0,
            OutputTokens = Long(hash, "outputTokens") ?? 0,
            SecretFingerprint = Str(hash, "secretFingerprint"),
            SecretHint = Str(hash, "secretHint"),
        };
    }

    public static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string? Str(IReadOnlyDictionary<string, string> hash, string field) =>
        hash.TryGetValue(field, out var value) && value.Length > 0 ? value : null;

    private static long? Long(IReadOnlyDictionary<string, string> hash, string field) =>
        hash.TryGetValue(field, out var value) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
