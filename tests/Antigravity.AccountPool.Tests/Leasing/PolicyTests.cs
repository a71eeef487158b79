using Antigravity.AccountPool.Leasing.Policies;

namespace Antigravity.AccountPool.Tests.Leasing;

public sealed class PolicyTests
{
    private static SelectionCandidate C(string id, int tier = 1, double? quota = null, long leases = 0) => new(id, tier, quota, leases);

    [Fact]
    public void Balance_keeps_the_session_account_while_it_is_a_candidate()
    {
        var context = new SelectionContext([C("a", tier: 3), C("b")], SessionAccountId: "b", PreferredAccountId: null, new Random(1));

        Assert.Equal("b", new BalancePolicy().Pick(context)!.AccountId);
    }

    [Fact]
    public void Balance_prefers_the_best_tier_then_more_quota_then_fewer_leases()
    {
        var random = new Random(7);
        var tiers = new SelectionContext([C("free", 1), C("ultra", 3), C("pro", 2)], null, null, random);
        Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal("ultra", new BalancePolicy().Pick(tiers)!.AccountId));

        var quota = new SelectionContext([C("low", quota: 0.2), C("high", quota: 0.9)], null, null, random);
        Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal("high", new BalancePolicy().Pick(quota)!.AccountId));

        var leases = new SelectionContext([C("busy", leases: 50), C("idle", leases: 3)], null, null, random);
        Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal("idle", new BalancePolicy().Pick(leases)!.AccountId));
    }

    [Fact]
    public void Performance_first_takes_the_least_leased_and_ignores_sessions()
    {
        var context = new SelectionContext([C("a", leases: 5), C("b", leases: 1), C("c", leases: 9)], SessionAccountId: "a", null, new Random(3));

        Assert.Equal("b", new PerformanceFirstPolicy().Pick(context)!.AccountId);
        Assert.False(new PerformanceFirstPolicy().KeepsSessions);
    }

    [Fact]
    public void Fixed_account_picks_the_preferred_one_or_leaves_the_choice_to_rotation()
    {
        var policy = new FixedAccountPolicy();
        Assert.Equal("b", policy.Pick(new SelectionContext([C("a"), C("b")], null, "b", new Random(1)))!.AccountId);
        Assert.Null(policy.Pick(new SelectionContext([C("a")], null, "b", new Random(1))));
    }

    [Fact]
    public void Policies_are_registered_by_name()
    {
        var registry = new SelectionPolicies([new BalancePolicy(), new CacheFirstPolicy(), new PerformanceFirstPolicy(), new FixedAccountPolicy()]);

        Assert.Equal("cache_first", registry.ForMode("cache_first").Name);
        Assert.Equal("performance_first", registry.ForMode("PERFORMANCE_FIRST").Name);
        Assert.Equal("balance", registry.ForMode("unknown").Name);
        Assert.Equal("fixed", registry.Fixed.Name);
    }
}
