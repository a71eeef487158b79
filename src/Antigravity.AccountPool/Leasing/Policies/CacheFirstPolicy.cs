namespace Antigravity.AccountPool.Leasing.Policies;

/// <summary>
/// <c>cache_first</c>: keep the session's account (so the upstream prompt cache stays warm). The lease service
/// waits for it when it cools for no longer than <c>maxWaitSeconds</c>; otherwise choose like <c>balance</c>.
/// </summary>
internal sealed class CacheFirstPolicy : IAccountSelectionPolicy
{
    public string Name => "cache_first";

    public bool KeepsSessions => true;

    public SelectionCandidate? Pick(SelectionContext context) =>
        context.Candidates.FirstOrDefault(c => c.AccountId == context.SessionAccountId)
        ?? PowerOfTwoChoices.Pick(context.Candidates, context.Random);
}
