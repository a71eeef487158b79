using System.Net;
using Antigravity.AppHost.Redis;
using StackExchange.Redis;

namespace Antigravity.AppHost;

/// <summary>
/// What can be known to fail before anything starts: a port in use, a data directory that cannot be
/// written, a missing Garnet tool, an external Redis that does not answer. Each gives one line that
/// names the resource and the cause.
/// </summary>
public static class StartChecks
{
    private static readonly TimeSpan ExternalRedisTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The first problem found, or null; <paramref name="garnet"/> is the located Garnet tool when it is the Redis.</summary>
    public static async Task<string?> FirstProblemAsync(AntigravityOptions options, Action<GarnetTool> garnet)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(garnet);
        var bind = options.AllowLan ? IPAddress.Any : IPAddress.Loopback;
        if (options.Port != 0 && FreePort.InUse(bind, options.Port))
        {
            return $"gateway: failed to bind address {bind}:{options.Port}: address already in use (stop the program that listens there or choose another --port)";
        }
        if (options.DashboardPort != 0 && FreePort.InUse(IPAddress.Loopback, options.DashboardPort))
        {
            return $"dashboard: failed to bind address 127.0.0.1:{options.DashboardPort}: address already in use (stop the program that listens there or choose another --dashboard-port)";
        }
        switch (options.RedisKind)
        {
            case RedisKind.Garnet or RedisKind.RedisServer:
                var directory = Path.Combine(options.DataDirectory, options.RedisKind == RedisKind.Garnet ? "garnet" : "redis");
                if (WriteProblem(directory) is { } problem)
                {
                    return $"redis: the data directory {directory} cannot be written: {problem} (choose another with --data-dir)";
                }
                if (options.RedisKind == RedisKind.Garnet)
                {
                    try
                    {
                        garnet(GarnetTool.Locate());
                    }
                    catch (InvalidOperationException ex)
                    {
                        return $"redis: Garnet cannot be started: {ex.Message}";
                    }
                }
                else if (!OnPath("redis-server"))
                {
                    return "redis: redis-server is not installed (Debian: apt-get install redis-server), or use --redis garnet";
                }
                return null;
            default:
                return await ExternalRedisProblemAsync(options.Redis).ConfigureAwait(false);
        }
    }

    private static string? WriteProblem(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    private static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, command)));

    private static async Task<string?> ExternalRedisProblemAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        var address = options.EndPoints.FirstOrDefault()?.ToString() ?? "?";
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = (int)ExternalRedisTimeout.TotalMilliseconds;
        options.ConnectRetry = 1;
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
            await connection.GetDatabase().PingAsync().ConfigureAwait(false);
            return null;
        }
        catch (RedisException ex)
        {
            // The client's message can quote the connection string: say only the address and the kind of failure.
            var reason = ex is RedisConnectionException connection ? connection.FailureType.ToString() : ex.GetType().Name;
            return $"redis: Redis at {address} is unreachable ({reason}); check --redis and that it answers PING";
        }
    }
}
