using System.Diagnostics;
using System.Text.Json;
using Antigravity.Contracts;
using Antigravity.Contracts.Auth;
using Antigravity.Contracts.DataProtection;
using Antigravity.Contracts.Settings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Antigravity.AppHost;

/// <summary>The proxy API key and the dashboard admin password, as far as they can be shown.</summary>
/// <param name="ApiKey">The key clients send, decrypted from the settings; null until the services stored it.</param>
/// <param name="AdminPassword">
/// The admin password when it can be known: the configured one, the one this AppHost chose at this start, or one an
/// earlier version stored in clear. Null otherwise (see <see cref="AdminPasswordSetEarlier"/>).
/// </param>
public sealed record AntigravityCredentials(string? ApiKey, string? AdminPassword)
{
    /// <summary>An admin password is stored, chosen at an earlier start: only its hash is kept, so it cannot be shown.</summary>
    public bool AdminPasswordSetEarlier { get; init; }

    /// <summary>
    /// Reads <c>ag:settings:proxy</c> (its <c>apiKey</c>, decrypted with the shared key ring) and
    /// <c>ag:dashboard:admin-password</c>, waiting up to <paramref name="timeout"/> for the services to create them on
    /// a first start. A password configured with <c>Dashboard__AdminPassword</c> (<paramref name="configuredPassword"/>)
    /// wins; otherwise the stored hash is checked against the password this AppHost offered the dashboard.
    /// </summary>
    public static async Task<AntigravityCredentials> ReadAsync(
        string redisConnectionString, string? configuredPassword, AppHostSecrets secrets, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        configuredPassword = string.IsNullOrEmpty(configuredPassword) ? null : configuredPassword;
        var options = ConfigurationOptions.Parse(redisConnectionString);
        options.AbortOnConnectFail = false;
        options.ClientName = "apphost";
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        var database = connection.GetDatabase();
        var deadline = Stopwatch.StartNew();
        var result = new AntigravityCredentials(null, configuredPassword);
        while (true)
        {
            try
            {
                var settings = (string?)await database.StringGetAsync(RedisKeys.ProxySettings).ConfigureAwait(false);
                var apiKey = settings is null ? null : RevealApiKey(connection, secrets, settings);
                result = configuredPassword is not null
                    ? new AntigravityCredentials(apiKey, configuredPassword)
                    : AdminPasswordOf((string?)await database.StringGetAsync(RedisKeys.DashboardAdminPassword).ConfigureAwait(false), secrets) with { ApiKey = apiKey };
            }
            catch (RedisException)
            {
                // Redis blinked; try again until the deadline.
            }
            if (result is { ApiKey: not null } && (result.AdminPassword is not null || result.AdminPasswordSetEarlier) || deadline.Elapsed >= timeout)
            {
                return result;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
    }

    private static AntigravityCredentials AdminPasswordOf(string? record, AppHostSecrets secrets) => record switch
    {
        null => new AntigravityCredentials(null, null),
        _ when !AdminPasswords.IsHash(record) => new AntigravityCredentials(null, record), // clear, from an earlier version
        _ when AdminPasswords.Verify(record, secrets.InitialAdminPassword) => new AntigravityCredentials(null, secrets.InitialAdminPassword),
        _ => new AntigravityCredentials(null, null) { AdminPasswordSetEarlier = true },
    };

    private static string? RevealApiKey(IConnectionMultiplexer redis, AppHostSecrets secrets, string json)
    {
        ProxySettings settings;
        try
        {
            settings = ProxySettingsStore.Parse(json);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
        if (settings.ApiKey.IsEmpty)
        {
            return null;
        }
        // A fresh reader each time: the key that encrypted the API key may have been created after a previous look.
        using var services = DataProtectionRegistration.CreateStandaloneServices(redis, secrets.KeyEncryptionKey);
        return new ProxyApiKeyProtector(services.GetRequiredService<IDataProtectionProvider>()).Reveal(settings.ApiKey);
    }
}
