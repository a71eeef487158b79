using System.Net;
using System.Net.Sockets;
using Antigravity.Gateway.Tests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.Gateway.Tests.Hosting;

/// <summary>The gateway executable: where it listens, and what it says when it cannot.</summary>
public sealed class ListeningTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_taken_port_ends_the_process_with_the_reference_sentence_and_a_non_zero_code()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        await using var gateway = GatewayProcess.Start(new Dictionary<string, string?>
        {
            ["Proxy__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConnectionStrings__redis"] = $"127.0.0.1:{FreePort.Next()}",
        });
        var exitCode = await gateway.WaitForExitAsync(ProcessTimeout);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"failed to bind address 127.0.0.1:{port}: address already in use", gateway.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_port_ends_the_process_with_a_sentence_naming_the_setting()
    {
        await using var gateway = GatewayProcess.Start(new Dictionary<string, string?>
        {
            ["Proxy__Port"] = "70000",
            ["ConnectionStrings__redis"] = $"127.0.0.1:{FreePort.Next()}",
        });
        var exitCode = await gateway.WaitForExitAsync(ProcessTimeout);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("invalid configuration: Proxy:Port must be between 1 and 65535 (got 70000).", gateway.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_aspnetcore_urls_it_listens_on_loopback_at_the_proxy_port()
    {
        var port = FreePort.Next();
        await using var gateway = GatewayProcess.Start(new Dictionary<string, string?>
        {
            ["Proxy__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConnectionStrings__redis"] = $"127.0.0.1:{FreePort.Next()}",
        });
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        await Eventually.WaitUntilAsync(
            async () => (await client.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode == HttpStatusCode.OK,
            ProcessTimeout,
            $"the gateway answers /healthz on 127.0.0.1:{port} (stderr: {gateway.StandardError})");
    }

    [Fact]
    public async Task Aspnetcore_urls_set_by_the_apphost_wins_over_the_proxy_port()
    {
        var port = FreePort.Next();
        var ignoredPort = FreePort.Next();
        await using var gateway = GatewayProcess.Start(new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Proxy__Port"] = ignoredPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConnectionStrings__redis"] = $"127.0.0.1:{FreePort.Next()}",
        });
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        await Eventually.WaitUntilAsync(
            async () => (await client.GetAsync($"http://127.0.0.1:{port}/healthz")).StatusCode == HttpStatusCode.OK,
            ProcessTimeout,
            $"the gateway answers on the ASPNETCORE_URLS port {port} (stderr: {gateway.StandardError})");
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://127.0.0.1:{ignoredPort}/healthz"));
    }
}
