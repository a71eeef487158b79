using System.Net;
using Antigravity.AppHost;
using Antigravity.Testing.App;
using Antigravity.IntegrationTests.Infrastructure;

namespace Antigravity.IntegrationTests;

/// <summary><c>--emulator</c>: one more resource, started first, and every upstream URL points at it.</summary>
public sealed class EmulatorTests
{
    [Fact]
    public async Task Every_upstream_url_of_every_service_points_at_the_emulator()
    {
        await using var app = await AntigravityTestApp.StartAsync(options => options.Emulator = true);
        var emulator = app.GetEndpoint(AntigravityTopology.EmulatorName).ToString().TrimEnd('/');

        using var client = app.CreateHttpClient(AntigravityTopology.EmulatorName);
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        foreach (var service in new[] { AntigravityTopology.AccountPoolName, AntigravityTopology.GatewayName, AntigravityTopology.DashboardName })
        {
            var environment = ProcessTable.Environment(app.GetProcessId(service)!.Value);
            Assert.Equal($"{emulator}/o/oauth2/v2/auth", environment["Upstream__OAuth__AuthorizeUrl"]);
            Assert.Equal($"{emulator}/token", environment["Upstream__OAuth__TokenUrl"]);
            Assert.Equal($"{emulator}/oauth2/v2/userinfo", environment["Upstream__OAuth__UserInfoUrl"]);
            Assert.Equal("emulator-client-id", environment["Upstream__OAuth__ClientId"]);
            Assert.Equal("emulator-client-secret", environment["Upstream__OAuth__ClientSecret"]);
            Assert.Equal(emulator, environment["Upstream__CloudCode__BaseUrls__0"]);
            Assert.Equal(emulator, environment["Upstream__GeminiApi__BaseUrl"]);
        }
        foreach (var service in new[] { AntigravityTopology.AccountPoolName, AntigravityTopology.GatewayName, AntigravityTopology.DashboardName })
        {
            Assert.Contains(AntigravityTopology.EmulatorName, app.WaitsFor(service));
        }
    }
}
