namespace Antigravity.AccountPool.Leasing.Policies;

/// <summary>Fixed account: the preferred account whenever it can serve; null (rotation decides) while it is limited.</summary>
internal sealed class FixedAccountPolicy : IAccountSelectionPolicy
{
    public string Name => "fixed";

    public bool KeepsSessions => false;

    public SelectionCandidate? Pick(SelectionContext context) =>
        context.PreferredAccountId is null ? null : context.Candidates.FirstOrDefault(c => c.AccountId == context.PreferredAccountId);
}
