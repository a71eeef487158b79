using Antigravity.Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Antigravity.Dashboard.BrowserTests;

/// <summary>Every page is usable on a desktop window and on a phone: its heading shows and nothing scrolls sideways.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LayoutTests(DashboardApp app)
{
    public static TheoryData<string, string> Pages => new()
    {
        { "/", "overview" },
        { "/accounts", "accounts" },
        { "/proxy", "proxy" },
        { "/monitor", "monitor" },
        { "/statistics", "statistics" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_fits_a_desktop_and_a_phone_screen(string path, string name)
    {
        foreach (var (viewport, size) in new[] { (DashboardApp.Desktop, "desktop"), (DashboardApp.Phone, "phone") })
        {
            var page = await app.SignedInPageAsync(viewport);
            await page.GotoAsync(path);

            await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow}px at {viewport.Width}px");
            await DashboardApp.ScreenshotAsync(page, $"{name}-{size}");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_menu_opens_on_a_phone_and_leads_to_the_pages()
    {
        var page = await app.SignedInPageAsync(DashboardApp.Phone);
        var monitorLink = page.GetByRole(AriaRole.Link, new() { Name = "Monitor" });
        Assert.False(await monitorLink.IsVisibleAsync());

        await page.GetByLabel("Open the menu").ClickAsync();
        await monitorLink.ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/monitor");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Monitor");
        await page.Context.CloseAsync();
    }
}
