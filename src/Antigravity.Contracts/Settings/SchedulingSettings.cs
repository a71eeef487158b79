namespace Antigravity.Contracts.Settings;

/// <summary>
/// How the account pool chooses accounts (part of <see cref="ProxySettings"/>, so the dashboard changes it at
/// run time and every pool replica follows at once).
/// </summary>
public sealed record SchedulingSettings
{
    /// <summary>The accepted <see cref="Mode"/> values.</summary>
    public static readonly IReadOnlyList<string> Modes = ["balance", "cache_first", "performance_first"];

    /// <summary>
    /// <c>balance</c> (default: sticky session for 60 s, then power-of-two-choices by remaining quota among the
    /// best-tier candidates), <c>cache_first</c> (keep the session's account, waiting up to
    /// <see cref="MaxWaitSeconds"/> for it to cool down), <c>performance_first</c> (no stickiness, spread load).
    /// </summary>
    public string Mode { get; init; } = "balance";

    /// <summary>cache_first: the longest cooldown of the session's account worth waiting for (default 60).</summary>
    public int MaxWaitSeconds { get; init; } = 60;

    /// <summary>Fixed-account mode: always this account while it can serve, rotation while it is limited.</summary>
    public string? PreferredAccountId { get; init; }

    /// <summary>Skip an account for a model whose remaining quota is under the threshold.</summary>
    public QuotaProtectionSettings QuotaProtection { get; init; } = new();

    /// <summary>Cooldowns (seconds) after consecutive failures that carry no reset hint (default 60, 300, 1800, 7200).</summary>
    public IReadOnlyList<int> BackoffSeconds { get; init; } = [60, 300, 1800, 7200];

    /// <summary>When every candidate is cooling and the first comes back within this many seconds, wait (default 2).</summary>
    public double AllLimitedWaitSeconds { get; init; } = 2;

    /// <summary>Null when the settings are usable, else which field is wrong and why.</summary>
    public string? Validate()
    {
        if (!Modes.Contains(Mode))
        {
            return $"scheduling.mode must be one of {string.Join(", ", Modes)} (got \"{Mode}\").";
        }
        if (MaxWaitSeconds is < 0 or > 3600)
        {
            return "scheduling.maxWaitSeconds must be between 0 and 3600.";
        }
        if (QuotaProtection.ThresholdPercent is < 0 or > 100)
        {
            return "scheduling.quotaProtection.thresholdPercent must be between 0 and 100.";
        }
        if (BackoffSeconds.Count == 0 || BackoffSeconds.Any(s => s <= 0))
        {
            return "scheduling.backoffSeconds must list at least one positive number of seconds.";
        }
        if (AllLimitedWaitSeconds is < 0 or > 60)
        {
            return "scheduling.allLimitedWaitSeconds must be between 0 and 60.";
        }
        return null;
    }
}

/// <summary>Quota protection: keep a reserve of each model's quota on every account.</summary>
public sealed record QuotaProtectionSettings
{
    /// <summary>Off by default.</summary>
    public bool Enabled { get; init; }

    /// <summary>Remaining-quota percentage under which an account is skipped for a model (default 10).</summary>
    public double ThresholdPercent { get; init; } = 10;
}
