using System.Security.Cryptography;
using System.Text;
using Antigravity.AccountPool.Accounts;
using Antigravity.AccountPool.Leasing.Policies;
using Antigravity.AccountPool.OAuth;
using Antigravity.AccountPool.Quota;
using Antigravity.AccountPool.Upstream;
using Antigravity.Contracts;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;
using Antigravity.Contracts.Settings;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Antigravity.AccountPool.Leasing;

/// <summary>
/// Hands out accounts. It takes the pool's in-memory view (<see cref="PoolView"/>), filters candidates (enabled,
/// serving the model, not cooling, above the quota-protection threshold), lets the scheduling policy choose, then
/// claims the choice with one Lua script that checks the view is still current and re-checks state and cooldowns;
/// if anything changed in between, it reads the view again and picks again. A refusal or a wait is decided only on
/// a view just confirmed current. Steady state: one Redis round trip per lease (two with a session to look up).
/// </summary>
internal sealed partial class LeaseService(
    PoolView pool,
    AccountSecrets secrets,
    TokenService tokens,
    SelectionPolicies policies,
    ProxySettingsMonitor settingsMonitor,
    IConnectionMultiplexer redis,
    IOptions<PoolOptions> options,
    IOptionsMonitor<CloudCodeOptions> cloudCode,
    IOptionsMonitor<GeminiApiOptions> geminiApi,
    TimeProvider time,
    ILogger<LeaseService> logger)
{
    private const int MaxRounds = 12;
    private static readonly TimeSpan TokenFailurePause = TimeSpan.FromSeconds(30);

    public async Task<LeaseDecision> LeaseAsync(LeaseRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            return LeaseDecision.BadRequest("model is required.");
        }
        var model = request.Model.Trim();
        var scheduling = settingsMonitor.Current?.Scheduling ?? new SchedulingSettings();
        var policy = policies.ForMode(scheduling.Mode);
        var excluded = new HashSet<string>(request.ExcludeAccountIds ?? [], StringComparer.Ordinal);
        var sessionKey = string.IsNullOrWhiteSpace(request.SessionKey) ? null : HashSession(request.SessionKey);
        var longestWait = TimeSpan.FromSeconds(Math.Max(scheduling.MaxWaitSeconds, scheduling.AllLimitedWaitSeconds));
        var waitDeadline = time.GetUtcNow() + longestWait;

        long? staleVersion = null;
        var verified = false;
        for (var round = 0; round < MaxRounds; round++)
        {
            var view = await pool.GetAsync(staleVersion).ConfigureAwait(false);
            staleVersion = null;
            var now = time.GetUtcNow();
            var nowMs = now.ToUnixTimeMilliseconds();
            var snapshot = Candidates(view, request.Kinds, excluded, model, nowMs, out var anyServing);
            var available = new List<SelectionCandidate>(snapshot?.Count ?? 0);
            long? earliestBackMs = null;
            foreach (var entry in snapshot ?? [])
            {
                var blockedUntil = BlockedUntil(entry, model, nowMs, scheduling);
                if (blockedUntil is null)
                {
                    available.Add(new SelectionCandidate(entry.Account.Id, entry.Account.TierRank, entry.Quota?.RemainingFraction, pool.LeaseCount(entry.Account.Id)));
                }
                else if (blockedUntil > 0)
                {
                    earliestBackMs = earliestBackMs is null ? blockedUntil : Math.Min(earliestBackMs.Value, blockedUntil.Value);
                }
            }
            if (available.Count == 0 && !verified)
            {
                // A refusal or a wait is decided on the view: make sure it is current first (one round trip, only here).
                verified = true;
                if (!await pool.IsCurrentAsync(view).ConfigureAwait(false))
                {
                    staleVersion = view.Version;
                    continue;
                }
            }

            if (view.Accounts.Count == 0)
            {
                return LeaseDecision.Unavailable(LeaseDecision.NoAccountsMessage);
            }
            if (snapshot is null)
            {
                return LeaseDecision.Unavailable(anyServing
                    ? $"Every available account was already tried for {model}."
                    : LeaseDecision.NoAccountsMessage + " (no enabled account of a usable kind: every account is disabled or needs attention).");
            }
            if (snapshot.Count == 0)
            {
                return LeaseDecision.ModelNotServed(model);
            }

            string? sessionAccountId = null;
            if (sessionKey is not null && policy.KeepsSessions)
            {
                sessionAccountId = (string?)await redis.GetDatabase().StringGetAsync(RedisKeys.PoolSticky(sessionKey)).ConfigureAwait(false);
                if (sessionAccountId is not null && policy.Name == "cache_first" && available.All(c => c.AccountId != sessionAccountId)
                    && snapshot.FirstOrDefault(e => e.Account.Id == sessionAccountId) is { } bound
                    && BlockedUntil(bound, model, nowMs, scheduling) is > 0 and var boundBackMs
                    && boundBackMs - nowMs <= scheduling.MaxWaitSeconds * 1000L)
                {
                    if (!await pool.IsCurrentAsync(view).ConfigureAwait(false))
                    {
                        staleVersion = view.Version;
                        continue;
                    }
                    // cache_first: the session's account is back soon; waiting keeps its prompt cache.
                    Log.WaitingForSessionAccount(logger, sessionAccountId, model, boundBackMs - nowMs);
                    await Task.Delay(TimeSpan.FromMilliseconds(boundBackMs - nowMs + 20), time, cancellationToken).ConfigureAwait(false);
                    verified = false;
                    continue;
                }
            }

            if (available.Count == 0)
            {
                if (earliestBackMs is null)
                {
                    return LeaseDecision.Unavailable($"No account can serve {model}: every candidate is under the quota protection threshold.");
                }
                var wait = TimeSpan.FromMilliseconds(earliestBackMs.Value - nowMs);
                if (wait <= TimeSpan.FromSeconds(scheduling.AllLimitedWaitSeconds) && now + wait <= waitDeadline)
                {
                    await Task.Delay(wait + TimeSpan.FromMilliseconds(20), time, cancellationToken).ConfigureAwait(false);
                    verified = false;
                    continue;
                }
                return LeaseDecision.Limited((int)Math.Ceiling(wait.TotalSeconds), model);
            }

            var context = new SelectionContext(available, sessionAccountId, scheduling.PreferredAccountId, Random.Shared);
            var chosen = (scheduling.PreferredAccountId is null ? null : policies.Fixed.Pick(context)) ?? policy.Pick(context);
            if (chosen is null)
            {
                continue;
            }
            var account = snapshot.First(e => e.Account.Id == chosen.AccountId).Account;
            var leaseId = Guid.NewGuid().ToString("N");
            var bindSession = sessionKey is not null && policy.KeepsSessions && scheduling.PreferredAccountId is null;
            var claim = (long)await redis.GetDatabase().ScriptEvaluateAsync(
                PoolScripts.Claim,
                [RedisKeys.PoolAccount(account.Id), RedisKeys.PoolCooldowns(account.Id), RedisKeys.PoolLeaseCounts, RedisKeys.PoolLease(leaseId), bindSession ? RedisKeys.PoolSticky(sessionKey!) : RedisKeys.PoolLease(leaseId), RedisKeys.PoolVersion],
                [Text(nowMs), model, account.Id, Text((long)options.Value.LeaseTtl.TotalMilliseconds), Text((long)options.Value.StickySessionTtl.TotalMilliseconds),
                 bindSession ? "1" : "0", sessionKey ?? "", Text(view.Version), AccountRecord.Text(account.AccessTokenExpiresAtMs)]).ConfigureAwait(false);
            if (claim != 0)
            {
                // The pool changed since the view was read (another request or replica decided): choose again from fresh state.
                Log.ClaimLost(logger, account.Id, model);
                staleVersion = view.Version;
                continue;
            }
            pool.CountLease(account.Id);

            AccountRecord? ready;
            try
            {
                ready = await tokens.EnsureFreshAsync(account, force: false, margin: null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or OAuthGrantException or OAuthNotConfiguredException or TimeoutException
                or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The token could not be refreshed right now: rest the account briefly and serve from another.
                Log.TokenUnavailable(logger, account.Id, ex.Message);
                await redis.GetDatabase().ScriptEvaluateAsync(
                    PoolScripts.Cooldown,
                    [RedisKeys.PoolCooldowns(account.Id), RedisKeys.PoolVersion],
                    ["*", (nowMs + (long)TokenFailurePause.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "token refresh failed: " + ex.Message]).ConfigureAwait(false);
                excluded.Add(account.Id);
                continue;
            }
            if (ready is null || !ready.IsServing(time.GetUtcNow().ToUnixTimeMilliseconds()))
            {
                excluded.Add(account.Id);
                continue;
            }
            var lease = BuildLease(leaseId, ready, model, sticky: chosen.AccountId == sessionAccountId);
            if (lease is null)
            {
                excluded.Add(account.Id);
                continue;
            }
            if (ready.AccessTokenExpiresAtMs != account.AccessTokenExpiresAtMs)
            {
                // The token was refreshed just now: a 401 on this lease compares against the new one.
                await redis.GetDatabase().HashSetAsync(RedisKeys.PoolLease(leaseId), "tokenExpiresAt", AccountRecord.Text(ready.AccessTokenExpiresAtMs)).ConfigureAwait(false);
            }
            // A lease that binds the session may serve the session's next requests for a moment: the pool would hand it out again.
            var hold = bindSession && options.Value.LeaseHold > TimeSpan.Zero ? (int)options.Value.LeaseHold.TotalMilliseconds : (int?)null;
            return LeaseDecision.Granted(lease with { HoldMilliseconds = hold, PoolVersion = view.Version });
        }
        return LeaseDecision.Limited(1, model);
    }

    /// <summary>The lease for an account: its credential, project, base URLs and upstream model; null when the credential cannot be read.</summary>
    public AccountLease? BuildLease(string leaseId, AccountRecord account, string model, bool sticky)
    {
        string? accessToken = null;
        string? apiKey = null;
        IReadOnlyList<string> baseUrls;
        switch (account.Kind)
        {
            case AccountKinds.Antigravity:
                accessToken = secrets.Unprotect(account.AccessTokenCipher);
                if (accessToken is null)
                {
                    return null;
                }
                baseUrls = cloudCode.CurrentValue.EffectiveBaseUrls;
                break;
            case AccountKinds.GeminiApiKey:
                apiKey = secrets.Unprotect(account.ApiKeyCipher);
                baseUrls = [geminiApi.CurrentValue.BaseUrl];
                break;
            default:
                apiKey = secrets.Unprotect(account.ApiKeyCipher);
                baseUrls = account.BaseUrl is null ? [] : [account.BaseUrl];
                break;
        }
        if (account.Kind != AccountKinds.Antigravity && apiKey is null)
        {
            return null;
        }
        return new AccountLease
        {
            LeaseId = leaseId,
            AccountId = account.Id,
            Kind = account.Kind,
            Label = account.Label ?? account.Email,
            Email = account.Email,
            AccessToken = accessToken,
            ApiKey = apiKey,
            ProjectId = account.ProjectId,
            BaseUrls = baseUrls,
            UpstreamModel = ModelMatching.UpstreamModel(account, model),
            Tier = account.Tier,
            Sticky = sticky,
        };
    }

    /// <summary>Sessions are stored under a hash of their key: bounded length, and no user identifiers in Redis.</summary>
    public static string HashSession(string sessionKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionKey)))[..32];

    private static bool KindAllowed(IReadOnlyList<string>? kinds, string kind) => kinds is not { Count: > 0 } || kinds.Contains(kind);

    /// <summary>Null when the account can serve the model now; else when it comes back (Unix ms), or 0 when unknown.</summary>
    private static long? BlockedUntil(PoolEntry entry, string model, long nowMs, SchedulingSettings scheduling)
    {
        long? until = null;
        foreach (var cooldown in entry.Cooldowns)
        {
            if ((cooldown.Model == model || cooldown.Model == "*") && cooldown.UntilMs > nowMs)
            {
                until = Math.Max(until ?? 0, cooldown.UntilMs);
            }
        }
        if (scheduling.QuotaProtection.Enabled && entry.Quota?.RemainingFraction is { } fraction && fraction * 100 < scheduling.QuotaProtection.ThresholdPercent)
        {
            var reset = entry.Quota.ResetTime?.ToUnixTimeMilliseconds();
            until = reset is { } r && r > nowMs ? Math.Max(until ?? 0, r) : until ?? 0;
        }
        return until;
    }

    /// <summary>
    /// The accounts that may serve <paramref name="model"/> (the most specific match wins over catch-alls); null when no
    /// account is serving, of a usable kind and untried (<paramref name="anyServing"/> tells whether the tried ones were).
    /// </summary>
    private static List<PoolEntry>? Candidates(PoolSnapshot view, IReadOnlyList<string>? kinds, HashSet<string> excluded, string model, long nowMs, out bool anyServing)
    {
        anyServing = false;
        var entries = new List<PoolEntry>();
        var any = false;
        var best = 1;
        foreach (var candidate in view.Accounts)
        {
            var account = candidate.Account;
            if (!account.IsServing(nowMs) || !KindAllowed(kinds, account.Kind))
            {
                continue;
            }
            anyServing = true;
            if (excluded.Contains(account.Id))
            {
                continue;
            }
            any = true;
            var specificity = ModelMatching.Specificity(account, candidate.Quota, model);
            if (specificity == 0 || specificity < best)
            {
                continue;
            }
            if (specificity > best)
            {
                // Accounts that name the model win over catch-alls.
                best = specificity;
                entries.Clear();
            }
            entries.Add(new PoolEntry(account, candidate.Quota.GetValueOrDefault(model), candidate.Cooldowns));
        }
        return any ? entries : null;
    }

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record PoolEntry(AccountRecord Account, ModelQuota? Quota, IReadOnlyList<Cooldown> Cooldowns);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Account {AccountId} went cooling or was disabled for {Model} before it could be claimed; choosing again.")]
        public static partial void ClaimLost(ILogger logger, string accountId, string model);

        [LoggerMessage(3, LogLevel.Warning, "The access token of account {AccountId} could not be refreshed ({Reason}); the account rests 30 s.")]
        public static partial void TokenUnavailable(ILogger logger, string accountId, string reason);

        [LoggerMessage(2, LogLevel.Information, "cache_first: waiting {WaitMs} ms for account {AccountId} (bound to the session) to come back for {Model}.")]
        public static partial void WaitingForSessionAccount(ILogger logger, string accountId, string model, long waitMs);
    }
}
