using System.Net;
using Antigravity.AppHost;
using Antigravity.Testing.App;
using Antigravity.IntegrationTests.Infrastructure;

namespace Antigravity.IntegrationTests;

/// <summary><c>--allow-lan</c>: the gateway listens on every interface and both gateway and dashboard know it.</summary>
public sealed class LanAccessTests
{
    [Fact]
    public async Task Lan_access_binds_the_gateway_on_all_interfaces()
    {
        await using var app = await AntigravityTestApp.StartAsync(options => options.AllowLan = true);
        var port = app.GetEndpoint(AntigravityTopology.GatewayName).Port;

        var gateway = ProcessTable.Environment(app.GetProcessId(AntigravityTopology.GatewayName)!.Value);
        var dashboard = ProcessTable.Environment(app.GetProcessId(AntigravityTopology.DashboardName)!.Value);
        Assert.Equal($"http://0.0.0.0:{port}", gateway["ASPNETCORE_URLS"]);
        Assert.Equal("true", gateway["Proxy__AllowLanAccess"]);
        Assert.Equal("true", dashboard["Proxy__AllowLanAccess"]);
        Assert.StartsWith("http://127.0.0.1:", dashboard["ASPNETCORE_URLS"], StringComparison.Ordinal);
        var lanAddress = Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(address => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(address));
        if (lanAddress is not null)
        {
            using var client = new HttpClient();
            using var response = await client.GetAsync(new Uri($"http://{lanAddress}:{port}/healthz"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
