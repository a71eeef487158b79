using System.Net.Sockets;
using System.Text.Json;
using Antigravity.Redis;

namespace Antigravity.AppHost.Hosting;

/// <summary>The result of one health probe.</summary>
public readonly record struct HealthResult(bool IsHealthy, string Description)
{
    /// <summary>Healthy.</summary>
    public static HealthResult Healthy(string description = "healthy") => new(true, description);

    /// <summary>Unhealthy, with the reason.</summary>
    public static HealthResult Unhealthy(string description) => new(false, description);
}

/// <summary>Decides whether a resource is ready to serve.</summary>
public interface IHealthProbe
{
    /// <summary>Probes once; never throws for an unhealthy resource.</summary>
    Task<HealthResult> CheckAsync(CancellationToken cancellationToken);
}

/// <summary><c>GET /health</c> answered 200 (ServiceDefaults' readiness endpoint).</summary>
public sealed class HttpHealthProbe(ResourceEndpoint endpoint, string path = "/health") : IHealthProbe
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
    {
        Timeout = TimeSpan.FromSeconds(3),
    };

    /// <inheritdoc />
    public async Task<HealthResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Client.GetAsync(new Uri(endpoint.Url, path), cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return HealthResult.Healthy();
            }
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return HealthResult.Unhealthy($"{path} answered {(int)response.StatusCode} ({Summarize(body)})");
        }
        catch (HttpRequestException ex)
        {
            return HealthResult.Unhealthy($"{path} is not answering: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthResult.Unhealthy($"{path} did not answer within 3 s");
        }
    }

    // ServiceDefaults' report is {"status":…,"checks":{"redis":{"status":"Unhealthy","description":…}}}:
    // name the failing checks; anything else is quoted (shortened).
    private static string Summarize(string body)
    {
        try
        {
            using var report = JsonDocument.Parse(body);
            if (report.RootElement.TryGetProperty("checks", out var checks) && checks.ValueKind == JsonValueKind.Object)
            {
                var failing = checks.EnumerateObject()
                    .Where(check => check.Value.TryGetProperty("status", out var status) && status.GetString() != "Healthy")
                    .Select(check => check.Value.TryGetProperty("description", out var description) && description.GetString() is { } text
                        ? $"{check.Name}: {text}"
                        : check.Name)
                    .ToList();
                if (failing.Count > 0)
                {
                    return string.Join("; ", failing);
                }
            }
        }
        catch (JsonException)
        {
        }
        return body.Length <= 300 ? body : body[..300] + "…";
    }
}

/// <summary>Redis answers <c>PING</c> (after <c>AUTH</c> when the connection string has a password).</summary>
public sealed class RedisPingProbe(Func<RedisConnectionOptions> options) : IHealthProbe
{
    /// <inheritdoc />
    public async Task<HealthResult> CheckAsync(CancellationToken cancellationToken)
    {
        var target = options();
        try
        {
            await using var connection = await RespConnection.ConnectAsync(target, TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
            var reply = await connection.ExecuteAsync(["PING"], cancellationToken).ConfigureAwait(false);
            return reply == "PONG" ? HealthResult.Healthy() : HealthResult.Unhealthy($"PING answered '{reply}'");
        }
        catch (Exception ex) when (ex is SocketException or IOException or RespErrorException or TimeoutException)
        {
            return HealthResult.Unhealthy($"Redis at {target.Host}:{target.Port} is unreachable: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthResult.Unhealthy($"Redis at {target.Host}:{target.Port} did not answer within 3 s");
        }
    }
}
