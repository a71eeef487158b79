namespace Antigravity.UpstreamEmulator.State;

/// <summary>Who is calling, as far as scripted rules are concerned: every name a rule's target may use.</summary>
internal sealed record CallerIdentity(string Label, IReadOnlyList<string> Names)
{
    public static CallerIdentity ForAccount(GoogleAccount account) =>
        new(account.Email, [account.RefreshToken, account.Email]);

    public static CallerIdentity ForKey(string key, ApiKeyKind kind) =>
        new($"{kind.Name()} key {Masking.MaskSecret(key)}", [key]);

    public bool Matches(string target) =>
        target == "*" || Names.Any(name => string.Equals(name, target, StringComparison.OrdinalIgnoreCase));
}
