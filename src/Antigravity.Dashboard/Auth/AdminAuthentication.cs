namespace Antigravity.Dashboard.Auth;

/// <summary>Names of the dashboard's authentication schemes, policy and claims.</summary>
internal static class AdminAuthentication
{
    /// <summary>The UI's session cookie.</summary>
    public const string CookieScheme = "AdminCookie";

    /// <summary><c>Authorization: Bearer &lt;admin password&gt;</c>.</summary>
    public const string BearerScheme = "AdminBearer";

    /// <summary>For <c>/api</c>: the bearer header when one is sent, else the session cookie; challenges answer 401 JSON.</summary>
    public const string ApiScheme = "AdminApi";

    /// <summary>Authorization policy of the admin API.</summary>
    public const string ApiPolicy = "AdminApi";

    /// <summary>Claim holding <see cref="AdminPassword.SessionStampAsync"/> in the session cookie.</summary>
    public const string SessionStampClaim = "ag:session-stamp";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "ag_dashboard_session";

    /// <summary>The one user.</summary>
    public const string AdminName = "admin";
}
