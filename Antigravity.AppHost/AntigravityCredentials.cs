using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using Antigravity.AppHost.Hosting;
using Antigravity.Contracts;
using Antigravity.Contracts.Settings;

namespace Antigravity.AppHost;

/// <summary>The proxy API key and the dashboard admin password, as the services stored them.</summary>
public sealed record AntigravityCredentials(string? ApiKey, string? AdminPassword)
{
    /// <summary>
    /// Reads <c>ag:settings:proxy</c> (its <c>apiKey</c>) and <c>ag:dashboard:admin-password</c>, waiting up
    /// to <paramref name="timeout"/> for the services to create them on a first start. A password
    /// configured with <c>Dashboard__AdminPassword</c> (<paramref name="configuredPassword"/>) wins over the stored one.
    /// </summary>
    public static async Task<AntigravityCredentials> ReadAsync(RedisResource redis, string? configuredPassword, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redis);
        configuredPassword = string.IsNullOrEmpty(configuredPassword) ? null : configuredPassword;
        var deadline = Stopwatch.StartNew();
        var result = new AntigravityCredentials(null, configuredPassword);
        while (true)
        {
            try
            {
                await using var connection = await RespConnection.ConnectAsync(redis.ConnectionOptions, TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
                var settings = await connection.ExecuteAsync(["GET", RedisKeys.ProxySettings], cancellationToken).ConfigureAwait(false);
                var password = configuredPassword ?? await connection.ExecuteAsync(["GET", RedisKeys.DashboardAdminPassword], cancellationToken).ConfigureAwait(false);
                result = new AntigravityCredentials(ApiKeyOf(settings), password);
            }
            catch (Exception ex) when (ex is SocketException or IOException or RespErrorException)
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
