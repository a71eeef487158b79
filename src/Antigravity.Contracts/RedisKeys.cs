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

    /// <summary>The ASP.NET Core Data Protection key ring (hash: key name → XML), shared by every service.</summary>
    public const string DataProtectionKeys = "ag:dataprotection:keys";

    /// <summary>Sorted set of account ids (score: creation time, Unix ms): the pool's index.</summary>
    public const string PoolAccountIndex = "ag:pool:accounts";

    /// <summary>Hash of one account (secrets encrypted with Data Protection).</summary>
    public static string PoolAccount(string accountId) => "ag:pool:account:" + accountId;

    /// <summary>Hash model → JSON quota (<c>remainingFraction</c>, <c>resetTime</c>, <c>displayName</c>) of one account.</summary>
    public static string PoolQuota(string accountId) => "ag:pool:quota:" + accountId;

    /// <summary>Hash model (or <c>*</c>) → <c>untilUnixMs|reason</c>: the account's cooldowns.</summary>
    public static string PoolCooldowns(string accountId) => "ag:pool:cooldown:" + accountId;

    /// <summary>Hash model → consecutive failures without a reset hint (drives the backoff ladder).</summary>
    public static string PoolFailures(string accountId) => "ag:pool:failures:" + accountId;

    /// <summary>
    /// Counter bumped after every change that leasing reads (accounts, quota, cooldowns, states): the pool keeps its
    /// view in memory and the claim script refuses a claim made on an older view.
    /// </summary>
    public const string PoolVersion = "ag:pool:version";

    /// <summary>Hash account id → leases handed out (fairness counter).</summary>
    public const string PoolLeaseCounts = "ag:pool:lease-counts";

    /// <summary>Sticky session binding: account id, with a 60 s TTL renewed on use.</summary>
    public static string PoolSticky(string sessionKey) => "ag:pool:sticky:" + sessionKey;

    /// <summary>One lease (hash: account, model, session), kept 30 minutes for its outcome.</summary>
    public static string PoolLease(string leaseId) => "ag:pool:lease:" + leaseId;

    /// <summary>Per-account token refresh lock (<c>SET NX PX</c>) so one replica refreshes at a time.</summary>
    public static string PoolRefreshLock(string accountId) => "ag:pool:lock:refresh:" + accountId;

    /// <summary>A pending Google sign-in (<c>state</c> → redirect URI), ten-minute TTL.</summary>
    public static string PoolOAuthState(string state) => "ag:pool:oauth-state:" + state;

    /// <summary>Held for one quota refresh interval by the replica that runs the periodic quota refresh.</summary>
    public const string PoolQuotaCycleLock = "ag:pool:lock:quota-cycle";

    /// <summary>
    /// A thinking signature remembered for one tool call of one session (string, with a TTL), so any gateway
    /// replica can heal a conversation whose client dropped it. The suffix is a hash of session and call id.
    /// </summary>
    public static string ThinkingSignature(string hashedSessionAndCall) => "ag:sig:" + hashedSessionAndCall;

    /// <summary>A stored <c>/v1/responses</c> answer with its input (JSON, with a TTL), for <c>previous_response_id</c>.</summary>
    public static string StoredResponse(string responseId) => "ag:responses:" + responseId;

    /// <summary>Sorted set of monitor record ids scored by their sequence number (newest = highest), capped to <c>monitor.maxRecords</c>.</summary>
    public const string MonitorIndex = "ag:monitor:index";

    /// <summary>Hash record id → monitor record JSON (summary, no bodies).</summary>
    public const string MonitorRecords = "ag:monitor:records";

    /// <summary>Sorted set of the record ids that kept bodies (newest <see cref="Monitor.MonitorLimits.MaxRecordsWithBodies"/>).</summary>
    public const string MonitorBodyIndex = "ag:monitor:bodies-index";

    /// <summary>Hash record id → bodies JSON (request headers and bodies, response body; secrets redacted).</summary>
    public const string MonitorBodies = "ag:monitor:bodies";

    /// <summary>Counter giving each stored record its sequence number (the paging cursor).</summary>
    public const string MonitorSequence = "ag:monitor:seq";

    /// <summary>Channel announcing each stored record (message: the record JSON with its <c>seq</c>).</summary>
    public const string MonitorChannel = "ag:monitor:new";

    /// <summary>
    /// Token aggregates of one UTC hour (<c>yyyyMMddHH</c>), kept 35 days: hash of
    /// <c>t:&lt;metric&gt;:</c>, <c>m:&lt;metric&gt;:&lt;model&gt;</c>, <c>a:&lt;metric&gt;:&lt;account id&gt;</c> → count,
    /// metrics <c>requests errors in out cached thinking</c>.
    /// </summary>
    public static string StatsHour(string utcHour) => "ag:stats:hour:" + utcHour;

    /// <summary>The same aggregates for one UTC minute (<c>yyyyMMddHHmm</c>), kept 3 hours.</summary>
    public static string StatsMinute(string utcMinute) => "ag:stats:minute:" + utcMinute;

    /// <summary>Hash account id → label or e-mail last seen in a record (names accounts in the statistics).</summary>
    public const string StatsAccountLabels = "ag:stats:accounts";
}
