using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Antigravity.AppHost.Supervision;

/// <summary>
/// Restarts a service (or Redis) that exits on its own once the application is up: a crash, a
/// <c>kill -9</c>, an out-of-memory exit. It waits 1 s before the first restart and doubles the wait
/// for each further restart within a minute (at most 30 s). A resource stopped on purpose (the Aspire
/// dashboard's Stop, or the AppHost stopping) is left stopped.
/// </summary>
public sealed class CrashRestarts(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService logs,
    StartupWatch startup,
    IHostApplicationLifetime lifetime,
    AntigravityOptions options,
    ILogger<CrashRestarts> logger) : BackgroundService
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30), Window = TimeSpan.FromMinutes(1);
    private static readonly HashSet<string> Supervised = new(
        [AntigravityTopology.RedisName, AntigravityTopology.EmulatorName, AntigravityTopology.AccountPoolName, AntigravityTopology.GatewayName, AntigravityTopology.DashboardName],
        StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await startup.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // Never started, or a failed start: nothing to keep alive.
        }
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var restarts = new Dictionary<string, List<DateTime>>(StringComparer.Ordinal);
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!Supervised.Contains(update.Resource.Name))
                {
                    continue;
                }
                var state = update.Snapshot.State?.Text ?? "";
                previous.TryGetValue(update.ResourceId, out var before);
                previous[update.ResourceId] = state;
                var crashed = (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished) && before == KnownResourceStates.Running;
                if (!crashed || lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    continue;
                }
                var recent = restarts.TryGetValue(update.ResourceId, out var list) ? list : restarts[update.ResourceId] = [];
                recent.RemoveAll(time => DateTime.UtcNow - time > Window);
                recent.Add(DateTime.UtcNow);
                var delay = TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, recent.Count - 1)));
                // A replica is named by its instance id (gateway-x1y2z3); a single process by its resource name.
                var who = update.Resource.Name == AntigravityTopology.GatewayName && options.GatewayReplicas > 1 ? update.ResourceId : update.Resource.Name;
                var message = $"{who} exited{(update.Snapshot.ExitCode is { } code ? $" with code {code}" : "")}; restarting in {delay.TotalSeconds:F0} s (restart {recent.Count} within a minute)";
                logger.LogWarning("{Message}", message);
                logs.GetLogger(update.ResourceId).LogWarning("{Message}", message);
                _ = RestartAsync(update.ResourceId, delay, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RestartAsync(string resourceId, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, cancellationToken).ConfigureAwait(false);
            if (!result.Success)
            {
                logger.LogError("Restarting {Resource} failed: {Error}", resourceId, result.Message);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
