using Antigravity.AccountPool.Accounts;
using Antigravity.AccountPool.Quota;
using Antigravity.Contracts.Accounts;

namespace Antigravity.AccountPool.Leasing;

/// <summary>Which accounts serve a model, and under which upstream name.</summary>
internal static class ModelMatching
{
    /// <summary>
    /// Google accounts serve the models their quota lists (any model until the quota is known); key-based
    /// accounts serve their model list and mapping keys (<c>*</c> and <c>prefix-*</c> patterns allowed; an empty list serves any).
    /// </summary>
    public static bool Serves(AccountRecord account, IReadOnlyDictionary<string, ModelQuota> quota, string model)
    {
        if (account.Kind == AccountKinds.Antigravity)
        {
            return quota.Count == 0 || quota.ContainsKey(model);
        }
        if (account.Models.Count == 0 && account.ModelMapping.Count == 0)
        {
            return true;
        }
        return account.ModelMapping.ContainsKey(model) || account.Models.Any(pattern => Matches(pattern, model));
    }

    /// <summary>The model to send upstream: the account's mapping, else the model itself.</summary>
    public static string UpstreamModel(AccountRecord account, string model) =>
        account.ModelMapping.TryGetValue(model, out var mapped) && mapped.Length > 0 ? mapped : model;

    private static bool Matches(string pattern, string model) =>
        pattern == "*"
        || string.Equals(pattern, model, StringComparison.Ordinal)
        || (pattern.EndsWith('*') && model.StartsWith(pattern[..^1], StringComparison.Ordinal));
}
