using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Tests.Infrastructure;

namespace Antigravity.UpstreamEmulator.Tests.OAuth;

public sealed class TokenEndpointTests(EmulatorFactory factory) : EmulatorTestBase(factory)
{
    [Fact]
    public async Task Refresh_grant_returns_a_bearer_token_with_google_fields()
    {
        using var response = await RefreshAsync(Ultra);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await ReadJsonAsync(response);
        Assert.Equal(["access_token", "expires_in", "scope", "token_type", "id_token"], body.Select(p => p.Key));
        Assert.StartsWith("ya29.", body["access_token"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3600, body["expires_in"]!.GetValue<int>());
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.Contains("https://www.googleapis.com/auth/cloud-platform", body["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, body["id_token"]!.GetValue<string>().Split('.').Length);
    }

    [Fact]
    public async Task Each_refresh_issues_a_new_access_token()
    {
        var first = await AccessTokenAsync(Pro);
        var second = await AccessTokenAsync(Pro);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Revoked_refresh_token_gets_invalid_grant()
    {
        using var revoke = await Client.PostAsync("/_emulator/accounts/revoke", Json("""{"target":"emulator-refresh-2"}"""));
        revoke.EnsureSuccessStatusCode();

        using var response = await RefreshAsync(Pro);

        var body = await ErrorAsync(response, 400);
        Assert.Equal("invalid_grant", body["error"]!.GetValue<string>());
        Assert.Equal("Token has been expired or revoked.", body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Revoking_kills_access_tokens_already_issued()
    {
        var token = await AccessTokenAsync(Pro);
        using var revoke = await Client.PostAsync("/_emulator/accounts/revoke", Json("""{"target":"pro@emulator.test"}"""));
        revoke.EnsureSuccessStatusCode();

        using var response = await CloudCodeAsync("loadCodeAssist", new JsonObject(), token);

        await GoogleErrorAsync(response, 401, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task Unknown_refresh_token_gets_invalid_grant_bad_request()
    {
        using var response = await RefreshAsync("1//never-issued");

        var body = await ErrorAsync(response, 400);
        Assert.Equal("invalid_grant", body["error"]!.GetValue<string>());
        Assert.Equal("Bad Request", body["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_client_gets_invalid_client_401()
    {
        using var unknownClient = await RefreshAsync(Ultra, clientId: "someone-else");
        using var wrongSecret = await RefreshAsync(Ultra, clientSecret: "wrong");

        var notFound = await ErrorAsync(unknownClient, 401);
        Assert.Equal("invalid_client", notFound["error"]!.GetValue<string>());
        Assert.Equal("The OAuth client was not found.", notFound["error_description"]!.GetValue<string>());
        var unauthorized = await ErrorAsync(wrongSecret, 401);
        Assert.Equal("invalid_client", unauthorized["error"]!.GetValue<string>());
        Assert.Equal("Unauthorized", unauthorized["error_description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_refresh_token_and_unknown_grant_type_are_named()
    {
        using var missing = await Client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "emulator-client-id", ["client_secret"] = "emulator-client-secret", ["grant_type"] = "refresh_token",
        }));
        using var unsupported = await Client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "emulator-client-id", ["client_secret"] = "emulator-client-secret", ["grant_type"] = "password",
        }));

        var missingBody = await ErrorAsync(missing, 400);
        Assert.Equal("invalid_request", missingBody["error"]!.GetValue<string>());
        Assert.Equal("Missing required parameter: refresh_token", missingBody["error_description"]!.GetValue<string>());
        var unsupportedBody = await ErrorAsync(unsupported, 400);
        Assert.Equal("unsupported_grant_type", unsupportedBody["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Client_credentials_in_basic_auth_are_accepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = Free }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("emulator-client-id:emulator-client-secret"u8.ToArray()));

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Json_token_request_is_accepted_like_google_does()
    {
        using var response = await Client.PostAsync("/token",
            Json("""{"client_id":"emulator-client-id","client_secret":"emulator-client-secret","grant_type":"refresh_token","refresh_token":"emulator-refresh-3"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", (await ReadJsonAsync(response))["token_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Scripted_invalid_grant_fails_the_next_refresh_only()
    {
        await BehaviourAsync(new JsonObject { ["target"] = "ultra@emulator.test", ["action"] = "invalid_grant", ["times"] = 1 });

        using var first = await RefreshAsync(Ultra);
        using var second = await RefreshAsync(Ultra);

        var body = await ErrorAsync(first, 400);
        Assert.Equal("invalid_grant", body["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task Short_lived_tokens_expire_and_a_refresh_brings_access_back()
    {
        using var add = await Client.PostAsync("/_emulator/accounts",
            Json("""{"email":"short@emulator.test","refreshToken":"short-refresh","projectId":"short-project","accessTokenTtlSeconds":1}"""));
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        using var refresh = await RefreshAsync("short-refresh");
        var token = await ReadJsonAsync(refresh);
        Assert.Equal(1, token["expires_in"]!.GetValue<int>());

        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode status;
        do
        {
            using var call = await CloudCodeAsync("loadCodeAssist", new JsonObject(), token["access_token"]!.GetValue<string>());
            status = call.StatusCode;
            if (status == HttpStatusCode.Unauthorized)
            {
                var error = await GoogleErrorAsync(call, 401, "UNAUTHENTICATED");
                Assert.Equal("ACCESS_TOKEN_EXPIRED", Detail(error, "type.googleapis.com/google.rpc.ErrorInfo")["reason"]!.GetValue<string>());
            }
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        using var again = await CloudCodeAsync("loadCodeAssist", new JsonObject(), await AccessTokenAsync("short-refresh"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Expire_tokens_control_call_forces_a_refresh()
    {
        var token = await AccessTokenAsync(Ultra);
        using var expire = await Client.PostAsync("/_emulator/accounts/expire-tokens", Json("""{"target":"emulator-refresh-1"}"""));
        Assert.Equal(1, (await ReadJsonAsync(expire))["count"]!.GetValue<int>());

        using var response = await CloudCodeAsync("loadCodeAssist", new JsonObject(), token);

        await GoogleErrorAsync(response, 401, "UNAUTHENTICATED");
    }
}
