using System.Security.Claims;
using System.Text.Encodings.Web;
using Antigravity.Dashboard.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Antigravity.Dashboard.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;admin password&gt;</c> and answers challenges of the admin API
/// with a JSON 401 (or 429 while the client is throttled) instead of a redirect.
/// </summary>
internal sealed class AdminBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AdminCredentials credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private const string BearerPrefix = "Bearer ";
    private CredentialCheck? _check;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header is not a Bearer credential.");
        }
        var check = await credentials.CheckAsync(Context.Connection.RemoteIpAddress, header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        _check = check;
        return check.Verdict switch
        {
            CredentialVerdict.Accepted => AuthenticateResult.Success(new AuthenticationTicket(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, AdminAuthentication.AdminName)], Scheme.Name)),
                Scheme.Name)),
            CredentialVerdict.Throttled => AuthenticateResult.Fail("Too many failed attempts."),
            _ => AuthenticateResult.Fail("Wrong admin password."),
        };
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (_check is { Verdict: CredentialVerdict.Throttled } throttled)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = throttled.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiErrors.WriteAsync(Response,
                $"Too many failed admin password attempts from your address; try again in {throttled.RetryAfterSeconds} s.");
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"antigravity-dashboard\"";
        var message = Request.Headers.Authorization.Count == 0
            ? "Admin credential required: send 'Authorization: Bearer <admin password>' or sign in to the dashboard."
            : "Wrong admin credential: send 'Authorization: Bearer <admin password>'.";
        return ApiErrors.WriteAsync(Response, message);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return ApiErrors.WriteAsync(Response, "This admin credential may not do that.");
    }
}
