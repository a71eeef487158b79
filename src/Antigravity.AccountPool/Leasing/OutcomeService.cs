using System.Globalization;
using Antigravity.AccountPool.Accounts;
using Antigravity.AccountPool.Cooldowns;
using Antigravity.AccountPool.OAuth;
using Antigravity.Contracts;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;
using Antigravity.Contracts.Settings;
using StackExchange.Redis;

namespace Antigravity.AccountPool.Leasing;

/// <summary>Applies the outcome of a leased attempt: usage, cooldowns, state changes, and the 401 refresh-and-retry.</summary>
internal sealed partial class OutcomeService(
    AccountStore store,
    TokenService tokens,
    LeaseService leases,
    ProxySettingsMonitor settingsMonitor,
    IConnectionMultiplexer redis,
    TimeProvider time,
    ILogger<OutcomeService> logger)
{
    /// <summary>The answer, or null when the lease is unknown or expired.</summary>
    public async Task<OutcomeResponse?> ReportAsync(string leaseId, LeaseOutcome outcome, CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        if (outcome.Status is >= 200 and < 300)
        {
            // The common case, in one round trip: no decision to make beyond resetting the backoff and counting tokens.
            var usage = outcome.Usage;
            var recorded = (long)await database.ScriptEvaluateAsync(
                PoolScripts.Success,
                [RedisKeys.PoolLease(leaseId)],
                [Math.Max(0, usage?.InputTokens ?? 0), Math.Max(0, usage?.OutputTokens ?? 0), RedisKeys.PoolFailures(""), RedisKeys.PoolAccount("")]).WaitAsync(cancellationToken).ConfigureAwait(false);
            return recorded == 1 ? new OutcomeResponse { Action = OutcomeActions.None } : null;
        }
        var lease = (await database.HashGetAllAsync(RedisKeys.PoolLease(leaseId)).WaitAsync(cancellationToken).ConfigureAwait(false)).ToStringDictionary();
        if (!lease.TryGetValue("accountId", out var accountId) || !lease.TryGetValue("model", out var model))
        {
            return null;
        }
        var account = await store.GetAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return new OutcomeResponse { Action = OutcomeActions.NextAccount, Reason = "the account was deleted" };
        }

        var now = time.GetUtcNow();
        var failures = (long?)await database.HashGetAsync(RedisKeys.PoolFailures(accountId), model).ConfigureAwait(false) ?? 0;
        var scheduling = settingsMonitor.Current?.Scheduling ?? new SchedulingSettings();
        var decision = CooldownPolicy.Decide(outcome, model, failures, scheduling.BackoffSeconds, alreadyRefreshed: lease.ContainsKey("refreshed"), now);

        switch (decision.Kind)
        {
            case OutcomeKind.Ignore:
                return new OutcomeResponse { Action = OutcomeActions.None, Reason = decision.Reason };

            case OutcomeKind.NextWithoutBlame:
                return new OutcomeResponse { Action = OutcomeActions.NextAccount, Reason = decision.Reason };

            case OutcomeKind.Cooldown:
                return await CooldownAsync(accountId, decision, now, cancellationToken).ConfigureAwait(false);

            case OutcomeKind.RefreshToken when account.Kind == AccountKinds.Antigravity:
                return await RefreshAndRetryAsync(leaseId, lease, account, model, cancellationToken).ConfigureAwait(false);

            case OutcomeKind.RefreshToken:
                // A key-based account has no token to refresh: the key itself was refused.
                await SetStateAsync(accountId, AccountStates.Forbidden, "401 unauthorized: the API key was refused", null, null, now, cancellationToken).ConfigureAwait(false);
                return new OutcomeResponse { Action = OutcomeActions.NextAccount, Reason = AccountStates.Forbidden };

            case OutcomeKind.InvalidGrant:
                await SetStateAsync(accountId, AccountStates.InvalidGrant, decision.Reason, null, null, now, cancellationToken).ConfigureAwait(false);
                return new OutcomeResponse { Action = OutcomeActions.NextAccount, Reason = AccountStates.InvalidGrant };

            case OutcomeKind.Forbidden:
                await SetStateAsync(accountId, AccountStates.Forbidden, decision.Reason, null, null, now, cancellationToken).ConfigureAwait(false);
                return new OutcomeResponse { Action = OutcomeActions.NextAccount, Reason = AccountStates.Forbidden };

            case OutcomeKind.ValidationRequired:
                var until = now + decision.Duration;
                await SetStateAsync(accountId, AccountStates.ValidationRequired, decision.Reason, until, decision.ValidationUrl, now, cancellationToken).ConfigureAwait(false);
                return new OutcomeResponse { Action = OutcomeActions.NextAccount, Reason = AccountStates.ValidationRequired, CooldownUntil = until };

            default:
                return new OutcomeResponse { Action = OutcomeActions.None };
        }
    }

    private async Task<OutcomeResponse> CooldownAsync(string accountId, OutcomeDecision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scope = decision.Model ?? "*";
        if (decision.CountsAsFailure)
        {
            await redis.GetDatabase().HashIncrementAsync(RedisKeys.PoolFailures(accountId), scope, 1).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var untilMs = (now + decision.Duration).ToUnixTimeMilliseconds();
        var result = await redis.GetDatabase().ScriptEvaluateAsync(
            PoolScripts.Cooldown,
            [RedisKeys.PoolCooldowns(accountId), RedisKeys.PoolVersion],
            [scope, untilMs.ToString(CultureInfo.InvariantCulture), decision.Reason ?? "cooldown"]).ConfigureAwait(false);
        var effective = DateTimeOffset.FromUnixTimeMilliseconds((long)result);
        Log.CoolingDown(logger, accountId, scope, decision.Reason ?? "", (long)(effective - now).TotalSeconds);
        return new OutcomeResponse { Action = OutcomeActions.NextAccount, Reason = decision.Reason, CooldownUntil = effective };
    }

    private async Task<OutcomeResponse> RefreshAndRetryAsync(string leaseId, IReadOnlyDictionary<string, string> lease, AccountRecord account, string model, CancellationToken cancellationToken)
    {
        // The caller saw the token the lease carried; if another request already replaced it, use that one.
        var seen = account with
        {
            AccessTokenExpiresAtMs = lease.TryGetValue("tokenExpiresAt", out var e) && long.TryParse(e, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? ms : account.AccessTokenExpiresAtMs,
        };
        AccountRecord? refreshed;
        try
        {
            refreshed = await tokens.EnsureFreshAsync(seen, force: true, margin: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OAuthGrantException or OAuthNotConfiguredException or TimeoutException)
        {
            Log.RefreshAfter401Failed(logger, account.Id, ex.Message);
            return new OutcomeResponse { Action = OutcomeActions.NextAccount, Reason = "token refresh failed" };
        }
        if (refreshed is null || refreshed.State == AccountStates.InvalidGrant)
        {
            return new OutcomeResponse { Action = OutcomeActions.NextAccount, Reason = AccountStates.InvalidGrant };
        }
        var retry = leases.BuildLease(leaseId, refreshed, model, sticky: false);
        if (retry is null)
        {
            return new OutcomeResponse { Action = OutcomeActions.NextAccount, Reason = "token refresh failed" };
        }
        await redis.GetDatabase().HashSetAsync(RedisKeys.PoolLease(leaseId),
            [new HashEntry("refreshed", "1"), new HashEntry("tokenExpiresAt", AccountRecord.Text(refreshed.AccessTokenExpiresAtMs))]).ConfigureAwait(false);
        return new OutcomeResponse { Action = OutcomeActions.RetrySameAfterRefresh, Lease = retry, Reason = "unauthorized: token refreshed" };
    }

    private Task<bool> SetStateAsync(string accountId, string state, string? reason, DateTimeOffset? until, string? validationUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Log.StateChanged(logger, accountId, state, reason ?? "");
        return store.UpdateFieldsAsync(accountId,
        [
            new("state", state),
            new("stateReason", reason ?? ""),
            new("stateSince", AccountRecord.Text(now.ToUnixTimeMilliseconds())),
            new("stateUntil", AccountRecord.Text(until?.ToUnixTimeMilliseconds())),
            new("validationUrl", validationUrl ?? ""),
        ], cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Account {AccountId} cooling for {Model} ({Reason}) for {Seconds} s.")]
        public static partial void CoolingDown(ILogger logger, string accountId, string model, string reason, long seconds);

        [LoggerMessage(2, LogLevel.Warning, "Account {AccountId} is now {State}: {Reason}")]
        public static partial void StateChanged(ILogger logger, string accountId, string state, string reason);

        [LoggerMessage(3, LogLevel.Warning, "Refreshing the token of account {AccountId} after a 401 failed: {Reason}")]
        public static partial void RefreshAfter401Failed(ILogger logger, string accountId, string reason);
    }
}
