namespace Antigravity.AccountPool.Leasing.Policies;

/// <summary>An account that can serve the request now, with what the policies compare.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="TierRank">ULTRA 3, PRO 2, other 1.</param>
/// <param name="RemainingFraction">Remaining quota for the model (0–1), null when unknown.</param>
/// <param name="LeaseCount">Leases handed out so far (shared by all replicas).</param>
internal sealed record SelectionCandidate(string AccountId, int TierRank, double? RemainingFraction, long LeaseCount);

/// <summary>What a policy chooses from.</summary>
/// <param name="Candidates">Accounts that can serve now (never empty).</param>
/// <param name="SessionAccountId">The account the session is bound to, when it is among the candidates.</param>
/// <param name="PreferredAccountId">The fixed account setting.</param>
/// <param name="Random">Randomness (seedable in tests).</param>
internal sealed record SelectionContext(IReadOnlyList<SelectionCandidate> Candidates, string? SessionAccountId, string? PreferredAccountId, Random Random);

/// <summary>A way of choosing an account, registered by name (like YARP's load-balancing policies).</summary>
internal interface IAccountSelectionPolicy
{
    /// <summary>The scheduling mode name (<c>balance</c>, <c>cache_first</c>, <c>performance_first</c>, <c>fixed</c>).</summary>
    string Name { get; }

    /// <summary>True when the policy binds sessions to accounts.</summary>
    bool KeepsSessions { get; }

    /// <summary>The chosen candidate, or null when the policy has no choice to make (then the next policy decides).</summary>
    SelectionCandidate? Pick(SelectionContext context);
}
