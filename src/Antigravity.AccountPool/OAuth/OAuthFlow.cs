using System.Security.Cryptography;
using Antigravity.AccountPool.Accounts;
using Antigravity.AccountPool.Upstream;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Antigravity.AccountPool.OAuth;

/// <summary>
/// Google sign-in: builds the authorize URL (client id, redirect URI, scopes, <c>access_type=offline</c>,
/// <c>prompt=consent</c>, a <c>state</c> kept in Redis for ten minutes) and turns the returned code into an account.
/// </summary>
internal sealed class OAuthFlow(
    IConnectionMultiplexer redis,
    GoogleOAuthClient oauth,
    AccountService accounts,
    IOptionsMonitor<OAuthOptions> options,
    IOptions<PoolOptions> poolOptions)
{
    public async Task<AccountResult<OAuthStartResponse>> StartAsync(OAuthStartRequest request, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (settings.MissingClientMessage() is { } missing)
        {
            return AccountResult<OAuthStartResponse>.Fail(503, missing);
        }
        if (string.IsNullOrWhiteSpace(request.RedirectUri) || !Uri.TryCreate(request.RedirectUri, UriKind.Absolute, out var redirect) || (redirect.Scheme != Uri.UriSchemeHttp && redirect.Scheme != Uri.UriSchemeHttps))
        {
            return AccountResult<OAuthStartResponse>.Fail(400, "redirectUri must be an absolute http(s) URL (the dashboard's /auth/callback).", "redirectUri");
        }
        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await redis.GetDatabase().StringSetAsync(RedisKeys.PoolOAuthState(state), redirect.AbsoluteUri, poolOptions.Value.OAuthStateTtl, When.Always).ConfigureAwait(false);
        var url = QueryHelpers.AddQueryString(settings.AuthorizeUrl, new Dictionary<string, string?>
        {
            ["client_id"] = settings.ClientId,
            ["redirect_uri"] = redirect.AbsoluteUri,
            ["response_type"] = "code",
            ["scope"] = string.Join(' ', settings.Scopes),
            ["access_type"] = "offline",
            ["prompt"] = "consent",
            ["include_granted_scopes"] = "true",
            ["state"] = state,
        });
        return AccountResult<OAuthStartResponse>.Ok(new OAuthStartResponse { AuthorizeUrl = url, State = state, RedirectUri = redirect.AbsoluteUri });
    }

    public async Task<AccountResult<AccountView>> ExchangeAsync(OAuthExchangeRequest request, CancellationToken cancellationToken)
    {
        var (code, state) = (request.Code?.Trim(), request.State?.Trim());
        // "Paste the code": users on a remote server often paste the whole callback URL.
        if (code is not null && Uri.TryCreate(code, UriKind.Absolute, out var pasted) && pasted.Query.Length > 1)
        {
            var query = QueryHelpers.ParseQuery(pasted.Query);
            code = query.TryGetValue("code", out var c) ? c.ToString() : null;
            state ??= query.TryGetValue("state", out var s) ? s.ToString() : null;
        }
        if (string.IsNullOrEmpty(code))
        {
            return AccountResult<AccountView>.Fail(400, "code is required (the authorization code Google returned, or the whole callback URL).", "code");
        }
        if (string.IsNullOrEmpty(state))
        {
            return AccountResult<AccountView>.Fail(400, "state is required (it is in the callback URL next to the code).", "state");
        }
        var stateKey = RedisKeys.PoolOAuthState(state);
        var redirectUri = (string?)await redis.GetDatabase().StringGetDeleteAsync(stateKey).ConfigureAwait(false);
        if (redirectUri is null)
        {
            return AccountResult<AccountView>.Fail(400, "state is unknown or expired (sign-in links are valid for ten minutes); start the sign-in again.", "state");
        }

        TokenGrant grant;
        try
        {
            grant = await oauth.ExchangeCodeAsync(code, redirectUri, cancellationToken).ConfigureAwait(false);
        }
        catch (OAuthGrantException ex)
        {
            return AccountResult<AccountView>.Fail(400, $"Google refused the code ({ex.Error}); start the sign-in again.", "code");
        }
        catch (OAuthNotConfiguredException ex)
        {
            return AccountResult<AccountView>.Fail(503, ex.Message);
        }
        catch (HttpRequestException)
        {
            return AccountResult<AccountView>.Fail(502, "Google's token endpoint could not be reached; try again later.");
        }
        if (string.IsNullOrEmpty(grant.RefreshToken))
        {
            return AccountResult<AccountView>.Fail(400, "Google returned no refresh token; remove the app's access in your Google account's security settings and sign in again.", "code");
        }
        return await accounts.AddGoogleAsync(grant, null, cancellationToken).ConfigureAwait(false);
    }
}
