using System.Net;
using Antigravity.Dashboard.BrowserTests.Infrastructure;
using Antigravity.Testing;
using Microsoft.Playwright;

namespace Antigravity.Dashboard.BrowserTests;

/// <summary>The API Proxy page drives the real gateway: a regenerated key, a stopped proxy.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ApiProxyTests(DashboardApp app)
{
    private static readonly TimeSpan SettingsReachGateways = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Regenerating_the_key_makes_the_gateway_refuse_the_old_one()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/proxy");
        // Require the key on every route, so an old key is a 401 rather than ignored.
        await page.Locator("#auth-mode").SelectOptionAsync("strict");
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("Auth mode saved");
        var oldKey = await app.CurrentApiKeyAsync();
        await WaitForGatewayAsync(oldKey, HttpStatusCode.OK, "the gateway accepts the current key in strict mode");

        await page.Locator("summary", new() { HasText = "Regenerate" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Regenerate key" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("New API key generated");
        var shownKey = (await page.GetByTestId("api-key").TextContentAsync())!.Trim();
        await DashboardApp.ScreenshotAsync(page, "proxy-desktop");

        Assert.NotEqual(oldKey, shownKey);
        Assert.Equal(await app.CurrentApiKeyAsync(), shownKey);
        await WaitForGatewayAsync(oldKey, HttpStatusCode.Unauthorized, "the gateway refuses the old key");
        await WaitForGatewayAsync(shownKey, HttpStatusCode.OK, "the gateway accepts the new key");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Stopping_the_proxy_answers_503_and_starting_it_serves_again()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/proxy");
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Stop proxy" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Stopped");
            await WaitForGatewayAsync(await app.CurrentApiKeyAsync(), HttpStatusCode.ServiceUnavailable, "the stopped gateway answers 503");

            await page.GetByRole(AriaRole.Button, new() { Name = "Start proxy" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Running");
            await WaitForGatewayAsync(await app.CurrentApiKeyAsync(), HttpStatusCode.OK, "the started gateway serves again");
        }
        finally
        {
            using var admin = app.Admin();
            using var restore = await admin.PatchAsync("/api/proxy/config", new StringContent("""{"enabled":true}""", System.Text.Encoding.UTF8, "application/json"));
        }
        await page.Context.CloseAsync();
    }

    private async Task WaitForGatewayAsync(string key, HttpStatusCode expected, string what)
    {
        using var gateway = app.Gateway(key);
        await Eventually.WaitUntilAsync(async () =>
        {
            using var response = await gateway.GetAsync("/v1/models");
            return response.StatusCode == expected;
        }, SettingsReachGateways, what);
    }
}
