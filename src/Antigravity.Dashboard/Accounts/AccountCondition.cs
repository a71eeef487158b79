using Antigravity.Contracts.Accounts;

namespace Antigravity.Dashboard.Accounts;

/// <summary>What an account can do right now: the one reading the overview counts and the Accounts page shows.</summary>
internal enum AccountCondition
{
    /// <summary>Enabled, active, not cooling for every model.</summary>
    Serving,

    /// <summary>Enabled and active, but cooling for every model until a cooldown ends.</summary>
    Cooling,

    /// <summary>Turned off by the user.</summary>
    Disabled,

    /// <summary>The upstream answered 403.</summary>
    Forbidden,

    /// <summary>Google asks the user to verify the account.</summary>
    ValidationRequired,

    /// <summary>Google refused the refresh token.</summary>
    InvalidGrant,

    /// <summary>A state this dashboard does not know.</summary>
    Unknown,
}

/// <summary>Reads an <see cref="AccountView"/> the way every page talks about it.</summary>
internal static class AccountConditions
{
    /// <summary>The account's condition at <paramref name="now"/>.</summary>
    public static AccountCondition Of(AccountView account, DateTimeOffset now) => account.State.Status switch
    {
        AccountStates.Active when !account.Enabled => AccountCondition.Disabled,
        // Cooling for "*" means no model can be served until the cooldown ends.
        AccountStates.Active when account.Cooldowns.Any(c => c.Model == "*" && c.Until > now) => AccountCondition.Cooling,
        AccountStates.Active => AccountCondition.Serving,
        AccountStates.Disabled => AccountCondition.Disabled,
        AccountStates.Forbidden => AccountCondition.Forbidden,
        AccountStates.ValidationRequired => AccountCondition.ValidationRequired,
        AccountStates.InvalidGrant => AccountCondition.InvalidGrant,
        _ => AccountCondition.Unknown,
    };

    /// <summary>The name shown first: e-mail, else label, else id.</summary>
    public static string Name(AccountView account) => account.Email ?? account.Label ?? account.Id;
}
