using Antigravity.AccountPool.Accounts;
using Antigravity.AccountPool.OAuth;
using Antigravity.AccountPool.Upstream;
using Antigravity.Contracts.Accounts;

namespace Antigravity.AccountPool.Quota;

/// <summary>
/// Fetches a Google account's project, tier and per-model quota, stores them, and lifts quota cooldowns of
/// models whose quota has come back.
/// </summary>
internal sealed partial class QuotaService(
    AccountStore store,
    AccountSecrets secrets,
    TokenService tokens,
    CloudCodeClient cloudCode,
    TimeProvider time,
    ILogger<QuotaService> logger)
{
    /// <summary>
    /// Refreshes one account. <paramref name="onDemand"/> (the user asked) also forces a new token and clears a
    /// forbidden state once the upstream answers again. Returns the account as stored afterwards.
    /// </summary>
    public async Task<AccountRecord?> RefreshAsync(AccountRecord account, bool onDemand, CancellationToken cancellationToken)
    {
        if (account.Kind != AccountKinds.Antigravity)
        {
            return account;
        }
        var current = await tokens.EnsureFreshAsync(account, force: onDemand, margin: null, cancellationToken).ConfigureAwait(false);
        if (current is null || current.State == AccountStates.InvalidGrant || secrets.Unprotect(current.AccessTokenCipher) is not { } accessToken)
        {
            return current;
        }

        try
        {
            if (onDemand || current.ProjectId is null || current.Tier is null)
            {
                var info = await cloudCode.LoadCodeAssistAsync(accessToken, cancellationToken).ConfigureAwait(false);
                current = current with { ProjectId = info.ProjectId ?? current.ProjectId, Tier = info.Tier ?? current.Tier };
                await store.UpdateFieldsAsync(current.Id, [new("projectId", current.ProjectId ?? ""), new("tier", current.Tier ?? "")], cancellationToken).ConfigureAwait(false);
            }
            var models = await cloudCode.FetchAvailableModelsAsync(accessToken, current.ProjectId, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            await store.ReplaceQuotaAsync(current.Id, models, now.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
            await RestoreResetModelsAsync(current.Id, models, now, cancellationToken).ConfigureAwait(false);
            if (onDemand && current.State == AccountStates.Forbidden)
            {
                await store.UpdateFieldsAsync(current.Id, [new("state", AccountStates.Active), new("stateReason", ""), new("stateSince", AccountRecord.Text(now.ToUnixTimeMilliseconds()))], cancellationToken).ConfigureAwait(false);
            }
            Log.QuotaRefreshed(logger, current.Id, models.Count);
        }
        catch (CloudCodeException ex) when (ex.Status == 403)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            await store.UpdateFieldsAsync(current.Id, [new("state", AccountStates.Forbidden), new("stateReason", "403 forbidden while fetching quota"), new("stateSince", AccountRecord.Text(now))], cancellationToken).ConfigureAwait(false);
            Log.QuotaFailed(logger, current.Id, ex.Status);
        }
        catch (CloudCodeException ex)
        {
            Log.QuotaFailed(logger, current.Id, ex.Status);
        }
        return await store.GetAsync(account.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lifts quota cooldowns of models that have quota again (their reset passed).</summary>
    private async Task RestoreResetModelsAsync(string accountId, IReadOnlyList<ModelQuota> models, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cooldowns = await store.GetCooldownsAsync(accountId, now.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        foreach (var cooldown in cooldowns)
        {
            var quota = models.FirstOrDefault(m => m.Model == cooldown.Model);
            if (quota is { RemainingFraction: > 0 } && IsQuotaReason(cooldown.Reason))
            {
                await store.ClearCooldownAsync(accountId, cooldown.Model, cancellationToken).ConfigureAwait(false);
                Log.Restored(logger, accountId, cooldown.Model);
            }
        }
    }

    // Only an explicit quota exhaustion is lifted by seeing quota again; a bare 429 may have been a rate limit.
    private static bool IsQuotaReason(string reason) => reason.StartsWith("QUOTA_EXHAUSTED", StringComparison.Ordinal);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Quota of account {AccountId} refreshed: {ModelCount} models.")]
        public static partial void QuotaRefreshed(ILogger logger, string accountId, int modelCount);

        [LoggerMessage(2, LogLevel.Warning, "Could not fetch the quota of account {AccountId} (status {Status}).")]
        public static partial void QuotaFailed(ILogger logger, string accountId, int status);

        [LoggerMessage(3, LogLevel.Information, "Account {AccountId} has quota again for {Model}: cooldown lifted.")]
        public static partial void Restored(ILogger logger, string accountId, string model);
    }
}
