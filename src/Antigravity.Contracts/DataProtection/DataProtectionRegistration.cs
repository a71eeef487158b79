using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Antigravity.Contracts.DataProtection;

/// <summary>Data Protection shared by every service through Redis.</summary>
public static class DataProtectionRegistration
{
    /// <summary>The Data Protection application name every service uses, so they can read each other's payloads.</summary>
    public const string ApplicationName = "Antigravity";

    /// <summary>
    /// Adds ASP.NET Core Data Protection with application name <see cref="ApplicationName"/> and the key ring
    /// in Redis (<see cref="RedisXmlRepository"/>). Requires <see cref="IConnectionMultiplexer"/> (<c>AddRedis()</c>).
    /// </summary>
    public static IHostApplicationBuilder AddSharedDataProtection(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IConnectionMultiplexer>((options, redis) => options.XmlRepository = new RedisXmlRepository(redis));
        return builder;
    }
}
