namespace Antigravity.AccountPool.Leasing.Policies;

/// <summary>The registered policies, by name.</summary>
internal sealed class SelectionPolicies(IEnumerable<IAccountSelectionPolicy> policies)
{
    private readonly Dictionary<string, IAccountSelectionPolicy> _byName = policies.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The policy for a scheduling mode; <c>balance</c> for an unknown name.</summary>
    public IAccountSelectionPolicy ForMode(string? mode) =>
        mode is not null && _byName.TryGetValue(mode, out var policy) ? policy : _byName["balance"];

    /// <summary>The fixed-account policy.</summary>
    public IAccountSelectionPolicy Fixed => _byName["fixed"];
}
