namespace Antigravity.Dashboard.Components.Accounts;

/// <summary>The confirmations the Accounts page shows after a change, keyed by the <c>notice</c> query value of the redirect.</summary>
internal static class AccountNotices
{
    public const string Added = "added";
    public const string Enabled = "enabled";
    public const string Disabled = "disabled";
    public const string Deleted = "deleted";
    public const string Refreshed = "refreshed";
    public const string Preferred = "preferred";
    public const string Unpreferred = "unpreferred";

    /// <summary>The sentence for <paramref name="notice"/> about the account called <paramref name="who"/>.</summary>
    public static string? Text(string? notice, string? who)
    {
        var name = string.IsNullOrWhiteSpace(who) ? "The account" : who;
        return notice switch
        {
            Added => $"{name} was added to the pool.",
            Enabled => $"{name} is enabled and serves again.",
            Disabled => $"{name} is disabled: the pool no longer hands it out.",
            Deleted => $"{name} was removed from the pool.",
            Refreshed => $"{name} was refreshed: token, tier and quota are current.",
            Preferred => $"{name} is the preferred account: it serves every request it can, rotation covers the rest.",
            Unpreferred => "No preferred account: requests rotate over the pool again.",
            _ => null,
        };
    }

    /// <summary>The page address that shows <paramref name="notice"/>.</summary>
    public static string Url(string notice, string? who) =>
        "/accounts?notice=" + notice + (string.IsNullOrEmpty(who) ? "" : "&who=" + Uri.EscapeDataString(who));
}
