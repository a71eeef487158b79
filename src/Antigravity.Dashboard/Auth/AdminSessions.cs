using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Antigravity.Contracts.Redis;

namespace Antigravity.Dashboard.Auth;

/// <summary>
/// Signs the admin in and out of the UI. The session cookie carries a stamp of the admin password, so
/// changing the password ends every existing session.
/// </summary>
internal sealed class AdminSessions(AdminCredentials credentials, AdminPassword password)
{
    /// <summary>Checks <paramref name="candidate"/> (throttled like the API) and, when right, issues the session cookie.</summary>
    public async Task<CredentialCheck> SignInAsync(HttpContext context, string? candidate)
    {
        ArgumentNullException.ThrowIfNull(context);
        var check = await credentials.CheckAsync(context.Connection.RemoteIpAddress, candidate, context.RequestAborted);
        if (check.Verdict == CredentialVerdict.Accepted)
        {
            var identity = new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.Name, AdminAuthentication.AdminName),
                    new Claim(AdminAuthentication.SessionStampClaim, await password.SessionStampAsync(context.RequestAborted)),
                ],
                AdminAuthentication.CookieScheme);
            await context.SignInAsync(AdminAuthentication.CookieScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
        }
        return check;
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(AdminAuthentication.CookieScheme);

    /// <summary>Cookie validation: a session signed in under another admin password is over.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var stamp = context.Principal?.FindFirst(AdminAuthentication.SessionStampClaim)?.Value;
        string current;
        try
        {
            current = await context.HttpContext.RequestServices.GetRequiredService<AdminPassword>().SessionStampAsync(context.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex.IsRedisOutage())
        {
            // Unknown for now: keep the session; the page itself will say Redis is unreachable.
            return;
        }
        if (stamp is null || !string.Equals(stamp, current, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AdminAuthentication.CookieScheme);
        }
    }
}
