using Antigravity.Contracts.Leasing;

namespace Antigravity.AccountPool.Cooldowns;

/// <summary>
/// Turns an upstream outcome into a decision. Reset hints are read in order <c>Retry-After</c>,
/// <c>quotaResetDelay</c>, <c>retryDelay</c>; quota exhaustion waits until the real reset (no cap); rate limits
/// are short; capacity exhaustion does not blame the account; 5xx is short and not counted; the backoff ladder
/// applies only when no hint is given.
/// </summary>
internal static class CooldownPolicy
{
    /// <summary>How long an account asking for verification is blocked.</summary>
    public static readonly TimeSpan ValidationBlock = TimeSpan.FromMinutes(10);

    /// <summary>Cooldown for a rate limit without a hint.</summary>
    public static readonly TimeSpan DefaultRateLimit = TimeSpan.FromSeconds(5);

    /// <summary>Longest cooldown for a rate limit (they clear within seconds).</summary>
    public static readonly TimeSpan MaxRateLimit = TimeSpan.FromSeconds(30);

    /// <summary>Cooldown after a server error or network failure.</summary>
    public static readonly TimeSpan ServerErrorPause = TimeSpan.FromSeconds(5);

    /// <summary>Decides what <paramref name="outcome"/> means for (account, <paramref name="model"/>).</summary>
    /// <param name="outcome">The reported outcome.</param>
    /// <param name="model">The leased model.</param>
    /// <param name="previousFailures">Consecutive hint-less failures so far for this account and model.</param>
    /// <param name="backoffSteps">The ladder (seconds).</param>
    /// <param name="alreadyRefreshed">True when this lease already had its token refreshed after a 401.</param>
    /// <param name="now">The current time.</param>
    public static OutcomeDecision Decide(LeaseOutcome outcome, string model, long previousFailures, IReadOnlyList<int>? backoffSteps, bool alreadyRefreshed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var status = outcome.Status;
        if (status is >= 200 and < 300)
        {
            return new OutcomeDecision(OutcomeKind.Success);
        }

        var error = UpstreamError.Parse(outcome.ErrorBody);
        var reason = error.Reason ?? outcome.Reason;
        if (error.Status == "invalid_grant" || reason == "invalid_grant")
        {
            return new OutcomeDecision(OutcomeKind.InvalidGrant, "invalid_grant: " + (error.Message ?? "the refresh token was revoked or expired"));
        }

        switch (status)
        {
            case 401:
                return alreadyRefreshed
                    ? new OutcomeDecision(OutcomeKind.Cooldown, "unauthorized after token refresh", "*", BackoffLadder.Step(backoffSteps, previousFailures), CountsAsFailure: true)
                    : new OutcomeDecision(OutcomeKind.RefreshToken, "unauthorized");
            case 403 when error.ValidationRequired:
                return new OutcomeDecision(OutcomeKind.ValidationRequired, "validation required: " + (error.Message ?? "verify the account"), Duration: ValidationBlock, ValidationUrl: error.ValidationUrl);
            case 403:
                return new OutcomeDecision(OutcomeKind.Forbidden, "403 forbidden: " + (error.Message ?? "the upstream refused this account"));
            case 404:
                return new OutcomeDecision(OutcomeKind.NextWithoutBlame, "model not found on this account");
        }

        var hint = ResetHint(outcome, error, now);
        if (reason == "MODEL_CAPACITY_EXHAUSTED")
        {
            return new OutcomeDecision(OutcomeKind.NextWithoutBlame, reason);
        }
        if (status == 429)
        {
            if (reason == "RATE_LIMIT_EXCEEDED")
            {
                var pause = hint is { } h ? (h > MaxRateLimit ? MaxRateLimit : h) : DefaultRateLimit;
                return new OutcomeDecision(OutcomeKind.Cooldown, reason, model, AtLeastOneSecond(pause));
            }
            return hint is { } delay
                ? new OutcomeDecision(OutcomeKind.Cooldown, reason ?? "RESOURCE_EXHAUSTED", model, AtLeastOneSecond(delay))
                : new OutcomeDecision(OutcomeKind.Cooldown, (reason ?? "RESOURCE_EXHAUSTED") + " (backoff)", model, BackoffLadder.Step(backoffSteps, previousFailures), CountsAsFailure: true);
        }
        if (status is 0 or 408 or >= 500)
        {
            var pause = hint is { } h && h < MaxRateLimit ? h : ServerErrorPause;
            return new OutcomeDecision(OutcomeKind.Cooldown, status == 0 ? "network error" : $"upstream {status}", model, AtLeastOneSecond(pause));
        }
        return new OutcomeDecision(OutcomeKind.Ignore, $"upstream {status}");
    }

    /// <summary>The first reset hint present: <c>Retry-After</c>, <c>quotaResetDelay</c> (or its timestamp), <c>retryDelay</c>, the caller's parsed delay.</summary>
    public static TimeSpan? ResetHint(LeaseOutcome outcome, UpstreamError error, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(error);
        return RetryAfterHeader.Parse(outcome.RetryAfterHeader, now)
            ?? error.QuotaResetDelay
            ?? (error.QuotaResetTime is { } at ? (TimeSpan?)(at > now ? at - now : TimeSpan.Zero) : null)
            ?? error.RetryDelay
            ?? (outcome.RetryDelaySeconds is > 0 and < 365d * 24 * 3600 ? TimeSpan.FromSeconds(outcome.RetryDelaySeconds.Value) : null);
    }

    private static TimeSpan AtLeastOneSecond(TimeSpan value) => value < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : value;
}
