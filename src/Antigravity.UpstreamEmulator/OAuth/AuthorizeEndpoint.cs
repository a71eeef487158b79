using Antigravity.UpstreamEmulator.State;
using Microsoft.Extensions.Options;

namespace Antigravity.UpstreamEmulator.OAuth;

/// <summary>
/// <c>GET /o/oauth2/v2/auth</c>: the consent screen, consented at once. Redirects to <c>redirect_uri</c> with a
/// single-use <c>code</c> and the caller's <c>state</c>. <c>login_hint</c> picks (or creates) the account by
/// email; without it each authorization creates a new Pro account <c>oauth-user-N@emulator.test</c>.
/// </summary>
internal static class AuthorizeEndpoint
{
    public static IResult Handle(HttpContext context, EmulatorState state, IOptions<EmulatorOptions> options)
    {
        var query = context.Request.Query;
        var clientId = query["client_id"].ToString();
        var redirectUri = query["redirect_uri"].ToString();
        if (clientId != options.Value.ClientId)
        {
            return Results.Text("Error 401: invalid_client\nThe OAuth client was not found.", "text/plain; charset=utf-8", statusCode: 401);
        }
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect) || redirect.Scheme is not ("http" or "https"))
        {
            return Results.Text("Error 400: invalid_request\nMissing required parameter: redirect_uri", "text/plain; charset=utf-8", statusCode: 400);
        }
        if (query["response_type"] != "code")
        {
            return Results.Text("Error 400: unsupported_response_type", "text/plain; charset=utf-8", statusCode: 400);
        }
        var scope = query["scope"].ToString();
        if (string.IsNullOrWhiteSpace(scope))
        {
            return Results.Text("Error 400: invalid_request\nMissing required parameter: scope", "text/plain; charset=utf-8", statusCode: 400);
        }
        var account = state.CreateOrFindAccountForLogin(query["login_hint"]);
        var code = state.IssueAuthorizationCode(account, redirectUri, scope);
        var separator = redirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var location = $"{redirectUri}{separator}code={Uri.EscapeDataString(code)}&scope={Uri.EscapeDataString(scope)}";
        if (query.TryGetValue("state", out var stateValue))
        {
            location += "&state=" + Uri.EscapeDataString(stateValue.ToString());
        }
        return Results.Redirect(location);
    }
}
