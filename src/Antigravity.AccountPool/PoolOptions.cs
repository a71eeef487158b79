using Microsoft.Extensions.Options;

namespace Antigravity.AccountPool;

/// <summary>
/// Start-up settings of the AccountPool service (section <c>AccountPool</c>). Run-time scheduling settings
/// (mode, max wait, preferred account, quota protection, backoff) live in the proxy settings document instead.
/// </summary>
internal sealed class PoolOptions
{
    public const string Section = "AccountPool";

    /// <summary>How often every Google account's quota is fetched (default 15 min).</summary>
    public TimeSpan QuotaRefreshInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Access tokens are refreshed when less than this remains (default 90 s).</summary>
    public TimeSpan TokenRefreshLeadTime { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How often the background token refresher looks for tokens about to expire (default 30 s).</summary>
    public TimeSpan TokenCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a session stays bound to its account after its last request (default 60 s).</summary>
    public TimeSpan StickySessionTtl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a gateway may reuse a lease that binds a session to its account for that session's next requests of
    /// the same model, while nothing fails on it and the pool does not change (default 5 s; 0 turns it off: every
    /// request leases). Shorter than <see cref="StickySessionTtl"/> and <see cref="TokenRefreshLeadTime"/>.
    /// </summary>
    public TimeSpan LeaseHold { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a lease can still receive its outcome (default 30 min).</summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Let callers on other machines use the internal API (default false: loopback only). Turn on only when the
    /// gateway or dashboard runs on another host and the network between them is private.
    /// </summary>
    public bool AllowRemoteCallers { get; set; }

    /// <summary>
    /// Further names the internal API may be addressed by in the <c>Host</c> header (default none: a loopback
    /// address, <c>localhost</c> and <c>accountpool</c> only), e.g. the pool's DNS name in a deployment where the
    /// gateway runs elsewhere. Any other name is refused (421), so a web page cannot reach the API through DNS rebinding.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>How long the dashboard's sign-in link stays valid (default 10 min).</summary>
    public TimeSpan OAuthStateTtl { get; set; } = TimeSpan.FromMinutes(10);
}

internal sealed class ValidatePoolOptions : IValidateOptions<PoolOptions>
{
    public ValidateOptionsResult Validate(string? name, PoolOptions options)
    {
        List<string> failures = [];
        Positive(options.QuotaRefreshInterval, "QuotaRefreshInterval", failures);
        Positive(options.TokenRefreshLeadTime, "TokenRefreshLeadTime", failures);
        Positive(options.TokenCheckInterval, "TokenCheckInterval", failures);
        Positive(options.StickySessionTtl, "StickySessionTtl", failures);
        Positive(options.LeaseTtl, "LeaseTtl", failures);
        Positive(options.OAuthStateTtl, "OAuthStateTtl", failures);
        if (options.LeaseHold < TimeSpan.Zero || options.LeaseHold >= options.StickySessionTtl || options.LeaseHold >= options.TokenRefreshLeadTime)
        {
            failures.Add($"AccountPool:LeaseHold must be 0 (off) or positive and shorter than StickySessionTtl and TokenRefreshLeadTime (was {options.LeaseHold}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(TimeSpan value, string key, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"AccountPool:{key} must be a positive duration such as 00:15:00 (got {value}).");
        }
    }
}
