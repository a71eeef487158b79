using System.Net;
using System.Text.Json;
using Antigravity.AppHost;
using Antigravity.IntegrationTests.Infrastructure;

namespace Antigravity.IntegrationTests;

/// <summary>The whole application started through the test entry point; these tests only read.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class WholeAppTests(SharedAppFixture fixture)
{
    private static readonly string[] Services = [AntigravityTopology.AccountPoolName, AntigravityTopology.GatewayName, AntigravityTopology.DashboardName];

    [Fact]
    public async Task Gateway_healthz_answers_ok()
    {
        using var client = fixture.App.CreateHttpClient(AntigravityTopology.GatewayName);

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(AntigravityTopology.AccountPoolName)]
    [InlineData(AntigravityTopology.GatewayName)]
    [InlineData(AntigravityTopology.DashboardName)]
    public async Task Every_service_is_ready_with_redis_connected(string service)
    {
        using var client = fixture.App.CreateHttpClient(service);

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("StackExchange.Redis").GetProperty("status").GetString());
    }

    [Fact]
    public void Services_are_wired_with_aspire_conventions()
    {
        var app = fixture.App;
        var accountPoolUrl = app.GetEndpoint(AntigravityTopology.AccountPoolName).ToString().TrimEnd('/');
        var gatewayPort = app.GetEndpoint(AntigravityTopology.GatewayName).Port;

        foreach (var service in Services)
        {
            var environment = ProcessTable.Environment(app.GetProcessId(service)!.Value);
            var endpoint = app.GetEndpoint(service);

            Assert.Equal(app.RedisConnectionString, environment["ConnectionStrings__redis"]);
            Assert.Equal($"http://127.0.0.1:{endpoint.Port}", environment["ASPNETCORE_URLS"]);
            Assert.Equal(service, environment["OTEL_SERVICE_NAME"]);
            Assert.StartsWith("http://", environment["OTEL_EXPORTER_OTLP_ENDPOINT"], StringComparison.Ordinal);
            if (service != AntigravityTopology.AccountPoolName)
            {
                Assert.Equal(accountPoolUrl, environment["services__accountpool__http__0"]);
                Assert.Equal(gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["Proxy__Port"]);
                Assert.Equal("false", environment["Proxy__AllowLanAccess"]);
            }
        }
    }

    [Fact]
    public void Each_service_runs_in_its_project_directory_from_its_build_output()
    {
        foreach (var service in Services)
        {
            var pid = fixture.App.GetProcessId(service)!.Value;
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            var workingDirectory = new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: true)!.FullName;

            Assert.EndsWith("/" + Path.GetFileName(workingDirectory), commandLine[0], StringComparison.Ordinal);
            Assert.StartsWith(workingDirectory + "/bin/", commandLine[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Child_output_is_captured_per_resource_and_never_holds_the_api_key()
    {
        var credentials = await fixture.App.ReadCredentialsAsync();

        Assert.NotNull(credentials.ApiKey);
        Assert.Contains(fixture.App.GetLogs(AntigravityTopology.GatewayName), line => line.Contains("Now listening on", StringComparison.Ordinal));
        foreach (var resource in Services.Append(AntigravityTopology.RedisName))
        {
            Assert.DoesNotContain(fixture.App.GetLogs(resource), line => line.Contains(credentials.ApiKey, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Redis_holds_neither_the_api_key_nor_the_admin_password_nor_a_master_key_in_clear()
    {
        var credentials = await fixture.App.ReadCredentialsAsync();
        var keyFile = Path.Combine(fixture.App.DataDirectory, AppHostSecrets.KeyFileName);
        var keyEncryptionKey = (await File.ReadAllTextAsync(keyFile)).Trim();
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(fixture.App.RedisConnectionString);
        var database = redis.GetDatabase();

        var settings = (string?)await database.StringGetAsync(Antigravity.Contracts.RedisKeys.ProxySettings);
        var password = (string?)await database.StringGetAsync(Antigravity.Contracts.RedisKeys.DashboardAdminPassword);
        var ring = (await database.HashValuesAsync(Antigravity.Contracts.RedisKeys.DataProtectionKeys)).Select(value => value.ToString()).ToList();

        // What the summary prints is what works, though Redis holds neither in clear.
        Assert.NotNull(credentials.ApiKey);
        Assert.NotNull(credentials.AdminPassword);
        Assert.DoesNotContain(credentials.ApiKey, settings, StringComparison.Ordinal);
        Assert.StartsWith("pbkdf2-sha256$", password, StringComparison.Ordinal);
        Assert.NotEmpty(ring);
        Assert.All(ring, xml => Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal));
        // The key that encrypts the ring stays in the data directory, readable by its owner only.
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
        Assert.DoesNotContain(ring.Append(settings!).Append(password!), value => value.Contains(keyEncryptionKey, StringComparison.Ordinal));
        foreach (var resource in Services)
        {
            Assert.DoesNotContain(fixture.App.GetLogs(resource), line => line.Contains(keyEncryptionKey, StringComparison.Ordinal) || line.Contains(credentials.AdminPassword, StringComparison.Ordinal));
        }
        using var dashboard = fixture.App.CreateHttpClient(AntigravityTopology.DashboardName);
        dashboard.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", credentials.AdminPassword);
        using var config = await dashboard.GetAsync(new Uri("/api/proxy/config", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        Assert.Equal(credentials.ApiKey, JsonDocument.Parse(await config.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString());
    }

    [Fact]
    public void Resources_wait_for_what_they_use()
    {
        var app = fixture.App;

        Assert.Equal(["redis"], app.WaitsFor(AntigravityTopology.AccountPoolName));
        Assert.Equal(["accountpool", "redis"], app.WaitsFor(AntigravityTopology.GatewayName));
        Assert.Equal(["accountpool", "redis"], app.WaitsFor(AntigravityTopology.DashboardName));
    }
}
