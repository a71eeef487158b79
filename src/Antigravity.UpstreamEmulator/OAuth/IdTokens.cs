using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.State;
using Microsoft.Extensions.Options;

namespace Antigravity.UpstreamEmulator.OAuth;

/// <summary>Makes the <c>id_token</c> JWT of a token reply (Google's claims; signed with the emulator's key, not RS256).</summary>
internal sealed class IdTokens(IOptions<EmulatorOptions> options)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.SigningKey + "/id-token");

    public string Create(GoogleAccount account, string clientId, DateTimeOffset now, int lifetimeSeconds)
    {
        var header = new JsonObject { ["alg"] = "HS256", ["kid"] = "emulator", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["iss"] = "https://accounts.google.com",
            ["azp"] = clientId,
            ["aud"] = clientId,
            ["sub"] = account.Id,
            ["email"] = account.Email,
            ["email_verified"] = true,
            ["name"] = account.Name,
            ["picture"] = UserInfoEndpoint.PictureUrl(account),
            ["given_name"] = account.GivenName,
            ["family_name"] = account.FamilyName,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.ToUnixTimeSeconds() + lifetimeSeconds,
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString(EmulatorJson.Compact))) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString(EmulatorJson.Compact)));
        return signingInput + "." + Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput)));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
