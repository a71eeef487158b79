namespace Antigravity.AccountPool.Leasing.Policies;

/// <summary>
/// Power-of-two-choices among the best-tier candidates: take two at random, keep the one with more remaining
/// quota (compared in 10 % steps, unknown counting as full), and on a tie the one leased less often.
/// </summary>
internal static class PowerOfTwoChoices
{
    public static SelectionCandidate Pick(IReadOnlyList<SelectionCandidate> candidates, Random random)
    {
        var bestTier = candidates.Max(c => c.TierRank);
        var pool = candidates.Where(c => c.TierRank == bestTier).ToList();
        if (pool.Count == 1)
        {
            return pool[0];
        }
        var first = random.Next(pool.Count);
        var second = random.Next(pool.Count - 1);
        if (second >= first)
        {
            second++;
        }
        return Better(pool[first], pool[second]);
    }

    private static SelectionCandidate Better(SelectionCandidate a, SelectionCandidate b)
    {
        var quotaA = QuotaStep(a);
        var quotaB = QuotaStep(b);
        if (quotaA != quotaB)
        {
            return quotaA > quotaB ? a : b;
        }
        return b.LeaseCount < a.LeaseCount ? b : a;
    }

    private static int QuotaStep(SelectionCandidate candidate) => (int)Math.Floor((candidate.RemainingFraction ?? 1.0) * 10);
}
