using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Antigravity.AppHost.Redis;

/// <summary>A Redis-compatible server this AppHost runs as a process (Garnet or redis-server): no container engine needed.</summary>
public sealed class RedisServerResource(string name, string command, string workingDirectory, RedisKind kind, string dataDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    /// <summary>Garnet or redis-server.</summary>
    public RedisKind Kind { get; } = kind;

    /// <summary>Where its files live.</summary>
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>The <c>tcp</c> endpoint it listens on.</summary>
    public EndpointReference PrimaryEndpoint => new(this, "tcp");

    /// <summary>The password clients authenticate with (a secret parameter: the Aspire dashboard masks it), or null for none.</summary>
    public ParameterResource? Password { get; set; }

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => Password is null
        ? ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}")
        : ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={Password}");
}

/// <summary>An existing Redis given by connection string: nothing is started, the services are pointed at it.</summary>
public sealed class ExternalRedisResource(string name, string connectionString) : Resource(name), IResourceWithConnectionString
{
    /// <summary>The connection string as given (it may carry a password: never print it).</summary>
    public string ConnectionString { get; } = connectionString;

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{ConnectionString}");

    /// <summary>host:port of the first endpoint, for messages.</summary>
    public string Address => ConfigurationOptions.Parse(ConnectionString).EndPoints.FirstOrDefault()?.ToString() ?? "?";
}

/// <summary>Adds Redis in its three forms, each with a PING health check that services wait for.</summary>
public static class RedisResourceExtensions
{
    /// <summary>
    /// Garnet on <paramref name="port"/>, with every write in an append-only log whose commit starts at once but is not
    /// waited for (<c>--aof --aof-commit-freq 0</c>: requests never wait for the disk), a checkpoint every 5 minutes
    /// that keeps the log short, and recovery of both at start (<c>--recover</c>). Admin changes wait for
    /// <c>COMMITAOF</c> before they answer (<c>RedisDurability</c>), so one acknowledged just before a <c>kill -9</c> survives.
    /// Clients must authenticate with <paramref name="password"/> (<c>--auth Password</c>, read from an owner-only config file).
    /// </summary>
    public static IResourceBuilder<RedisServerResource> AddGarnet(this IDistributedApplicationBuilder builder, string name, string dataDirectory, int port, GarnetTool tool, string password)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tool);
        var resource = new RedisServerResource(name, GarnetTool.DotnetHost, dataDirectory, RedisKind.Garnet, dataDirectory);
        // Garnet merges this file under its command-line options: the password never appears on a command line.
        var authConfig = builder.WriteAuthConfig(resource, password,
            $$"""{"AuthenticationMode": "Password", "Password": "{{password}}"}""" + "\n");
        return builder.AddRedisServerResource(resource, port)
            .WithArgs([.. tool.HostArguments])
            .WithArgs("--config-import-path", authConfig)
            .WithArgs(
                "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--lua",
                "--aof", "--aof-commit-freq", "0", "--recover",
                "--checkpointdir", dataDirectory, "--checkpoint-freq", "300",
                // The managed file device: the native one needs libaio, which a bare machine may lack.
                "--device-type", "RandomAccess",
                // Memory grows on demand up to these bounds (the defaults reserve gigabytes).
                "-m", "1g", "--page", "4m", "--index", "16m", "--aof-memory", "16m", "--aof-page-size", "8m");
    }

    /// <summary>
    /// Debian's <c>redis-server</c> on <paramref name="port"/>, with an append-only file fsynced every second (requests
    /// never wait for the disk) and no RDB snapshots; admin changes wait until they are on disk (<c>RedisDurability</c>).
    /// Clients must authenticate with <paramref name="password"/> (<c>requirepass</c>, read from an owner-only config file).
    /// </summary>
    public static IResourceBuilder<RedisServerResource> AddRedisServer(this IDistributedApplicationBuilder builder, string name, string dataDirectory, int port, string password)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var resource = new RedisServerResource(name, "redis-server", dataDirectory, RedisKind.RedisServer, dataDirectory);
        // The config file must be redis-server's first argument; the options after it add to it.
        var authConfig = builder.WriteAuthConfig(resource, password, $"requirepass {password}\n");
        return builder.AddRedisServerResource(resource, port)
            .WithArgs(authConfig)
            .WithArgs(
                "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", dataDirectory,
                "--appendonly", "yes", "--appendfsync", "everysec", "--save", "");
    }

    /// <summary>An existing Redis; the AppHost starts none and services wait until it answers PING.</summary>
    public static IResourceBuilder<ExternalRedisResource> AddExternalRedis(this IDistributedApplicationBuilder builder, string name, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var resource = new ExternalRedisResource(name, connectionString);
        return builder.AddResource(resource)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "ExternalRedis",
                State = KnownResourceStates.Running,
                Properties = [new("redis.address", resource.Address)],
            })
            .WithRedisHealthCheck(resource);
    }

    /// <summary>
    /// Writes the server's password settings to <c>auth.conf</c> in its data directory (owner-only) and makes the password
    /// a secret parameter of the connection string; returns the file's path.
    /// </summary>
    private static string WriteAuthConfig(this IDistributedApplicationBuilder builder, RedisServerResource resource, string password, string contents)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        Directory.CreateDirectory(resource.DataDirectory);
        var path = Path.Combine(resource.DataDirectory, "auth.conf");
        OwnerOnlyFile.Write(path, contents);
        resource.Password = builder.AddParameter($"{resource.Name}-password", password, secret: true).Resource;
        return path;
    }

    private static IResourceBuilder<RedisServerResource> AddRedisServerResource(this IDistributedApplicationBuilder builder, RedisServerResource resource, int port)
    {
        Directory.CreateDirectory(resource.DataDirectory);
        return builder.AddResource(resource)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithRedisHealthCheck(resource);
    }

    private static IResourceBuilder<T> WithRedisHealthCheck<T>(this IResourceBuilder<T> builder, IResourceWithConnectionString resource)
        where T : IResourceWithConnectionString
    {
        var key = $"{resource.Name}_ping";
        // One check (and one connection) per resource, disposed with the application.
        builder.ApplicationBuilder.Services.AddKeyedSingleton(key, (_, _) => new RedisPingCheck(resource));
        builder.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(key, services => services.GetRequiredKeyedService<RedisPingCheck>(key), HealthStatus.Unhealthy, tags: null));
        return builder.WithHealthCheck(key);
    }
}

/// <summary>Healthy once the server answers PING; one connection is kept and reused between checks.</summary>
internal sealed class RedisPingCheck(IResourceWithConnectionString resource) : IHealthCheck, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ConnectionMultiplexer? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            var latency = await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{resource.Name} does not answer PING: {ex.Message}");
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is null)
            {
                var connectionString = await resource.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"{resource.Name} has no connection string yet.");
                var options = ConfigurationOptions.Parse(connectionString);
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = 2_000;
                options.ClientName = "apphost-health";
                _connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
            }
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        _gate.Dispose();
    }
}
