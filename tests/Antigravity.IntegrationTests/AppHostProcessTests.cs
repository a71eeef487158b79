using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Antigravity.AppHost.Redis;
using Antigravity.Contracts.Internal;
using Antigravity.IntegrationTests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.IntegrationTests;

/// <summary>The AppHost run as a user runs it: a process with options, output and signals.</summary>
public sealed partial class AppHostProcessTests : IDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "antigravity-apphost-test-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Run_prints_urls_and_credentials_and_sigint_stops_every_child()
    {
        var (port, dashboardPort) = (FreePort.Next(), FreePort.Next());
        await using var appHost = AppHostProcess.Start(
            ["--port", $"{port}", "--dashboard-port", $"{dashboardPort}", "--data-dir", _dataDirectory],
            new Dictionary<string, string?> { ["Dashboard__AdminPassword"] = "correct-horse-battery" });

        await appHost.WaitForLineAsync(line => line.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal), StartDeadline, "the start-up summary is printed");

        Assert.Equal($"http://127.0.0.1:{port}", appHost.SummaryValue("Gateway URL"));
        Assert.Equal($"http://127.0.0.1:{dashboardPort}", appHost.SummaryValue("Dashboard URL"));
        Assert.Matches(ApiKeyPattern(), appHost.SummaryValue("API key"));
        Assert.Equal("correct-horse-battery", appHost.SummaryValue("Admin password"));
        Assert.Equal(_dataDirectory, appHost.SummaryValue("Data directory"));
        var aspireLogin = appHost.SummaryValue("Aspire dashboard");
        Assert.Matches(AspireLoginPattern(), aspireLogin);
        using (var client = new HttpClient())
        {
            using var healthz = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
            Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
            // The Aspire dashboard answers on plain http, and its login link signs the browser in.
            using var login = await client.GetAsync(new Uri(aspireLogin));
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        var started = appHost.Descendants;
        Assert.True(started.Count >= 5, $"expected DCP, Redis and three services, found {started.Count} processes");
        // The generated secrets: the Redis password in the data directory, the internal credential in the services' environment.
        var redisPassword = File.ReadAllText(Path.Combine(_dataDirectory, RedisPassword.FileName)).Trim();
        var internalKey = started.Select(ProcessTable.Environment)
            .First(environment => environment.ContainsKey(InternalApiKey.EnvironmentVariable))[InternalApiKey.EnvironmentVariable];
        Assert.Contains($"password in {Path.Combine(_dataDirectory, RedisPassword.FileName)}", appHost.SummaryValue("Redis"), StringComparison.Ordinal);

        appHost.Signal(2); // SIGINT, as Ctrl+C
        var exitCode = await appHost.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        await Eventually.WaitUntilAsync(() => appHost.Descendants.Count == 0, TimeSpan.FromSeconds(30), "every process the AppHost started is gone");
        Assert.DoesNotContain(appHost.Lines, line => line.Contains("restarting", StringComparison.Ordinal));
        Assert.DoesNotContain(appHost.Lines, line => line.Contains(redisPassword, StringComparison.Ordinal));
        Assert.DoesNotContain(appHost.Lines, line => line.Contains(internalKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_the_apphost_is_killed_every_process_it_started_stops_and_the_next_run_has_the_data()
    {
        string[] arguments = ["--port", $"{FreePort.Next()}", "--dashboard-port", $"{FreePort.Next()}", "--aspire-dashboard-port", "0", "--data-dir", _dataDirectory];
        await using var first = AppHostProcess.Start(arguments);
        await first.WaitForLineAsync(line => line.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal), StartDeadline, "the first run is ready");
        var apiKey = first.SummaryValue("API key");
        Assert.NotEmpty(first.Descendants);

        first.Signal(9); // SIGKILL: the AppHost cannot stop anything; DCP watches it and does
        await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await Eventually.WaitUntilAsync(() => first.Descendants.Count == 0, TimeSpan.FromSeconds(60), "every process of the killed AppHost is gone");

        await using var second = AppHostProcess.Start(arguments);
        await second.WaitForLineAsync(line => line.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal), StartDeadline, "the second run is ready");

        Assert.Equal(apiKey, second.SummaryValue("API key"));
        second.Signal(2);
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("gateway", "--port")]
    [InlineData("dashboard", "--dashboard-port")]
    public async Task A_taken_port_fails_the_start_with_the_bind_sentence(string resource, string option)
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var taken = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var other = FreePort.Next();
        string[] arguments = option == "--port"
            ? ["--port", $"{taken}", "--dashboard-port", $"{other}", "--data-dir", _dataDirectory]
            : ["--port", $"{other}", "--dashboard-port", $"{taken}", "--data-dir", _dataDirectory];
        await using var appHost = AppHostProcess.Start(arguments);

        var exitCode = await appHost.WaitForExitAsync(StartDeadline);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(appHost.Lines, line => line.StartsWith($"{resource}: failed to bind address 127.0.0.1:{taken}: address already in use", StringComparison.Ordinal));
        Assert.Empty(appHost.Descendants);
    }

    [Fact]
    public async Task Options_are_also_read_from_configuration_keys_in_the_environment()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var taken = ((IPEndPoint)occupant.LocalEndpoint).Port;
        await using var appHost = AppHostProcess.Start(
            ["--dashboard-port", $"{FreePort.Next()}"],
            new Dictionary<string, string?> { ["AppHost__Port"] = $"{taken}", ["AppHost__DataDir"] = _dataDirectory });

        var exitCode = await appHost.WaitForExitAsync(StartDeadline);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(appHost.Lines, line => line.StartsWith($"gateway: failed to bind address 127.0.0.1:{taken}: address already in use", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_redis_connection_string_fails_the_start_saying_so()
    {
        var nobody = FreePort.Next();
        await using var appHost = AppHostProcess.Start(
            ["--port", $"{FreePort.Next()}", "--dashboard-port", $"{FreePort.Next()}", "--data-dir", _dataDirectory, "--redis", $"127.0.0.1:{nobody}"]);

        var exitCode = await appHost.WaitForExitAsync(StartDeadline);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(appHost.Lines, line => line.StartsWith($"redis: Redis at 127.0.0.1:{nobody} is unreachable", StringComparison.Ordinal));
        Assert.Empty(appHost.Descendants);
    }

    [Fact]
    public async Task A_data_directory_that_cannot_be_written_fails_the_start_naming_it()
    {
        // A file where the data directory should be: nothing can be created under it (whoever runs the test).
        Directory.CreateDirectory(_dataDirectory);
        var blocked = Path.Combine(_dataDirectory, "a-file");
        await File.WriteAllTextAsync(blocked, "");
        await using var appHost = AppHostProcess.Start(["--port", $"{FreePort.Next()}", "--dashboard-port", $"{FreePort.Next()}", "--data-dir", blocked]);

        var exitCode = await appHost.WaitForExitAsync(StartDeadline);

        Assert.Equal(1, exitCode);
        Assert.Contains(appHost.Lines, line => line.StartsWith($"redis: the data directory {blocked}/garnet cannot be written", StringComparison.Ordinal));
        Assert.Empty(appHost.Descendants);
    }

    [Fact]
    public async Task A_preset_api_key_is_the_one_printed()
    {
        const string Preset = "sk-preset-integration-key-0042";
        await using var appHost = AppHostProcess.Start(
            ["--port", $"{FreePort.Next()}", "--dashboard-port", $"{FreePort.Next()}", "--data-dir", _dataDirectory],
            new Dictionary<string, string?> { ["Proxy__ApiKey"] = Preset });

        await appHost.WaitForLineAsync(line => line.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal), StartDeadline, "the start-up summary is printed");

        Assert.Equal(Preset, appHost.SummaryValue("API key"));
        appHost.Signal(15); // SIGTERM stops as well as SIGINT
        Assert.Equal(0, await appHost.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Bad_options_are_refused_before_anything_starts()
    {
        await using var appHost = AppHostProcess.Start(["--port", "70000"]);

        var exitCode = await appHost.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Contains(appHost.Lines, line => line.Contains("AppHost:Port must be a port between 1 and 65535, or 0 for a free one (got '70000')", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_lists_every_option_and_its_configuration_key()
    {
        await using var appHost = AppHostProcess.Start(["--help"]);

        Assert.Equal(0, await appHost.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var help = string.Join('\n', appHost.Lines);
        foreach (var (option, key) in new[] { ("--port", "AppHost:Port"), ("--dashboard-port", "AppHost:DashboardPort"), ("--allow-lan", "AppHost:AllowLan"), ("--data-dir", "AppHost:DataDir"), ("--redis", "AppHost:Redis"), ("--emulator", "AppHost:Emulator"), ("--gateway-replicas", "AppHost:GatewayReplicas"), ("--aspire-dashboard-port", "AppHost:AspireDashboardPort") })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
            Assert.Contains(key, help, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/login\?t=[0-9a-f]{32}$")]
    private static partial Regex AspireLoginPattern();

    [GeneratedRegex("^sk-[0-9a-f]{32}$")]
    private static partial Regex ApiKeyPattern();
}
