using Antigravity.Redis;

namespace Antigravity.AppHost.Hosting;

/// <summary>Which Redis the application uses.</summary>
public enum RedisKind
{
    /// <summary>Microsoft Garnet from the repository's local tool (the default).</summary>
    Garnet,

    /// <summary>Debian's <c>redis-server</c>.</summary>
    RedisServer,

    /// <summary>An existing server given by connection string; none is started.</summary>
    External,
}

/// <summary>A Redis the services reach through <c>ConnectionStrings__&lt;name&gt;</c>.</summary>
public sealed class RedisResource : Resource, IResourceWithConnectionString
{
    private readonly string? _externalConnectionString;

    internal RedisResource(string name, RedisKind kind, string? externalConnectionString = null) : base(name)
    {
        Kind = kind;
        _externalConnectionString = externalConnectionString;
        if (externalConnectionString is not null)
        {
            var options = RedisConnectionOptions.Parse(externalConnectionString);
            Endpoint = new ResourceEndpoint { BindHost = options.Host, Port = options.Port, IsFixed = true, Scheme = "tcp" };
        }
        else
        {
            Endpoint = new ResourceEndpoint { Scheme = "tcp" };
        }
        HealthProbe = new RedisPingProbe(() => ConnectionOptions);
    }

    /// <summary>Garnet, redis-server or external.</summary>
    public RedisKind Kind { get; }

    /// <summary>Where its files live (null for an external Redis).</summary>
    public string? DataDirectory { get; internal set; }

    /// <inheritdoc />
    public string ConnectionString => _externalConnectionString ?? $"{Endpoint!.ClientHost}:{Endpoint.Port}";

    /// <summary>The parsed connection string.</summary>
    public RedisConnectionOptions ConnectionOptions => RedisConnectionOptions.Parse(ConnectionString);
}

/// <summary>Adds Redis in its three forms.</summary>
public static class RedisResourceExtensions
{
    /// <summary>
    /// Garnet on a free port (kept across restarts), with every write in an append-only log committed
    /// before the reply (<c>--aof --aof-commit-freq 0 --aof-commit-wait</c>), a checkpoint every 5 minutes
    /// that keeps the log short, and recovery of both at start (<c>--recover</c>) — data written just
    /// before a <c>kill -9</c> survives. The local tool is restored first when missing.
    /// </summary>
    public static IResourceBuilder<RedisResource> AddGarnet(this DistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        var resource = new RedisResource(name, RedisKind.Garnet) { DataDirectory = dataDirectory, Description = "Garnet" };
        var endpoint = resource.Endpoint!;
        resource.Process = new ProcessSpec
        {
            Command = DotnetHost.Path,
            PidFile = Path.Combine(dataDirectory, "garnet.pid"),
            BeforeFirstStartAsync = async (spec, cancellationToken) =>
            {
                var tool = await GarnetTool.LocateAsync(name, builder.Options.Output, cancellationToken).ConfigureAwait(false);
                Directory.CreateDirectory(dataDirectory);
                spec.WorkingDirectory = tool.RepositoryRoot;
                spec.Command = tool.Command;
                spec.Arguments.InsertRange(0, tool.Arguments.Select(argument => (Func<string>)(() => argument)));
            },
        };
        string[] settings =
        [
            "--bind", "127.0.0.1", "--lua",
            "--aof", "--aof-commit-freq", "0", "--aof-commit-wait", "--recover",
            "--checkpointdir", dataDirectory, "--checkpoint-freq", "300",
            // The managed file device: the native one needs libaio, which a bare machine may lack.
            "--device-type", "RandomAccess",
            // Memory grows on demand up to these bounds (the defaults reserve gigabytes).
            "-m", "1g", "--page", "4m", "--index", "16m", "--aof-memory", "16m", "--aof-page-size", "8m",
        ];
        resource.Process.Arguments.Add(() => "--port");
        resource.Process.Arguments.Add(() => endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        resource.Process.Arguments.AddRange(settings.Select(setting => (Func<string>)(() => setting)));
        return builder.AddResource(resource);
    }

    /// <summary>
    /// Debian's <c>redis-server</c> on a free port, with an append-only file fsynced on every write
    /// in <paramref name="dataDirectory"/> and no RDB snapshots.
    /// </summary>
    public static IResourceBuilder<RedisResource> AddRedisServer(this DistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        var resource = new RedisResource(name, RedisKind.RedisServer) { DataDirectory = dataDirectory, Description = "redis-server" };
        var endpoint = resource.Endpoint!;
        resource.Process = new ProcessSpec
        {
            Command = "redis-server",
            WorkingDirectory = dataDirectory,
            PidFile = Path.Combine(dataDirectory, "redis-server.pid"),
            BeforeFirstStartAsync = (_, _) =>
            {
                Directory.CreateDirectory(dataDirectory);
                return Task.CompletedTask;
            },
        };
        resource.Process.Arguments.AddRange(
        [
            () => "--port", () => endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            () => "--bind", () => "127.0.0.1",
            () => "--dir", () => dataDirectory,
            () => "--appendonly", () => "yes",
            () => "--appendfsync", () => "always",
            () => "--save", () => "",
        ]);
        return builder.AddResource(resource);
    }

    /// <summary>An existing Redis; the AppHost starts none and only waits for it to answer PING.</summary>
    public static IResourceBuilder<RedisResource> AddRedisConnection(this DistributedApplicationBuilder builder, string name, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.AddResource(new RedisResource(name, RedisKind.External, connectionString) { Description = "external Redis" });
    }
}
