using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Antigravity.AppHost.Supervision;

/// <summary>
/// Watches the resources from the first state change until every one is healthy, then prints the
/// summary (<see cref="StartupSummary"/>). A resource that ends before it became healthy, or an
/// application that is not healthy within <see cref="StartTimeout"/>, gets one line that names the
/// resource and the cause on standard error, and the AppHost stops with <see cref="ExitCode"/> 1.
/// </summary>
public sealed class StartupWatch(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    StartupSummary summary,
    IHostApplicationLifetime lifetime,
    AntigravityOptions options) : BackgroundService
{
    /// <summary>How long the whole application may take to become healthy.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private const int KeptLines = 60;
    private static readonly string[] Watched =
        [AntigravityTopology.RedisName, AntigravityTopology.EmulatorName, AntigravityTopology.AccountPoolName, AntigravityTopology.GatewayName, AntigravityTopology.DashboardName];

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _lines = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>0 while all is well; 1 once a resource failed to start.</summary>
    public int ExitCode { get; private set; }

    /// <summary>The line that said why the application did not start, once it did not.</summary>
    public string? Failure { get; private set; }

    /// <summary>Completes once every resource is healthy (and the summary printed).</summary>
    public Task Ready => _ready.Task;

    /// <summary>The last lines a resource instance (e.g. <c>gateway</c>, or <c>gateway-x1y2</c> for a replica) wrote.</summary>
    public IReadOnlyList<string> RecentLines(string resourceId) =>
        _lines.TryGetValue(resourceId, out var lines) ? [.. lines] : [];

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var expected = model.Resources.Where(resource => Watched.Contains(resource.Name))
            .Sum(resource => resource.Name == AntigravityTopology.GatewayName ? options.GatewayReplicas : 1);
        var healthy = new HashSet<string>(StringComparer.Ordinal);
        var watchingLogs = new HashSet<string>(StringComparer.Ordinal);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(StartTimeout);
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await foreach (var update in notifications.WatchAsync(timeout.Token).ConfigureAwait(false))
            {
                if (!Watched.Contains(update.Resource.Name))
                {
                    continue;
                }
                if (watchingLogs.Add(update.ResourceId))
                {
                    _ = KeepLinesAsync(update.ResourceId, stoppingToken);
                }
                var state = update.Snapshot.State?.Text ?? "";
                states[update.ResourceId] = state;
                if (state == KnownResourceStates.Running && update.Snapshot.HealthStatus == HealthStatus.Healthy)
                {
                    healthy.Add(update.ResourceId);
                }
                if (KnownResourceStates.TerminalStates.Contains(state) || state == KnownResourceStates.RuntimeUnhealthy)
                {
                    if (!lifetime.ApplicationStopping.IsCancellationRequested)
                    {
                        Fail(Diagnose(update.ResourceId, update.Resource.Name, state, update.Snapshot.ExitCode));
                    }
                    return;
                }
                if (healthy.Count >= expected)
                {
                    await summary.PrintAsync(stoppingToken).ConfigureAwait(false);
                    _ready.TrySetResult();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            var waiting = states.Where(state => !healthy.Contains(state.Key)).Select(state => $"{state.Key} ({(state.Value.Length > 0 ? state.Value : "not started")})");
            Fail($"apphost: not healthy within {StartTimeout.TotalSeconds:F0} s: {string.Join(", ", waiting)}");
        }
        catch (OperationCanceledException)
        {
            // Stopped before everything was up.
        }
        finally
        {
            _ready.TrySetCanceled(CancellationToken.None);
        }
    }

    private void Fail(string line)
    {
        ExitCode = 1;
        Failure = line;
        Console.Error.WriteLine(line);
        lifetime.StopApplication();
    }

    private async Task KeepLinesAsync(string resourceId, CancellationToken cancellationToken)
    {
        var lines = _lines.GetOrAdd(resourceId, _ => new ConcurrentQueue<string>());
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                foreach (var line in batch)
                {
                    lines.Enqueue(line.Content);
                    while (lines.Count > KeptLines && lines.TryDequeue(out _))
                    {
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private string Diagnose(string resourceId, string resourceName, string state, int? exitCode) =>
        FailureDiagnosis.Explain(resourceName, exitCode, RecentLines(resourceId), failedToStart: state == KnownResourceStates.FailedToStart);
}
