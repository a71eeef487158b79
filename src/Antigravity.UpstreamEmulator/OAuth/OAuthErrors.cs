using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Faults;

namespace Antigravity.UpstreamEmulator.OAuth;

/// <summary>The token endpoint's flat <c>{"error","error_description"}</c> answers.</summary>
internal static class OAuthErrors
{
    public static ErrorReply Create(int status, string error, string description) =>
        new ErrorReply(status, new JsonObject { ["error"] = error, ["error_description"] = description }) { Indented = true }
            .WithHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate")
            .WithHeader("Pragma", "no-cache");

    public static ErrorReply InvalidGrant(string description = "Token has been expired or revoked.") => Create(400, "invalid_grant", description);

    public static ErrorReply ClientNotFound() => Create(401, "invalid_client", "The OAuth client was not found.");

    public static ErrorReply ClientUnauthorized() => Create(401, "invalid_client", "Unauthorized");

    public static ErrorReply MissingParameter(string name) => Create(400, "invalid_request", $"Missing required parameter: {name}");
}
