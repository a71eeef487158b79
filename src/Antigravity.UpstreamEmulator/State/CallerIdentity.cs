namespace Antigravity.UpstreamEmulator.State;

/// <summary>Who is calling, as far as scripted rules are concerned: every name a rule's target may use.</summary>
internal sealed record CallerIdentity(string Label, IReadOnlyList<string> Names)
{
    public static CallerIdentity ForAccount(GoogleAccount account) =>
        new(account.Email, [account.RefreshToken, account.Email]);

    public static CallerIdentity ForKey(RegisteredKey key) =>
        new($"key:{key.Id}", [key.Key, key.Id]);

    public bool Matches(string target) =>
        target == "*" || Names.Any(name => string.Equals(name, target, StringComparison.OrdinalIgnoreCase));
}
