using Antigravity.AccountPool.Accounts;
using Antigravity.AccountPool.Upstream;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Antigravity.AccountPool.OAuth;

/// <summary>
/// Keeps Google access tokens fresh: a token is refreshed when less than the lead time (90 s) remains, by one
/// replica at a time per account (a <c>SET NX PX</c> lock); the others wait for its result instead of
/// refreshing again. <c>invalid_grant</c> puts the account in the <c>invalid_grant</c> state.
/// </summary>
internal sealed partial class TokenService(
    AccountStore store,
    AccountSecrets secrets,
    GoogleOAuthClient oauth,
    CloudCodeClient cloudCode,
    IConnectionMultiplexer redis,
    IOptions<PoolOptions> options,
    TimeProvider time,
    ILogger<TokenService> logger)
{
    private static readonly TimeSpan LockTtl = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WaitForOtherReplica = TimeSpan.FromSeconds(20);

    private const string ReleaseLock = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    /// <summary>True when the account's access token is valid for longer than <paramref name="margin"/>.</summary>
    public bool IsFresh(AccountRecord account, TimeSpan? margin = null) =>
        account.AccessTokenCipher is not null
        && account.AccessTokenExpiresAtMs is { } expires
        && expires - time.GetUtcNow().ToUnixTimeMilliseconds() > (margin ?? options.Value.TokenRefreshLeadTime).TotalMilliseconds;

    /// <summary>
    /// Returns the account with a usable access token (refreshing it if needed), or the account in its new
    /// state (not serving) when Google refused the refresh token. Key-based accounts are returned as they are.
    /// </summary>
    /// <param name="account">The account as the caller saw it.</param>
    /// <param name="force">Refresh even if the token looks fresh (after a 401), unless the stored token is already another one than the caller saw (compared by expiry).</param>
    /// <param name="margin">Refresh when less than this remains (default: the lead time).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<AccountRecord?> EnsureFreshAsync(AccountRecord account, bool force, TimeSpan? margin, CancellationToken cancellationToken)
    {
        if (account.Kind != AccountKinds.Antigravity || (!force && IsFresh(account, margin)))
        {
            return account;
        }

        var lockKey = RedisKeys.PoolRefreshLock(account.Id);
        var lockToken = Guid.NewGuid().ToString("N");
        var deadline = time.GetUtcNow() + WaitForOtherReplica;
        while (true)
        {
            if (await redis.GetDatabase().StringSetAsync(lockKey, lockToken, LockTtl, When.NotExists).ConfigureAwait(false))
            {
                try
                {
                    var current = await store.GetAsync(account.Id, cancellationToken).ConfigureAwait(false);
                    if (current is null || !current.Enabled || current.State == AccountStates.InvalidGrant)
                    {
                        return current;
                    }
                    if (RefreshedByOther(account, current, force, margin))
                    {
                        return current;
                    }
                    return await RefreshNowAsync(current, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await redis.GetDatabase().ScriptEvaluateAsync(ReleaseLock, [lockKey], [lockToken]).ConfigureAwait(false);
                }
            }

            // Another replica (or request) is refreshing: wait for its result rather than refreshing twice.
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
            var seen = await store.GetAsync(account.Id, cancellationToken).ConfigureAwait(false);
            if (seen is null || seen.State == AccountStates.InvalidGrant || RefreshedByOther(account, seen, force, margin))
            {
                return seen;
            }
            if (time.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"The access token of account {account.Id} is being refreshed elsewhere and did not arrive in time.");
            }
        }
    }

    private bool RefreshedByOther(AccountRecord seenByCaller, AccountRecord current, bool force, TimeSpan? margin) =>
        force
            ? current.AccessTokenExpiresAtMs != seenByCaller.AccessTokenExpiresAtMs && IsFresh(current, TimeSpan.Zero)
            : IsFresh(current, margin);

    private async Task<AccountRecord?> RefreshNowAsync(AccountRecord account, CancellationToken cancellationToken)
    {
        var refreshToken = secrets.Unprotect(account.RefreshTokenCipher);
        if (refreshToken is null)
        {
            return await MarkInvalidGrantAsync(account, "invalid_grant: the stored refresh token cannot be read; sign in again", cancellationToken).ConfigureAwait(false);
        }
        TokenGrant grant;
        try
        {
            grant = await oauth.RefreshAsync(refreshToken, cancellationToken).ConfigureAwait(false);
        }
        catch (OAuthGrantException ex) when (ex.IsInvalidGrant)
        {
            Log.InvalidGrant(logger, account.Id, ex.Description ?? "");
            return await MarkInvalidGrantAsync(account, "invalid_grant: " + (ex.Description ?? "the refresh token was revoked or expired") + "; sign in again", cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var updated = account with
        {
            AccessTokenCipher = secrets.Protect(grant.AccessToken),
            AccessTokenExpiresAtMs = (now + grant.ExpiresIn).ToUnixTimeMilliseconds(),
        };
        List<KeyValuePair<string, string>> fields =
        [
            new("accessToken", updated.AccessTokenCipher!),
            new("accessTokenExpiresAt", AccountRecord.Text(updated.AccessTokenExpiresAtMs)),
        ];
        if (grant.RefreshToken is { Length: > 0 } rotated && rotated != refreshToken)
        {
            updated = updated with { RefreshTokenCipher = secrets.Protect(rotated), SecretFingerprint = AccountSecrets.Fingerprint(rotated), SecretHint = AccountSecrets.Mask(rotated) };
            fields.Add(new("refreshToken", updated.RefreshTokenCipher!));
            fields.Add(new("secretFingerprint", updated.SecretFingerprint!));
            fields.Add(new("secretHint", updated.SecretHint!));
        }
        if (updated.ProjectId is null)
        {
            try
            {
                var info = await cloudCode.LoadCodeAssistAsync(grant.AccessToken, cancellationToken).ConfigureAwait(false);
                updated = updated with { ProjectId = info.ProjectId, Tier = info.Tier ?? updated.Tier };
                fields.Add(new("projectId", updated.ProjectId ?? ""));
                fields.Add(new("tier", updated.Tier ?? ""));
            }
            catch (CloudCodeException ex)
            {
                Log.ProjectLookupFailed(logger, account.Id, ex.Status);
            }
        }
        await store.UpdateFieldsAsync(account.Id, fields, cancellationToken).ConfigureAwait(false);
        Log.Refreshed(logger, account.Id, updated.AccessTokenExpiresAtMs ?? 0);
        return updated;
    }

    private async Task<AccountRecord> MarkInvalidGrantAsync(AccountRecord account, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await store.UpdateFieldsAsync(account.Id,
        [
            new("state", AccountStates.InvalidGrant),
            new("stateReason", reason),
            new("stateSince", AccountRecord.Text(now)),
            new("stateUntil", ""),
            new("accessToken", ""),
        ], cancellationToken).ConfigureAwait(false);
        return account with { State = AccountStates.InvalidGrant, StateReason = reason, StateSinceMs = now, AccessTokenCipher = null };
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Access token of account {AccountId} refreshed; valid until {ExpiresAtMs} (Unix ms).")]
        public static partial void Refreshed(ILogger logger, string accountId, long expiresAtMs);

        [LoggerMessage(2, LogLevel.Warning, "Google refused the refresh token of account {AccountId} (invalid_grant: {Description}); the account is disabled until the user signs in again.")]
        public static partial void InvalidGrant(ILogger logger, string accountId, string description);

        [LoggerMessage(3, LogLevel.Warning, "Could not look up the Cloud Code project of account {AccountId} (status {Status}); will retry on the next refresh.")]
        public static partial void ProjectLookupFailed(ILogger logger, string accountId, int status);
    }
}
