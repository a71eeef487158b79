using Antigravity.AccountPool.Tests.Infrastructure;
using Antigravity.Contracts.Leasing;

namespace Antigravity.AccountPool.Tests.Leasing;

public sealed class SchedulingTests(PoolFixture fixture) : PoolTestBase(fixture)
{
    [Fact]
    public async Task Balance_keeps_a_session_on_its_account_and_spreads_other_sessions()
    {
        for (var i = 0; i < 3; i++)
        {
            await AddGeminiKeyAsync($"gemini-key-{i}");
        }
        var bound = (await LeaseAsync("gemini-2.5-pro", session: "user-42")).AccountId;
        for (var i = 0; i < 15; i++)
        {
            var lease = await LeaseAsync("gemini-2.5-pro", session: "user-42");
            Assert.Equal(bound, lease.AccountId);
            Assert.True(lease.Sticky);
        }
        var others = new HashSet<string>();
        for (var i = 0; i < 60; i++) // the bound account already has 16 leases: the others catch up first
        {
            others.Add((await LeaseAsync("gemini-2.5-pro", session: $"other-{i}")).AccountId);
        }
        Assert.Equal(3, others.Count);
    }

    [Fact]
    public async Task Balance_moves_the_session_when_its_account_cools_and_cache_first_waits_for_it()
    {
        await AddGeminiKeyAsync("gemini-key-a");
        await AddGeminiKeyAsync("gemini-key-b");
        var lease = await LeaseAsync("m", session: "s1");
        await Pool.ReportOutcomeAsync(lease.LeaseId, new LeaseOutcome { Status = 429, RetryAfterHeader = "30" });
        Assert.NotEqual(lease.AccountId, (await LeaseAsync("m", session: "s1")).AccountId);

        await SetSchedulingAsync(s => s with { Mode = "cache_first", MaxWaitSeconds = 60 });
        var cached = await LeaseAsync("m2", session: "s2");
        await Pool.ReportOutcomeAsync(cached.LeaseId, new LeaseOutcome { Status = 429, RetryAfterHeader = "3" });
        var waited = await LeaseAsync("m2", session: "s2");
        Assert.Equal(cached.AccountId, waited.AccountId); // waited ~3 s instead of switching
    }

    [Fact]
    public async Task Only_a_lease_that_binds_a_session_may_be_held_by_the_gateway_and_it_names_the_pools_version()
    {
        var a = await AddGeminiKeyAsync("k-a");
        await AddGeminiKeyAsync("k-b");
        var version = (long)await Redis.StringGetAsync(Antigravity.Contracts.RedisKeys.PoolVersion);

        var bound = await LeaseAsync("m", session: "s1");
        Assert.Equal(5000, bound.HoldMilliseconds);
        Assert.Equal(version, bound.PoolVersion);
        Assert.Null((await LeaseAsync("m")).HoldMilliseconds);

        await SetSchedulingAsync(s => s with { Mode = "performance_first" });
        Assert.Null((await LeaseAsync("m", session: "s1")).HoldMilliseconds);

        await SetSchedulingAsync(s => s with { Mode = "balance", PreferredAccountId = a.Id });
        Assert.Null((await LeaseAsync("m", session: "s1")).HoldMilliseconds);
    }

    [Fact]
    public async Task Performance_first_spreads_leases_evenly_without_stickiness()
    {
        await SetSchedulingAsync(s => s with { Mode = "performance_first" });
        var ids = new[] { (await AddGeminiKeyAsync("k-a")).Id, (await AddGeminiKeyAsync("k-b")).Id, (await AddGeminiKeyAsync("k-c")).Id };
        var counts = ids.ToDictionary(id => id, _ => 0);
        for (var i = 0; i < 30; i++)
        {
            counts[(await LeaseAsync("m", session: "same-session")).AccountId]++;
        }
        Assert.All(counts.Values, c => Assert.Equal(10, c));
    }

    [Fact]
    public async Task A_fixed_account_is_used_while_it_can_serve_and_rotation_takes_over_while_it_is_limited()
    {
        var a = await AddGeminiKeyAsync("k-a");
        var b = await AddGeminiKeyAsync("k-b");
        await SetSchedulingAsync(s => s with { PreferredAccountId = b.Id });
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(b.Id, (await LeaseAsync("m", session: $"s{i}")).AccountId);
        }
        var lease = await LeaseAsync("m");
        await Pool.ReportOutcomeAsync(lease.LeaseId, new LeaseOutcome { Status = 429, RetryAfterHeader = "3" });
        Assert.Equal(a.Id, (await LeaseAsync("m")).AccountId);
        await Antigravity.Testing.Eventually.WaitUntilAsync(async () => (await LeaseAsync("m")).AccountId == b.Id, TimeSpan.FromSeconds(10), "the fixed account is used again after its cooldown");
    }

    [Fact]
    public async Task Quota_protection_skips_accounts_under_the_threshold()
    {
        var ultra = await AddGoogleAsync("emulator-refresh-1");
        var pro = await AddGoogleAsync("emulator-refresh-2");
        await Fixture.Emulator.PutAsync("/_emulator/quota", new { target = "emulator-refresh-1", model = "gemini-2.5-pro", remainingFraction = 0.05 });
        await Pool.RefreshAccountAsync(ultra.Id);
        Assert.Equal(ultra.Id, (await LeaseAsync("gemini-2.5-pro")).AccountId); // protection is off by default

        await SetSchedulingAsync(s => s with { QuotaProtection = new() { Enabled = true, ThresholdPercent = 10 } });

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(pro.Id, (await LeaseAsync("gemini-2.5-pro")).AccountId);
        }
        Assert.Equal(ultra.Id, (await LeaseAsync("gemini-2.5-flash")).AccountId);
    }
}
