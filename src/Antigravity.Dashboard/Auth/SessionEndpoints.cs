using Microsoft.AspNetCore.Antiforgery;

namespace Antigravity.Dashboard.Auth;

/// <summary><c>POST /logout</c>: ends the UI session (the sign-in itself is the <c>/login</c> page's form).</summary>
internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/logout", Logout).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Logout(HttpContext context, IAntiforgery antiforgery)
    {
        // A cross-site page must not be able to sign the admin out.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest("The sign-out form expired; reload the page and try again.");
        }
        await AdminSessions.SignOutAsync(context);
        return TypedResults.LocalRedirect("/login?signedOut=1");
    }
}
