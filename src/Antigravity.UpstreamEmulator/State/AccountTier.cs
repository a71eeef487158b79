namespace Antigravity.UpstreamEmulator.State;

/// <summary>The subscription of a Google account, as Cloud Code reports it in <c>loadCodeAssist</c>.</summary>
internal enum AccountTier
{
    Free,
    Pro,
    Ultra,
}

internal static class AccountTiers
{
    public static bool TryParse(string? value, out AccountTier tier)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "free" or "free-tier":
                tier = AccountTier.Free;
                return true;
            case "pro" or "g1-pro-tier":
                tier = AccountTier.Pro;
                return true;
            case "ultra" or "g1-ultra-tier":
                tier = AccountTier.Ultra;
                return true;
            default:
                tier = AccountTier.Free;
                return false;
        }
    }

    public static string Name(this AccountTier tier) => tier switch
    {
        AccountTier.Pro => "pro",
        AccountTier.Ultra => "ultra",
        _ => "free",
    };
}
