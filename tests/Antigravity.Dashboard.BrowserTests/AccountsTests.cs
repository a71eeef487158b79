using Antigravity.Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Antigravity.Dashboard.BrowserTests;

/// <summary>Adding accounts through the Accounts page's forms, against the emulated Google and Gemini APIs.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AccountsTests(DashboardApp app)
{
    [Fact]
    public async Task An_api_key_account_and_a_refresh_token_account_are_added_and_show_their_quota()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/accounts");

        var keyForm = page.GetByTestId("add-api-key-form");
        await OpenAsync(keyForm);
        await keyForm.Locator("[name=ApiKey]").FillAsync("emulator-gemini-key");
        await keyForm.Locator("[name=Label]").FillAsync("Browser key");
        await keyForm.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, "Browser key")).ToBeVisibleAsync();

        var tokenForm = page.GetByTestId("add-refresh-token-form");
        await OpenAsync(tokenForm);
        await tokenForm.Locator("[name=RefreshToken]").FillAsync("emulator-refresh-2");
        await tokenForm.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToBeVisibleAsync();

        var google = Row(page, "pro@emulator.test");
        await Assertions.Expect(google).ToBeVisibleAsync();
        await Assertions.Expect(google.GetByTestId("account-state")).ToContainTextAsync("ctive");
        var bars = google.GetByTestId("quota-bar");
        Assert.True(await bars.CountAsync() > 0, "the Google account shows a quota bar per model");
        await Assertions.Expect(bars.First).ToContainTextAsync("%");
        Assert.DoesNotContain("emulator-refresh-2", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("emulator-gemini-key", await page.ContentAsync(), StringComparison.Ordinal);
        await DashboardApp.ScreenshotAsync(page, "accounts-desktop");
        await page.Context.CloseAsync();
    }

    private static ILocator Row(IPage page, string text) =>
        page.GetByTestId("account-row").Filter(new() { HasText = text });

    // The add forms may sit in a closed <details>: open it so the fields can be typed into.
    private static async Task OpenAsync(ILocator form)
    {
        await form.EvaluateAsync("form => { for (let d = form.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true; }");
        await Assertions.Expect(form).ToBeVisibleAsync();
    }
}
