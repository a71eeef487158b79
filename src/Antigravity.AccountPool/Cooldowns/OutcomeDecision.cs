namespace Antigravity.AccountPool.Cooldowns;

/// <summary>What an upstream outcome means for the account.</summary>
internal enum OutcomeKind
{
    /// <summary>It worked: clear the failure count.</summary>
    Success,

    /// <summary>The request's own fault (400 …): the account is fine, nothing to do.</summary>
    Ignore,

    /// <summary>Not the account's fault, but try another one (capacity exhausted, model missing here).</summary>
    NextWithoutBlame,

    /// <summary>Put (account, <see cref="OutcomeDecision.Model"/>) in cooldown for <see cref="OutcomeDecision.Duration"/>.</summary>
    Cooldown,

    /// <summary>401: refresh the access token and retry the same account once.</summary>
    RefreshToken,

    /// <summary>The refresh token is dead: disable the account until the user signs in again.</summary>
    InvalidGrant,

    /// <summary>403: mark the account forbidden.</summary>
    Forbidden,

    /// <summary>403 asking for verification: block for <see cref="OutcomeDecision.Duration"/> and keep the URL.</summary>
    ValidationRequired,
}

/// <summary>The decision for one outcome.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Reason">Why, as stored and shown (e.g. <c>QUOTA_EXHAUSTED</c>).</param>
/// <param name="Model">For a cooldown: the model, or <c>*</c> for the whole account.</param>
/// <param name="Duration">For a cooldown or block: how long.</param>
/// <param name="CountsAsFailure">True when the failure advances the backoff ladder.</param>
/// <param name="ValidationUrl">For validation required: the URL to keep.</param>
internal sealed record OutcomeDecision(
    OutcomeKind Kind,
    string? Reason = null,
    string? Model = null,
    TimeSpan Duration = default,
    bool CountsAsFailure = false,
    string? ValidationUrl = null);
