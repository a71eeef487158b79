using Antigravity.AccountPool.Accounts;
using Antigravity.AccountPool.OAuth;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Antigravity.AccountPool.Quota;

/// <summary>
/// Background work shared by the replicas: every <see cref="PoolOptions.QuotaRefreshInterval"/> one replica
/// (whoever takes the cycle lock) refreshes every Google account's quota, which also restores accounts whose
/// quota has reset; and each replica refreshes access tokens that are about to expire (the per-account lock
/// makes that happen once).
/// </summary>
internal sealed partial class QuotaRefreshService(
    AccountStore store,
    QuotaService quota,
    TokenService tokens,
    IConnectionMultiplexer redis,
    IOptions<PoolOptions> options,
    TimeProvider time,
    ILogger<QuotaRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var tick = settings.TokenCheckInterval < settings.QuotaRefreshInterval ? settings.TokenCheckInterval : settings.QuotaRefreshInterval;
        using var timer = new PeriodicTimer(tick, time);
        try
        {
            do
            {
                try
                {
                    await RefreshTokensAsync(stoppingToken).ConfigureAwait(false);
                    if (await redis.GetDatabase().StringSetAsync(RedisKeys.PoolQuotaCycleLock, Environment.MachineName, settings.QuotaRefreshInterval, When.NotExists).ConfigureAwait(false))
                    {
                        await RefreshQuotaAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is RedisException or HttpRequestException or TimeoutException)
                {
                    Log.CycleFailed(logger, ex.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RefreshTokensAsync(CancellationToken cancellationToken)
    {
        var margin = options.Value.TokenRefreshLeadTime + options.Value.TokenCheckInterval;
        foreach (var account in await store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (account.Kind == AccountKinds.Antigravity && account.Enabled && account.State != AccountStates.InvalidGrant && !tokens.IsFresh(account, margin))
            {
                await RunSafelyAsync(account.Id, () => tokens.EnsureFreshAsync(account, force: false, margin, cancellationToken)).ConfigureAwait(false);
            }
        }
    }

    private async Task RefreshQuotaAsync(CancellationToken cancellationToken)
    {
        foreach (var account in await store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (account.Kind == AccountKinds.Antigravity && account.Enabled && account.State != AccountStates.InvalidGrant)
            {
                await RunSafelyAsync(account.Id, () => quota.RefreshAsync(account, onDemand: false, cancellationToken)).ConfigureAwait(false);
            }
        }
    }

    private async Task RunSafelyAsync(string accountId, Func<Task<AccountRecord?>> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OAuthGrantException or OAuthNotConfiguredException or TimeoutException or Upstream.CloudCodeException)
        {
            Log.AccountFailed(logger, accountId, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Background refresh cycle failed: {Reason}")]
        public static partial void CycleFailed(ILogger logger, string reason);

        [LoggerMessage(2, LogLevel.Warning, "Background refresh of account {AccountId} failed: {Reason}")]
        public static partial void AccountFailed(ILogger logger, string accountId, string reason);
    }
}
