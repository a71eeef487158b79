namespace Antigravity.Dashboard.Tests.Infrastructure;

/// <summary>The dashboard in memory with a browser-like client already signed in through the <c>/login</c> form.</summary>
public sealed class SignedInDashboard : IAsyncDisposable
{
    /// <summary>The admin password the dashboard is configured with.</summary>
    public const string Password = "admin-password-for-tests";

    private SignedInDashboard(DashboardFactory app, HttpClient browser) => (App, Browser) = (app, browser);

    /// <summary>The application.</summary>
    public DashboardFactory App { get; }

    /// <summary>A client with the session cookie that does not follow redirects.</summary>
    public HttpClient Browser { get; }

    /// <summary>Starts the dashboard on <paramref name="garnet"/> with <paramref name="settings"/> (plus the password) and signs in.</summary>
    public static async Task<SignedInDashboard> StartAsync(GarnetFixture garnet, IReadOnlyDictionary<string, string?>? settings = null, FakeAccountPool? pool = null)
    {
        var configuration = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Dashboard:AdminPassword"] = Password };
        var app = new DashboardFactory(garnet.ConnectionString, configuration, pool: pool);
        var browser = app.CreateBrowser();
        using var signIn = await HtmlForms.SignInAsync(browser, Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        return new SignedInDashboard(app, browser);
    }

    /// <summary>Fetches a page as the signed-in user: asserts 200 and no caching (pages show keys and live data), returns its HTML.</summary>
    public async Task<string> PageAsync(string url)
    {
        using var response = await Browser.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Browser.Dispose();
        await App.DisposeAsync();
    }
}
