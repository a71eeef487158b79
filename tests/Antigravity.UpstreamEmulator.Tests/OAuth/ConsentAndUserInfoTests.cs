using System.Net;
using System.Net.Http.Headers;
using System.Web;
using Antigravity.UpstreamEmulator.Tests.Infrastructure;

namespace Antigravity.UpstreamEmulator.Tests.OAuth;

public sealed class ConsentAndUserInfoTests(EmulatorFactory factory) : EmulatorTestBase(factory)
{
    [Fact]
    public async Task Userinfo_returns_the_v2_profile_of_the_token_owner()
    {
        var token = await AccessTokenAsync(Pro);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth2/v2/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(["id", "email", "verified_email", "name", "given_name", "family_name", "picture"], body.Select(p => p.Key));
        Assert.Equal("pro@emulator.test", body["email"]!.GetValue<string>());
        Assert.True(body["verified_email"]!.GetValue<bool>());
        Assert.Equal("Paul Pro", body["name"]!.GetValue<string>());
        Assert.Equal("Paul", body["given_name"]!.GetValue<string>());
        Assert.Equal("Pro", body["family_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Userinfo_without_a_token_is_unauthenticated()
    {
        using var response = await Client.GetAsync("/oauth2/v2/userinfo");

        var error = await GoogleErrorAsync(response, 401, "UNAUTHENTICATED");
        Assert.StartsWith("Request is missing required authentication credential.", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consent_redirects_with_a_single_use_code_that_yields_the_refresh_token()
    {
        const string redirect = "http://127.0.0.1:8045/oauth-callback";
        using var consent = await Client.GetAsync(
            $"/o/oauth2/v2/auth?client_id=emulator-client-id&redirect_uri={Uri.EscapeDataString(redirect)}&response_type=code&scope=openid%20email&access_type=offline&prompt=consent&state=xyz&login_hint=free@emulator.test");

        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var location = consent.Headers.Location!;
        Assert.StartsWith(redirect + "?", location.ToString(), StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("xyz", query["state"]);

        var exchange = new Dictionary<string, string>
        {
            ["client_id"] = "emulator-client-id", ["client_secret"] = "emulator-client-secret",
            ["grant_type"] = "authorization_code", ["code"] = query["code"]!, ["redirect_uri"] = redirect,
        };
        using var tokens = await Client.PostAsync("/token", new FormUrlEncodedContent(exchange));
        using var reused = await Client.PostAsync("/token", new FormUrlEncodedContent(exchange));

        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        var body = await ReadJsonAsync(tokens);
        Assert.Equal(Free, body["refresh_token"]!.GetValue<string>());
        Assert.Equal("openid email", body["scope"]!.GetValue<string>());
        Assert.Equal("invalid_grant", (await ErrorAsync(reused, 400))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Consent_without_login_hint_creates_a_new_account()
    {
        using var consent = await Client.GetAsync(
            "/o/oauth2/v2/auth?client_id=emulator-client-id&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&response_type=code&scope=openid");

        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        using var state = await Client.GetAsync("/_emulator/state");
        var accounts = (await ReadJsonAsync(state))["accounts"]!.AsArray();
        Assert.Equal(4, accounts.Count);
        Assert.Matches(@"^oauth-user-\d+@emulator\.test$", accounts[3]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Consent_with_an_unknown_client_is_refused()
    {
        using var consent = await Client.GetAsync("/o/oauth2/v2/auth?client_id=other&redirect_uri=http%3A%2F%2Flocalhost%2Fcb&response_type=code&scope=openid");

        Assert.Equal(HttpStatusCode.Unauthorized, consent.StatusCode);
    }
}
