using System.Net;
using System.Text;
using Antigravity.Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Antigravity.Dashboard.BrowserTests;

/// <summary>The Monitor page shows a request the moment the gateway serves it, and its detail.</summary>
[Collection(DashboardCollection.Name)]
public sealed class MonitorTests(DashboardApp app)
{
    [Fact]
    public async Task A_request_through_the_gateway_appears_live_and_its_detail_opens()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/monitor");
        await Assertions.Expect(page.GetByTestId("live-status")).ToHaveTextAsync("Live");
        // A marker that a reload would wipe: the row must arrive without one.
        await page.EvaluateAsync("() => { window.__stillTheSamePage = true; }");

        using var gateway = app.Gateway(await app.CurrentApiKeyAsync());
        using var response = await gateway.PostAsync("/v1/chat/completions", new StringContent(
            """{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Hello from the browser test"}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = response.Headers.GetValues("x-request-id").Single();

        var row = page.Locator($"tr[data-testid=monitor-row][data-id='{requestId}']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync("gemini-2.5-flash");
        await Assertions.Expect(row).ToContainTextAsync("200");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__stillTheSamePage === true"), "the row appeared without a reload");
        await DashboardApp.ScreenshotAsync(page, "monitor-desktop");

        await row.Locator("a").First.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/monitor/" + requestId);
        var detail = page.GetByTestId("record-detail");
        await Assertions.Expect(detail).ToContainTextAsync(requestId);
        await Assertions.Expect(detail).ToContainTextAsync("/v1/chat/completions");
        await DashboardApp.ScreenshotAsync(page, "monitor-detail-desktop");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pausing_holds_new_rows_until_resumed()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/monitor");
        await Assertions.Expect(page.GetByTestId("live-status")).ToHaveTextAsync("Live");
        await page.GetByTestId("pause").ClickAsync();
        await Assertions.Expect(page.GetByTestId("live-status")).ToHaveTextAsync("Paused");

        using var gateway = app.Gateway(await app.CurrentApiKeyAsync());
        using var response = await gateway.GetAsync("/v1/models");
        var requestId = response.Headers.GetValues("x-request-id").Single();
        var row = page.Locator($"tr[data-testid=monitor-row][data-id='{requestId}']");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("1 new");
        Assert.Equal(0, await row.CountAsync());

        await page.GetByTestId("pause").ClickAsync();
        await Assertions.Expect(row).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
