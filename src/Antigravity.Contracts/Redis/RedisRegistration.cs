using Antigravity.Contracts.DataProtection;
using Antigravity.Contracts.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Antigravity.Contracts.Redis;

/// <summary>Registers the Redis client from <c>ConnectionStrings:redis</c> and the settings that live in Redis.</summary>
public static class RedisRegistration
{
    /// <summary>The Aspire connection name of the Redis resource.</summary>
    public const string ConnectionName = "redis";

    /// <summary>
    /// Adds the shared <see cref="IConnectionMultiplexer"/> for <c>ConnectionStrings:redis</c> through Aspire's
    /// client integration (health check, tracing, logging), connected at start. While Redis is unreachable a
    /// command fails at once instead of queueing behind the reconnect, so a request answers 503 rather than hang;
    /// the multiplexer reconnects and resubscribes by itself.
    /// </summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="traceCommands">
    /// A span per Redis command. The instrumentation collects commands in profiling sessions that it drains every
    /// 10 s (fixed), holding each command with its arguments until then: a service that writes large batches at a
    /// high rate (the gateway's monitor records, ~300 MB at 10,000 requests/s) turns that into memory.
    /// </param>
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder, bool traceCommands = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionName)))
        {
            throw new InvalidOperationException(
                $"No Redis connection string: set ConnectionStrings__{ConnectionName} (for example 127.0.0.1:6379), or start the service through the AppHost.");
        }
        builder.AddRedisClient(ConnectionName, settings => settings.DisableTracing = !traceCommands, options =>
        {
            options.BacklogPolicy = BacklogPolicy.FailFast;
            options.ClientName = builder.Environment.ApplicationName;
            // RedisDurability reads INFO and asks redis-server 7.0 for BGREWRITEAOF, which the client counts as admin commands.
            options.AllowAdmin = true;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RedisDurability>();
        return builder;
    }

    /// <summary>Adds the settings store and the in-memory settings monitor (started with the host).</summary>
    public static IHostApplicationBuilder AddProxySettings(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ProxyHostOptions>().BindConfiguration(ProxyHostOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ProxyHostOptions>, ValidateProxyHostOptions>();
        builder.Services.AddSingleton(TimeProvider.System);
        // The store encrypts the API key with the shared key ring.
        builder.AddSharedDataProtection();
        builder.Services.AddSingleton<ProxyApiKeyProtector>();
        builder.Services.AddSingleton<ProxySettingsStore>();
        builder.Services.AddSingleton<ProxySettingsMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ProxySettingsMonitor>());
        return builder;
    }
}
