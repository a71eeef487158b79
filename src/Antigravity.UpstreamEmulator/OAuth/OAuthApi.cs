namespace Antigravity.UpstreamEmulator.OAuth;

/// <summary>Google's OAuth 2.0 endpoints: consent (<c>/o/oauth2/v2/auth</c>), token (<c>/token</c>) and userinfo v2.</summary>
internal static class OAuthApi
{
    public static RouteGroupBuilder MapOAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Google OAuth");
        group.MapGet("/o/oauth2/v2/auth", AuthorizeEndpoint.Handle);
        group.MapPost("/token", TokenEndpoint.HandleAsync).DisableAntiforgery();
        group.MapGet("/oauth2/v2/userinfo", UserInfoEndpoint.Handle);
        return group;
    }
}
