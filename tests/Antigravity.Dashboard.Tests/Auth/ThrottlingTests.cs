using System.Net;
using Antigravity.Dashboard.Tests.Infrastructure;

namespace Antigravity.Dashboard.Tests.Auth;

public sealed class ThrottlingTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>, IAsyncLifetime
{
    private const string Password = "admin-password-for-tests";
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private DashboardFactory _app = null!;

    public async Task InitializeAsync()
    {
        await garnet.ResetAsync();
        _app = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?> { ["Dashboard:AdminPassword"] = Password }, _time);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<HttpResponseMessage> GetConfigAsync(HttpClient client, string password, string ip)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/proxy/config");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", password);
        request.Headers.Add(DashboardFactory.ClientIpHeader, ip);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task After_five_wrong_passwords_the_api_answers_429_with_retry_after_even_for_the_right_one()
    {
        using var client = _app.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetConfigAsync(client, "guess-" + i, "198.51.100.7")).StatusCode);
        }

        using var locked = await GetConfigAsync(client, Password, "198.51.100.7");

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), locked.Headers.RetryAfter?.Delta);
        Assert.Contains("try again in 10 s", Json.ErrorMessage(await Json.ReadAsync(locked)), StringComparison.Ordinal);

        // Another address is not affected.
        Assert.Equal(HttpStatusCode.OK, (await GetConfigAsync(client, Password, "198.51.100.8")).StatusCode);

        // Once the lockout is over, the right password works again.
        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(HttpStatusCode.OK, (await GetConfigAsync(client, Password, "198.51.100.7")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_form_is_throttled_like_the_api_and_says_how_long_to_wait()
    {
        using var browser = _app.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await HtmlForms.SignInAsync(browser, "guess-" + i, clientIp: "203.0.113.5");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var locked = await HtmlForms.SignInAsync(browser, Password, clientIp: "203.0.113.5");

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("Too many failed attempts. Try again in 10 seconds.", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Failures on the form count for the API too: it is the same address guessing the same password.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetConfigAsync(browser, Password, "203.0.113.5")).StatusCode);
    }
}
