using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Antigravity.AppHost;
using Antigravity.Testing.App;
using Antigravity.Testing;
using Microsoft.Playwright;

namespace Antigravity.Dashboard.BrowserTests.Infrastructure;

/// <summary>
/// The whole application with the upstream emulator, and a headless Chromium (Debian's, at
/// <c>/usr/bin/chromium</c> or <c>CHROMIUM_PATH</c>) driven by Playwright. One Google account is in the pool
/// from the start so the proxy can run; tests add the others through the pages.
/// </summary>
public sealed class DashboardApp : IAsyncLifetime
{
    /// <summary>The refresh token of the account added at start (the emulator's ultra account).</summary>
    public const string FirstRefreshToken = "emulator-refresh-1";

    /// <summary>A desktop window.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    /// <summary>A phone held upright.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private AntigravityTestApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running application.</summary>
    public AntigravityTestApp App => _app ?? throw new InvalidOperationException("The application did not start.");

    /// <summary>The dashboard's admin password.</summary>
    public string AdminPassword { get; private set; } = "";

    /// <summary>The dashboard's address.</summary>
    public Uri DashboardUrl => App.GetEndpoint(AntigravityTopology.DashboardName);

    /// <summary>Where screenshots go: <c>TestResults/screenshots</c> beside this project.</summary>
    public static string ScreenshotDirectory { get; } =
        Path.Combine(RepositoryRoot.Find(), "tests", "Antigravity.Dashboard.BrowserTests", "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        _app = await AntigravityTestApp.StartAsync(options => options.Emulator = true);
        AdminPassword = (await _app.ReadCredentialsAsync()).AdminPassword
            ?? throw new InvalidOperationException("The dashboard stored no admin password.");
        using (var admin = Admin())
        {
            using var added = await admin.PostAsJsonAsync("/api/accounts", new JsonObject { ["kind"] = "antigravity", ["refreshToken"] = FirstRefreshToken });
            Assert.True(added.IsSuccessStatusCode, $"adding the first account: {(int)added.StatusCode} {await added.Content.ReadAsStringAsync()}");
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A fresh browser context (no cookies) with a page on the dashboard.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = DashboardUrl.ToString().TrimEnd('/'),
            ViewportSize = viewport ?? Desktop,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page already signed in with the admin password, on the overview.</summary>
    public async Task<IPage> SignedInPageAsync(ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(viewport);
        await page.GotoAsync("/login");
        await page.Locator("#password").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        return page;
    }

    /// <summary>Saves a full-page screenshot as <c>TestResults/screenshots/<paramref name="name"/>.png</c>.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <summary>A client of the admin API with the admin password.</summary>
    public HttpClient Admin()
    {
        var client = App.CreateHttpClient(AntigravityTopology.DashboardName);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminPassword);
        return client;
    }

    /// <summary>A client of the gateway, sending <paramref name="apiKey"/> when given.</summary>
    public HttpClient Gateway(string? apiKey = null)
    {
        var client = App.CreateHttpClient(AntigravityTopology.GatewayName);
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return client;
    }

    /// <summary>The proxy API key stored now.</summary>
    public async Task<string> CurrentApiKeyAsync()
    {
        using var admin = Admin();
        var config = await admin.GetFromJsonAsync<JsonObject>("/api/proxy/config");
        return config!["apiKey"]!.GetValue<string>();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
