namespace Antigravity.Contracts;

/// <summary>
/// Every Redis key and channel the product uses, in one place, so that services agree on them and an
/// operator can find them. All start with <c>ag:</c>.
/// </summary>
public static class RedisKeys
{
    /// <summary>The proxy settings document (JSON, see <see cref="Settings.ProxySettings"/>).</summary>
    public const string ProxySettings = "ag:settings:proxy";

    /// <summary>Channel on which a settings change is announced (message: the new revision).</summary>
    public const string SettingsChangedChannel = "ag:settings:changed";

    /// <summary>The dashboard's admin password (generated on first start unless configured).</summary>
    public const string DashboardAdminPassword = "ag:dashboard:admin-password";

    /// <summary>The dashboard's ASP.NET data protection key ring (hash: key id → key XML), shared by its replicas.</summary>
    public const string DashboardDataProtectionKeys = "ag:dashboard:data-protection-keys";
}
