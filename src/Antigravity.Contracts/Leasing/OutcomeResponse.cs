namespace Antigravity.Contracts.Leasing;

/// <summary>Answer of <c>POST /internal/leases/{leaseId}/outcome</c>: what the gateway should do next.</summary>
public sealed record OutcomeResponse
{
    /// <summary>One of <see cref="OutcomeActions"/>.</summary>
    public required string Action { get; init; }

    /// <summary>
    /// With <see cref="OutcomeActions.RetrySameAfterRefresh"/>: the same account with its fresh access token
    /// (same lease id), to retry at once without another lease call.
    /// </summary>
    public AccountLease? Lease { get; init; }

    /// <summary>When the account is cooling for the model after this outcome, until when.</summary>
    public DateTimeOffset? CooldownUntil { get; init; }

    /// <summary>What the pool concluded (e.g. <c>QUOTA_EXHAUSTED</c>, <c>invalid_grant</c>, <c>forbidden</c>).</summary>
    public string? Reason { get; init; }
}

/// <summary>The actions an outcome answer can ask for.</summary>
public static class OutcomeActions
{
    /// <summary>Nothing to do (success, or an error that is the request's fault).</summary>
    public const string None = "none";

    /// <summary>Lease the next account (add this one to <c>excludeAccountIds</c>).</summary>
    public const string NextAccount = "next_account";

    /// <summary>401: the token was refreshed; retry the same account once with <see cref="OutcomeResponse.Lease"/>.</summary>
    public const string RetrySameAfterRefresh = "retry_same_after_refresh";
}
