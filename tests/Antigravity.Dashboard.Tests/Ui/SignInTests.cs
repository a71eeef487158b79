using System.Net;
using Antigravity.Dashboard.Tests.Infrastructure;

namespace Antigravity.Dashboard.Tests.Ui;

public sealed class SignInTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>, IAsyncLifetime
{
    private const string Password = "admin-password-for-tests";
    private static readonly Dictionary<string, string?> Settings = new() { ["Dashboard:AdminPassword"] = Password };
    private DashboardFactory _app = null!;

    public async Task InitializeAsync()
    {
        await garnet.ResetAsync();
        _app = new DashboardFactory(garnet.ConnectionString, Settings);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_overview_sends_a_visitor_without_a_session_to_the_sign_in_page()
    {
        using var browser = _app.CreateBrowser();

        using var response = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        var login = await browser.GetStringAsync(response.Headers.Location);
        Assert.Contains("Admin password", login, StringComparison.Ordinal);
        Assert.Contains("type=\"password\"", login, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_password_opens_a_session_that_the_api_and_the_overview_accept()
    {
        using var browser = _app.CreateBrowser();

        using var signIn = await HtmlForms.SignInAsync(browser, Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", HtmlForms.LocalRedirectTarget(signIn));
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), cookie =>
            cookie.StartsWith("ag_dashboard_session=", StringComparison.Ordinal)
            && cookie.Contains("httponly", StringComparison.OrdinalIgnoreCase)
            && cookie.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
        using var api = await browser.GetAsync("/api/proxy/config");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var key = (await Json.ReadAsync(api)).GetProperty("apiKey").GetString()!;
        var overview = WebUtility.HtmlDecode(await browser.GetStringAsync("/proxy"));
        Assert.Contains("API Proxy", overview, StringComparison.Ordinal);
        Assert.Contains(Antigravity.Contracts.Settings.ApiKeys.Mask(key), overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_shows_a_message_and_opens_no_session()
    {
        using var browser = _app.CreateBrowser();

        using var response = await HtmlForms.SignInAsync(browser, "not-the-password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Wrong password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/proxy/config")).StatusCode);
    }

    [Theory]
    [InlineData("/?notice=x", "/?notice=x")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    public async Task After_sign_in_only_local_return_urls_are_followed(string returnUrl, string expected)
    {
        using var browser = _app.CreateBrowser();

        using var response = await HtmlForms.SignInAsync(browser, Password, "/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, HtmlForms.LocalRedirectTarget(response));
    }

    [Fact]
    public async Task The_sign_in_page_sends_a_signed_in_admin_on()
    {
        using var browser = _app.CreateBrowser();
        await HtmlForms.SignInAsync(browser, Password);

        using var response = await browser.GetAsync("/login?ReturnUrl=%2F%3Fnotice%3Dx");

        Assert.Equal("/?notice=x", HtmlForms.LocalRedirectTarget(response));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var browser = _app.CreateBrowser();
        await HtmlForms.SignInAsync(browser, Password);
        var overview = await browser.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(overview, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        using var signOut = await browser.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/proxy/config")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_without_the_form_token_is_refused()
    {
        using var browser = _app.CreateBrowser();
        await HtmlForms.SignInAsync(browser, Password);

        using var forged = await browser.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/proxy/config")).StatusCode);
    }

    [Fact]
    public async Task A_session_survives_a_restart_of_the_dashboard()
    {
        using var browser = _app.CreateBrowser();
        var cookie = SessionCookie(await HtmlForms.SignInAsync(browser, Password));
        await _app.DisposeAsync();

        _app = new DashboardFactory(garnet.ConnectionString, Settings);
        using var restarted = _app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/proxy/config");
        request.Headers.Add("Cookie", cookie);

        Assert.Equal(HttpStatusCode.OK, (await restarted.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_admin_password_ends_existing_sessions()
    {
        using var browser = _app.CreateBrowser();
        var cookie = SessionCookie(await HtmlForms.SignInAsync(browser, Password));
        await _app.DisposeAsync();

        _app = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?> { ["Dashboard:AdminPassword"] = "a-brand-new-password" });
        using var restarted = _app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/proxy/config");
        request.Headers.Add("Cookie", cookie);

        Assert.Equal(HttpStatusCode.Unauthorized, (await restarted.SendAsync(request)).StatusCode);
    }

    // The session cookie from the sign-in answer, as a Cookie header for another client.
    private static string SessionCookie(HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ag_dashboard_session=", StringComparison.Ordinal)).Split(';')[0];
}
