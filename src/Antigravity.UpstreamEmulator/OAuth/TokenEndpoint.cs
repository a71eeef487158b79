using System.Text;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.State;
using Antigravity.UpstreamEmulator.Streaming;
using Microsoft.Extensions.Options;

namespace Antigravity.UpstreamEmulator.OAuth;

/// <summary><c>POST /token</c>: <c>refresh_token</c> and <c>authorization_code</c> grants, form-encoded, as Google answers them.</summary>
internal static class TokenEndpoint
{
    public const string DefaultScope =
        "openid https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile https://www.googleapis.com/auth/cclog https://www.googleapis.com/auth/experimentsandconfigs";

    public static async Task<IResult> HandleAsync(HttpContext context, EmulatorState state, IdTokens idTokens, IOptions<EmulatorOptions> options)
    {
        var form = await ReadParametersAsync(context.Request);
        if (form is null)
        {
            return OAuthErrors.Create(400, "invalid_request", "Invalid request body: send application/x-www-form-urlencoded parameters.");
        }
        var (clientId, clientSecret) = ClientCredentials(context.Request, form);
        if (string.IsNullOrEmpty(clientId))
        {
            return OAuthErrors.Create(400, "invalid_request", "Could not determine client ID from request.");
        }
        if (clientId != options.Value.ClientId)
        {
            return OAuthErrors.ClientNotFound();
        }
        if (clientSecret != options.Value.ClientSecret)
        {
            return OAuthErrors.ClientUnauthorized();
        }

        var grantType = form.GetValueOrDefault("grant_type", "");
        GoogleAccount? account;
        string scope;
        switch (grantType)
        {
            case "refresh_token":
            {
                var refreshToken = form.GetValueOrDefault("refresh_token", "");
                if (string.IsNullOrEmpty(refreshToken))
                {
                    return OAuthErrors.MissingParameter("refresh_token");
                }
                account = state.FindByRefreshToken(refreshToken);
                if (account is null)
                {
                    return OAuthErrors.InvalidGrant("Bad Request");
                }
                EmulatorContext.SetCaller(context, CallerIdentity.ForAccount(account));
                if (account.Revoked)
                {
                    return OAuthErrors.InvalidGrant();
                }
                scope = DefaultScope;
                break;
            }
            case "authorization_code":
            {
                var code = form.GetValueOrDefault("code", "");
                if (string.IsNullOrEmpty(code))
                {
                    return OAuthErrors.MissingParameter("code");
                }
                var issued = state.RedeemAuthorizationCode(code);
                if (issued is null)
                {
                    return OAuthErrors.InvalidGrant("Malformed auth code.");
                }
                if (issued.RedirectUri != form.GetValueOrDefault("redirect_uri", ""))
                {
                    return OAuthErrors.Create(400, "redirect_uri_mismatch", "Bad Request");
                }
                account = issued.Account;
                EmulatorContext.SetCaller(context, CallerIdentity.ForAccount(account));
                scope = issued.Scope;
                break;
            }
            default:
                return OAuthErrors.Create(400, "unsupported_grant_type", $"Invalid grant_type: {grantType}");
        }

        var outcome = state.Evaluate(CallerIdentity.ForAccount(account), null, CallKind.OAuthToken);
        await ScriptedDelivery.DelayFirstByteAsync(context, outcome);
        if (outcome.Failure is { } rule)
        {
            return rule.Action == BehaviourActions.InvalidGrant
                ? OAuthErrors.InvalidGrant(rule.Message ?? "Token has been expired or revoked.")
                : ScriptedErrors.Build(rule, UpstreamFamily.CloudCode, null, state.Now);
        }

        var (accessToken, expiresIn) = state.IssueAccessToken(account);
        var reply = new JsonObject
        {
            ["access_token"] = accessToken,
            ["expires_in"] = expiresIn,
        };
        if (grantType == "authorization_code")
        {
            reply["refresh_token"] = account.RefreshToken;
        }
        reply["scope"] = scope;
        reply["token_type"] = "Bearer";
        reply["id_token"] = idTokens.Create(account, clientId, state.Now, expiresIn);
        context.Response.Headers.CacheControl = "no-cache, no-store, max-age=0, must-revalidate";
        context.Response.Headers.Pragma = "no-cache";
        return ScriptedDelivery.Json(reply.ToJsonString(EmulatorJson.Compact), outcome);
    }

    /// <summary>The token request's parameters: a form body, or (as Google also accepts) a flat JSON object.</summary>
    private static async Task<Dictionary<string, string>?> ReadParametersAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        }
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            var body = await JsonBody.ReadObjectAsync(request);
            return body.Object?.Where(pair => JsonBody.String(pair.Value) is not null)
                .ToDictionary(pair => pair.Key, pair => JsonBody.String(pair.Value)!, StringComparer.Ordinal);
        }
        return null;
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, Dictionary<string, string> form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }
        return (form.GetValueOrDefault("client_id", ""), form.GetValueOrDefault("client_secret", ""));
    }
}
