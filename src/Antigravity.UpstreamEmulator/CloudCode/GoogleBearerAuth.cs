using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.State;

namespace Antigravity.UpstreamEmulator.CloudCode;

/// <summary>Checks the OAuth bearer token of a Cloud Code or userinfo call.</summary>
internal static class GoogleBearerAuth
{
    public const string CloudCodeService = "cloudcode-pa.googleapis.com";

    public static GoogleAccount? Authenticate(HttpContext context, EmulatorState state, string service, string method, out ErrorReply? error)
    {
        var token = BearerToken(context.Request);
        if (token is null)
        {
            error = GoogleErrors.Unauthenticated(service, method, "CREDENTIALS_MISSING");
            return null;
        }
        switch (state.CheckAccessToken(token, out var account))
        {
            case AccessTokenCheck.Valid when account is { Revoked: false }:
                EmulatorContext.SetCaller(context, CallerIdentity.ForAccount(account));
                error = null;
                return account;
            case AccessTokenCheck.Expired:
                error = GoogleErrors.Unauthenticated(service, method, "ACCESS_TOKEN_EXPIRED");
                return null;
            default:
                error = GoogleErrors.Unauthenticated(service, method, "ACCESS_TOKEN_TYPE_UNSUPPORTED");
                return null;
        }
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }
        return request.Query.TryGetValue("access_token", out var query) && !string.IsNullOrEmpty(query) ? query.ToString() : null;
    }
}
