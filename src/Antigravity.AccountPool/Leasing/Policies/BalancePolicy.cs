namespace Antigravity.AccountPool.Leasing.Policies;

/// <summary><c>balance</c>: the session's account while it is bound (60 s), else power-of-two-choices by quota.</summary>
internal sealed class BalancePolicy : IAccountSelectionPolicy
{
    public string Name => "balance";

    public bool KeepsSessions => true;

    public SelectionCandidate? Pick(SelectionContext context) =>
        context.Candidates.FirstOrDefault(c => c.AccountId == context.SessionAccountId)
        ?? PowerOfTwoChoices.Pick(context.Candidates, context.Random);
}
