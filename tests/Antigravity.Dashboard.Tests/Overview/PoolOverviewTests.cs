using Antigravity.Contracts.Accounts;
using Antigravity.Dashboard.Overview;

namespace Antigravity.Dashboard.Tests.Overview;

/// <summary>The overview's summary of the pool: states, family averages, accounts under the threshold.</summary>
public sealed class PoolOverviewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Accounts_are_counted_by_what_they_can_do_now()
    {
        AccountView[] accounts =
        [
            Account("serving", AccountStates.Active),
            Account("cooling", AccountStates.Active, cooldowns: [new CooldownView { Model = "*", Until = Now.AddMinutes(5), Reason = "backoff" }]),
            Account("cooled", AccountStates.Active, cooldowns: [new CooldownView { Model = "*", Until = Now.AddMinutes(-1), Reason = "backoff" }]),
            Account("one-model", AccountStates.Active, cooldowns: [new CooldownView { Model = "gemini-2.5-pro", Until = Now.AddMinutes(5), Reason = "QUOTA_EXHAUSTED" }]),
            Account("off", AccountStates.Disabled, enabled: false),
            Account("forbidden", AccountStates.Forbidden),
            Account("verify", AccountStates.ValidationRequired),
        ];

        var overview = PoolOverview.From(accounts, 10, Now);

        Assert.Equal((7, 3, 1, 1, 2), (overview.Total, overview.Serving, overview.Cooling, overview.Disabled, overview.NeedAttention));
    }

    [Fact]
    public void Families_average_the_models_of_accounts_that_can_serve_and_low_models_are_listed_lowest_first()
    {
        AccountView[] accounts =
        [
            Account("a", AccountStates.Active, quota: [Quota("claude-sonnet-4-6", 0.9), Quota("gemini-3-pro-high", 0.08), Quota("gemini-2.5-flash", null)]),
            Account("b", AccountStates.Active, quota: [Quota("claude-opus-4-6-thinking", 0.3), Quota("gemini-2.5-flash", 0.02), Quota("gemini-3-pro-image", 0.5)]),
            Account("dead", AccountStates.Forbidden, quota: [Quota("claude-sonnet-4-6", 0)]),
        ];

        var overview = PoolOverview.From(accounts, 10, Now);

        Assert.Equal(["Claude", "Gemini Pro", "Gemini Flash", "Image"], overview.Families.Select(f => f.Family));
        Assert.Equal(0.6, overview.Families[0].AverageFraction, 6);
        Assert.Equal(2, overview.Families[0].Models);
        Assert.Equal(0.02, overview.Families[2].AverageFraction, 6);
        Assert.Equal([("b", "gemini-2.5-flash"), ("a", "gemini-3-pro-high")], overview.UnderThreshold.Select(l => (l.AccountId, l.Model)));
    }

    private static AccountView Account(string id, string status, bool enabled = true, IReadOnlyList<ModelQuotaView>? quota = null, IReadOnlyList<CooldownView>? cooldowns = null) => new()
    {
        Id = id,
        Kind = AccountKinds.Antigravity,
        Email = id + "@example.com",
        Enabled = enabled,
        State = new AccountStateView { Status = status },
        Quota = quota ?? [],
        Cooldowns = cooldowns ?? [],
    };

    private static ModelQuotaView Quota(string model, double? fraction) => new() { Model = model, RemainingFraction = fraction };
}
