using Antigravity.Contracts.Accounts;
using Antigravity.Dashboard.Accounts;

namespace Antigravity.Dashboard.Overview;

/// <summary>
/// What the overview says about the pool, computed from the accounts the pool lists: how many are in each
/// state, the average remaining quota per model family, and which account/model pairs are under the quota
/// protection threshold.
/// </summary>
internal sealed record PoolOverview(
    int Total,
    int Serving,
    int Cooling,
    int Disabled,
    int NeedAttention,
    IReadOnlyList<FamilyQuota> Families,
    IReadOnlyList<LowQuota> UnderThreshold)
{
    /// <summary>Summarises <paramref name="accounts"/> at <paramref name="now"/> for a threshold in percent.</summary>
    public static PoolOverview From(IReadOnlyList<AccountView> accounts, double thresholdPercent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        int serving = 0, cooling = 0, disabled = 0, attention = 0;
        var families = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
        var low = new List<LowQuota>();
        foreach (var account in accounts)
        {
            switch (AccountConditions.Of(account, now))
            {
                case AccountCondition.Serving:
                    serving++;
                    break;
                case AccountCondition.Cooling:
                    cooling++;
                    break;
                case AccountCondition.Disabled:
                    disabled++;
                    continue;
                default:
                    attention++;
                    continue;
            }
            foreach (var quota in account.Quota)
            {
                if (quota.RemainingFraction is not { } fraction)
                {
                    continue;
                }
                var family = ModelFamilies.Of(quota.Model);
                var (sum, count) = families.GetValueOrDefault(family);
                families[family] = (sum + fraction, count + 1);
                if (fraction * 100 < thresholdPercent)
                {
                    low.Add(new LowQuota(account.Id, AccountConditions.Name(account), quota.DisplayName ?? quota.Model, fraction, quota.ResetTime));
                }
            }
        }
        var familyList = families
            .Select(pair => new FamilyQuota(pair.Key, pair.Value.Sum / pair.Value.Count, pair.Value.Count))
            .OrderBy(f => ModelFamilies.Order(f.Family))
            .ToList();
        low.Sort((a, b) => a.RemainingFraction.CompareTo(b.RemainingFraction));
        return new PoolOverview(accounts.Count, serving, cooling, disabled, attention, familyList, low);
    }
}

/// <summary>The average remaining quota of one model family over the accounts that report it.</summary>
internal sealed record FamilyQuota(string Family, double AverageFraction, int Models);

/// <summary>A model of an account whose remaining quota is under the protection threshold.</summary>
internal sealed record LowQuota(string AccountId, string Account, string Model, double RemainingFraction, DateTimeOffset? ResetTime);

/// <summary>The model families the overview groups quota by, the way users name them.</summary>
internal static class ModelFamilies
{
    private static readonly string[] Ordered = ["Claude", "Gemini Pro", "Gemini Flash", "Image", "Other"];

    /// <summary>The family a model id belongs to.</summary>
    public static string Of(string model)
    {
        var name = model.ToLowerInvariant();
        return name switch
        {
            _ when name.Contains("image", StringComparison.Ordinal) => "Image",
            _ when name.Contains("claude", StringComparison.Ordinal) => "Claude",
            _ when name.Contains("gemini", StringComparison.Ordinal) && name.Contains("flash", StringComparison.Ordinal) => "Gemini Flash",
            _ when name.Contains("gemini", StringComparison.Ordinal) && name.Contains("pro", StringComparison.Ordinal) => "Gemini Pro",
            _ => "Other",
        };
    }

    /// <summary>Display order of a family.</summary>
    public static int Order(string family) => Array.IndexOf(Ordered, family) is var index and >= 0 ? index : Ordered.Length;
}
