using System.Text.RegularExpressions;
using Antigravity.Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Antigravity.Dashboard.BrowserTests;

/// <summary>Signing in and out of the dashboard in a real browser.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class SignInTests(DashboardApp app)
{
    [Fact]
    public async Task A_wrong_password_is_refused_and_the_right_one_opens_the_overview()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/accounts");
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        await DashboardApp.ScreenshotAsync(page, "login-desktop");

        await page.Locator("#password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-message")).ToContainTextAsync("Wrong password");

        await page.Locator("#password").FillAsync(app.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(AccountsPath());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Accounts");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("/");
        Assert.Equal("/login", new Uri(page.Url).AbsolutePath);
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("/accounts$")]
    private static partial Regex AccountsPath();
}
