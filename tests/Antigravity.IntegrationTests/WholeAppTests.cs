using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using Antigravity.AppHost;
using Antigravity.AppHost.Redis;
using Antigravity.Contracts.Internal;
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
            // One internal credential, the same in every service, new at each start.
            Assert.True(environment[InternalApiKey.EnvironmentVariable].Length >= InternalApiKey.MinimumLength);
            Assert.Equal(app.InternalApiKey, environment[InternalApiKey.EnvironmentVariable]);
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
        string[] secrets = [credentials.ApiKey, RedisPasswordOnDisk(), fixture.App.InternalApiKey];
        foreach (var resource in Services.Append(AntigravityTopology.RedisName))
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(fixture.App.GetLogs(resource), line => line.Contains(secret, StringComparison.Ordinal));
            }
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
    [SupportedOSPlatform("linux")]
    public async Task Redis_refuses_a_client_without_the_password_kept_owner_only_in_the_data_directory()
    {
        var password = RedisPasswordOnDisk();
        var address = fixture.App.RedisConnectionString.Split(',')[0];

        var anonymous = await RedisReplyAsync(address, ["PING"]);
        var wrong = await RedisReplyAsync(address, ["AUTH", "not-the-password"], ["PING"]);
        var authenticated = await RedisReplyAsync(address, ["AUTH", password], ["PING"]);

        Assert.StartsWith("-NOAUTH", anonymous, StringComparison.Ordinal);
        Assert.StartsWith("-", wrong, StringComparison.Ordinal);
        Assert.DoesNotContain("PONG", wrong, StringComparison.Ordinal);
        Assert.Equal("+OK\r\n+PONG\r\n", authenticated);
        Assert.EndsWith($",password={password}", fixture.App.RedisConnectionString, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(fixture.App.DataDirectory, RedisPassword.FileName)));
        // Never on a command line, which every local user can read.
        var garnet = fixture.App.GetProcessIds(AntigravityTopology.RedisName);
        Assert.NotEmpty(garnet);
        Assert.All(garnet, pid => Assert.DoesNotContain(password, File.ReadAllText($"/proc/{pid}/cmdline"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_account_pool_s_internal_api_answers_only_the_services_credential_on_its_own_host()
    {
        using var client = fixture.App.CreateHttpClient(AntigravityTopology.AccountPoolName);

        using var anonymous = await client.GetAsync(new Uri("/internal/accounts/export", UriKind.Relative));
        using var wrong = await client.SendAsync(Export("not-the-credential-0123456789"));
        using var right = await client.SendAsync(Export(fixture.App.InternalApiKey));
        using var rebound = await client.SendAsync(Export(fixture.App.InternalApiKey, host: "attacker.example"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, rebound.StatusCode);
        Assert.Equal("application/json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/json", rebound.Content.Headers.ContentType?.MediaType);

        static HttpRequestMessage Export(string key, string? host = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/internal/accounts/export", UriKind.Relative));
            request.Headers.TryAddWithoutValidation(InternalApiKey.HeaderName, key);
            if (host is not null)
            {
                request.Headers.Host = host;
            }
            return request;
        }
    }

    private string RedisPasswordOnDisk() => File.ReadAllText(Path.Combine(fixture.App.DataDirectory, RedisPassword.FileName)).Trim();

    /// <summary>Sends <paramref name="commands"/> to Redis as RESP arrays on one new connection and returns its replies (one line each).</summary>
    private static async Task<string> RedisReplyAsync(string address, params string[][] commands)
    {
        var separator = address.LastIndexOf(':');
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address[..separator], int.Parse(address[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        var stream = tcp.GetStream();
        var request = new StringBuilder();
        foreach (var command in commands)
        {
            request.Append(System.Globalization.CultureInfo.InvariantCulture, $"*{command.Length}\r\n");
            foreach (var argument in command)
            {
                request.Append(System.Globalization.CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(argument)}\r\n{argument}\r\n");
            }
        }
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        var reply = new StringBuilder();
        var buffer = new byte[1024];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (reply.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length < commands.Length)
        {
            var read = await stream.ReadAsync(buffer, deadline.Token);
            if (read == 0)
            {
                break;
            }
            reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        return reply.ToString();
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
