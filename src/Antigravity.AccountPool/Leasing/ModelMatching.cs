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

    /// <summary>
    /// How specifically an account serves <paramref name="model"/>: 2 when it names it (quota model, model list
    /// entry, mapping key), 1 when only a catch-all covers it (no list yet, <c>*</c> or a prefix pattern), 0 when it
    /// does not serve it. The pool leases among the most specific accounts, so a provider account that lists
    /// <c>glm-4.6</c> is chosen over a Gemini key that would take any name (a Gemini key without a list names the
    /// <c>gemini*</c> and <c>gemma*</c> models).
    /// </summary>
    public static int Specificity(AccountRecord account, IReadOnlyDictionary<string, ModelQuota> quota, string model)
    {
        if (!Serves(account, quota, model))
        {
            return 0;
        }
        if (account.Kind == AccountKinds.Antigravity)
        {
            return quota.ContainsKey(model) ? 2 : 1;
        }
        if (account.Kind == AccountKinds.GeminiApiKey && account.Models.Count == 0 && account.ModelMapping.Count == 0)
        {
            // A Gemini API key without a list serves Google's own model families by name.
            return model.StartsWith("gemini", StringComparison.OrdinalIgnoreCase) || model.StartsWith("gemma", StringComparison.OrdinalIgnoreCase) ? 2 : 1;
        }
        return account.ModelMapping.ContainsKey(model) || account.Models.Any(pattern => string.Equals(pattern, model, StringComparison.Ordinal)) ? 2 : 1;
    }

    /// <summary>The model to send upstream: the account's mapping, else the model itself.</summary>
    public static string UpstreamModel(AccountRecord account, string model) =>
        account.ModelMapping.TryGetValue(model, out var mapped) && mapped.Length > 0 ? mapped : model;

    private static bool Matches(string pattern, string model) =>
        pattern == "*"
        || string.Equals(pattern, model, StringComparison.Ordinal)
        || (pattern.EndsWith('*') && model.StartsWith(pattern[..^1], StringComparison.Ordinal));
}
