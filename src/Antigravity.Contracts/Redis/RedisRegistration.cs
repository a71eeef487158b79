using Antigravity.Contracts.Settings;
using Antigravity.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Antigravity.Contracts.Redis;

/// <summary>Registers the Redis client from <c>ConnectionStrings:redis</c> and its health check.</summary>
public static class RedisRegistration
{
    /// <summary>The Aspire connection name of the Redis resource.</summary>
    public const string ConnectionName = "redis";

    /// <summary>
    /// Adds a singleton <see cref="IRedisClient"/> for <c>ConnectionStrings:&lt;name&gt;</c> and a <c>redis</c>
    /// readiness check (a PING), so <c>/health</c> reports unhealthy while Redis is down.
    /// </summary>
    public static IHostApplicationBuilder AddRedisClient(this IHostApplicationBuilder builder, string connectionName = ConnectionName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No Redis connection string: set ConnectionStrings__{connectionName} (for example 127.0.0.1:6379), or start the service through the AppHost.");
        }

        var options = RedisConnectionOptions.Parse(connectionString);
        builder.Services.AddSingleton<IRedisClient>(services =>
            RedisClient.Create(options, services.GetRequiredService<ILoggerFactory>().CreateLogger<RedisClient>()));
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        return builder;
    }

    /// <summary>Adds the settings store and the in-memory settings monitor (started with the host).</summary>
    public static IHostApplicationBuilder AddProxySettings(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ProxyHostOptions>().BindConfiguration(ProxyHostOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ProxyHostOptions>, ValidateProxyHostOptions>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProxySettingsStore>();
        builder.Services.AddSingleton<ProxySettingsMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ProxySettingsMonitor>());
        return builder;
    }

    private sealed class RedisHealthCheck(IRedisClient redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!redis.IsConnected)
            {
                return HealthCheckResult.Unhealthy("Redis is not connected.");
            }
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                var rtt = await redis.PingAsync(timeout.Token).ConfigureAwait(false);
                return HealthCheckResult.Healthy($"PING {rtt.TotalMilliseconds:0.#} ms");
            }
            catch (Exception ex) when (ex is RedisConnectionException or OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("Redis did not answer PING: " + ex.Message);
            }
        }
    }
}
