using Antigravity.AccountPool.Tests.Infrastructure;
using Antigravity.Contracts;
using Antigravity.Contracts.Leasing;

namespace Antigravity.AccountPool.Tests.Leasing;

public sealed class ReplicaTests(PoolFixture fixture) : PoolTestBase(fixture)
{
    [Fact]
    public async Task Two_replicas_stay_fair_within_ten_percent_over_a_thousand_leases()
    {
        var second = StartApp().PoolClient;
        var ids = new[] { (await AddGeminiKeyAsync("k-a")).Id, (await AddGeminiKeyAsync("k-b")).Id, (await AddGeminiKeyAsync("k-c")).Id };
        var counts = ids.ToDictionary(id => id, _ => 0);
        var clients = new[] { Pool, second };
        for (var batch = 0; batch < 100; batch++)
        {
            var leases = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => LeaseAsync("gemini-2.5-pro", client: clients[i % 2])));
            foreach (var lease in leases)
            {
                counts[lease.AccountId]++;
            }
        }
        Assert.Equal(1000, counts.Values.Sum());
        Assert.All(counts.Values, c => Assert.InRange(c, 300, 367)); // 333 ± 10 %
    }

    [Fact]
    public async Task A_cooldown_set_through_one_replica_is_seen_by_the_other_at_once()
    {
        var second = StartApp().PoolClient;
        var a = await AddGeminiKeyAsync("k-a");
        var b = await AddGeminiKeyAsync("k-b");
        var lease = await LeaseAsync("gemini-2.5-pro", exclude: [b.Id]);

        await Pool.ReportOutcomeAsync(lease.LeaseId, new LeaseOutcome { Status = 429, RetryAfterHeader = "600" });

        var onOther = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => LeaseAsync("gemini-2.5-pro", client: second)));
        Assert.All(onOther, l => Assert.Equal(b.Id, l.AccountId));
        Assert.Equal(a.Id, lease.AccountId);
    }

    [Fact]
    public async Task Concurrent_leases_on_two_replicas_refresh_an_expiring_token_once()
    {
        var second = StartApp().PoolClient;
        var account = await AddGoogleAsync("emulator-refresh-1");
        await Redis.HashSetAsync(RedisKeys.PoolAccount(account.Id), "accessTokenExpiresAt", DateTimeOffset.UtcNow.AddSeconds(10).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var before = await Fixture.Emulator.TokenRequestCountAsync();

        var leases = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => LeaseAsync("gemini-2.5-pro", client: i % 2 == 0 ? Pool : second)));

        Assert.Equal(before + 1, await Fixture.Emulator.TokenRequestCountAsync());
        Assert.Single(leases.Select(l => l.AccessToken).Distinct());
    }
}
