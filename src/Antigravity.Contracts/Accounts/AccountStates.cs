namespace Antigravity.Contracts.Accounts;

/// <summary>The states an account can be in, in their wire spelling.</summary>
public static class AccountStates
{
    /// <summary>Serving requests (possibly cooling for some models).</summary>
    public const string Active = "active";

    /// <summary>Turned off by the user.</summary>
    public const string Disabled = "disabled";

    /// <summary>Google refused the refresh token (<c>invalid_grant</c>): the user must sign in again.</summary>
    public const string InvalidGrant = "invalid_grant";

    /// <summary>The upstream answered 403 for this account.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>Google asks the user to verify the account (a URL is kept); blocked for a while.</summary>
    public const string ValidationRequired = "validation_required";
}
