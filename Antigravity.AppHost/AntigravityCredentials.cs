using System.Diagnostics;
using System.Text.Json;
using Antigravity.Contracts;
using Antigravity.Contracts.Settings;
using StackExchange.Redis;

namespace Antigravity.AppHost;

/// <summary>The proxy API key and the dashboard admin password, as the services stored them.</summary>
public sealed record AntigravityCredentials(string? ApiKey, string? AdminPassword)
{
    /// <summary>
    /// Reads <c>ag:settings:proxy</c> (its <c>apiKey</c>) and <c>ag:dashboard:admin-password</c>, waiting up
    /// to <paramref name="timeout"/> for the services to create them on a first start. A password
    /// configured with <c>Dashboard__AdminPassword</c> (<paramref name="configuredPassword"/>) wins over the stored one.
    /// </summary>
    public static async Task<AntigravityCredentials> ReadAsync(string redisConnectionString, string? configuredPassword, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
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
                var settings = await database.StringGetAsync(RedisKeys.ProxySettings).ConfigureAwait(false);
                var password = configuredPassword ?? (string?)await database.StringGetAsync(RedisKeys.DashboardAdminPassword).ConfigureAwait(false);
                result = new AntigravityCredentials(ApiKeyOf(settings), password);
            }
            catch (RedisException)
            {
                // Redis blinked; try again until the deadline.
            }
            if (result is { ApiKey: not null, AdminPassword: not null } || deadline.Elapsed >= timeout)
            {
                return result;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? ApiKeyOf(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(json, SettingsJsonContext.Default.ProxySettings)?.ApiKey is { Length: > 0 } key ? key : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
