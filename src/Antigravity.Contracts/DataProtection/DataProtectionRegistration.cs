using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Antigravity.Contracts.DataProtection;

/// <summary>Data Protection shared by every service through Redis.</summary>
public static partial class DataProtectionRegistration
{
    /// <summary>The Data Protection application name every service uses, so they can read each other's payloads.</summary>
    public const string ApplicationName = "Antigravity";

    /// <summary>
    /// Adds ASP.NET Core Data Protection with application name <see cref="ApplicationName"/> and the key ring
    /// in Redis (<see cref="RedisXmlRepository"/>), encrypted at rest with <c>DataProtection:KeyEncryptionKey</c>
    /// when it is set (<see cref="KeyRingEncryptionOptions"/>); without it the keys are stored in clear and a
    /// warning says so once at start. Requires <see cref="IConnectionMultiplexer"/> (<c>AddRedis()</c>). Adding it
    /// twice is harmless.
    /// </summary>
    public static IHostApplicationBuilder AddSharedDataProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(service => service.ServiceType == typeof(ValidateKeyRingEncryptionOptions)))
        {
            return builder;
        }
        builder.Services.AddSingleton<ValidateKeyRingEncryptionOptions>();
        builder.Services.AddSingleton<IValidateOptions<KeyRingEncryptionOptions>>(services => services.GetRequiredService<ValidateKeyRingEncryptionOptions>());
        builder.Services.AddOptions<KeyRingEncryptionOptions>().BindConfiguration(KeyRingEncryptionOptions.Section).ValidateOnStart();
        AddKeyRing(builder.Services);
        builder.Services.AddHostedService<KeyRingEncryptionNotice>();
        return builder;
    }

    /// <summary>
    /// Services holding an <see cref="IDataProtectionProvider"/> over the shared key ring, for a process that is not
    /// one of the services (the AppHost's start-up summary, tests). Unless <paramref name="createKeys"/>, it never
    /// creates a key: it only reads what the services protected. Dispose them after use.
    /// </summary>
    public static ServiceProvider CreateStandaloneServices(IConnectionMultiplexer redis, string? keyEncryptionKey, bool createKeys = false)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var services = new ServiceCollection();
        services.AddSingleton(redis);
        services.AddOptions<KeyRingEncryptionOptions>().Configure(options => options.KeyEncryptionKey = keyEncryptionKey);
        AddKeyRing(services, migrate: false);
        services.Configure<KeyManagementOptions>(options => options.AutoGenerateKeys = createKeys);
        return services.BuildServiceProvider();
    }

    private static void AddKeyRing(IServiceCollection services, bool migrate = true)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<IConnectionMultiplexer, IOptions<KeyRingEncryptionOptions>>((options, redis, encryption) =>
            {
                var encryptor = encryption.Value.KeyBytes is { } key ? new AesGcmXmlEncryptor(key) : null;
                options.XmlRepository = new RedisXmlRepository(redis, migrate ? encryptor : null);
                if (encryptor is not null)
                {
                    options.XmlEncryptor = encryptor;
                }
            });
    }

    /// <summary>Says once at start whether the key ring is encrypted at rest.</summary>
    private sealed partial class KeyRingEncryptionNotice(IOptions<KeyRingEncryptionOptions> options, ILogger<KeyRingEncryptionNotice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.KeyBytes is null)
            {
                LogUnencrypted(logger, KeyRingEncryptionOptions.EnvironmentVariable, RedisKeys.DataProtectionKeys);
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(1, LogLevel.Warning, "{Setting} is not set: the Data Protection keys this service creates are stored in Redis ({Key}) unencrypted, "
            + "so whoever can read Redis can decrypt the stored account secrets. The AppHost sets it for every service it starts.")]
        private static partial void LogUnencrypted(ILogger logger, string setting, string key);
    }
}
