namespace Antigravity.AccountPool.Leasing.Policies;

/// <summary><c>performance_first</c>: no stickiness; the least-leased account of the best tier (ties at random), spreading load evenly.</summary>
internal sealed class PerformanceFirstPolicy : IAccountSelectionPolicy
{
    public string Name => "performance_first";

    public bool KeepsSessions => false;

    public SelectionCandidate? Pick(SelectionContext context)
    {
        var bestTier = context.Candidates.Max(c => c.TierRank);
        var pool = context.Candidates.Where(c => c.TierRank == bestTier).ToList();
        var fewest = pool.Min(c => c.LeaseCount);
        var least = pool.Where(c => c.LeaseCount == fewest).ToList();
        return least[context.Random.Next(least.Count)];
    }
}
