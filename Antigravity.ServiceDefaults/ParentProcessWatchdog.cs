using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Antigravity.ServiceDefaults;

/// <summary>
/// Stops the service when the AppHost that started it is gone (it passes its process id in
/// <c>ANTIGRAVITY_APPHOST_PID</c>). Even if the AppHost is killed with SIGKILL and cannot stop its
/// children, no service outlives it. Without the variable this does nothing.
/// </summary>
internal sealed partial class ParentProcessWatchdog(
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<ParentProcessWatchdog> logger) : BackgroundService
{
    public const string ParentPidVariable = "ANTIGRAVITY_APPHOST_PID";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!int.TryParse(configuration[ParentPidVariable], out var parentPid))
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!IsAlive(parentPid))
            {
                Log.ParentGone(logger, parentPid);
                lifetime.StopApplication();
                return;
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The AppHost (pid {ParentPid}) is gone; stopping.")]
        public static partial void ParentGone(ILogger logger, int parentPid);
    }
}
