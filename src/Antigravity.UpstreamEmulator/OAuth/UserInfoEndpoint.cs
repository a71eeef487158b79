using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.CloudCode;
using Antigravity.UpstreamEmulator.State;

namespace Antigravity.UpstreamEmulator.OAuth;

/// <summary><c>GET /oauth2/v2/userinfo</c>: the v2 profile of the token's account.</summary>
internal static class UserInfoEndpoint
{
    public static IResult Handle(HttpContext context, EmulatorState state)
    {
        var account = GoogleBearerAuth.Authenticate(context, state, "oauth2.googleapis.com", "google.identity.oauth2.v2.UserInfoService.Get", out var error);
        if (account is null)
        {
            return error!;
        }
        var reply = new JsonObject
        {
            ["id"] = account.Id,
            ["email"] = account.Email,
            ["verified_email"] = true,
            ["name"] = account.Name,
            ["given_name"] = account.GivenName,
            ["family_name"] = account.FamilyName,
            ["picture"] = PictureUrl(account),
        };
        return Results.Text(reply.ToJsonString(EmulatorJson.Compact), "application/json; charset=UTF-8");
    }

    public static string PictureUrl(GoogleAccount account) => $"https://lh3.googleusercontent.com/a/emulator-{account.Id}=s96-c";
}
