using System.Globalization;

namespace Antigravity.AppHost.Hosting;

/// <summary>
/// Pid files for servers that own a data directory. The services stop by themselves when their AppHost
/// is gone (ServiceDefaults' watchdog), but Garnet and redis-server do not: after an AppHost was killed
/// with SIGKILL, the next one finds the old server through its pid file and stops it first.
/// </summary>
internal static class StaleProcess
{
    public static void Record(string? pidFile, int pid)
    {
        if (pidFile is not null)
        {
            File.WriteAllText(pidFile, pid.ToString(CultureInfo.InvariantCulture));
        }
    }

    public static void Forget(string? pidFile)
    {
        if (pidFile is not null && File.Exists(pidFile))
        {
            File.Delete(pidFile);
        }
    }

    public static async Task ReclaimAsync(string resourceName, string? pidFile, AppHostOutput output, CancellationToken cancellationToken)
    {
        if (pidFile is null || !File.Exists(pidFile)
            || !int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !OwnsDirectory(pid, Path.GetDirectoryName(pidFile)!))
        {
            return;
        }
        output.Warning($"{resourceName}: stopping pid {pid}, left running on {Path.GetDirectoryName(pidFile)} by an AppHost that did not stop it");
        ProcessSignals.Send(pid, ProcessSignals.SigTerm);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (ProcessSignals.IsAlive(pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
        if (ProcessSignals.IsAlive(pid))
        {
            ProcessSignals.Send(pid, ProcessSignals.SigKill);
        }
    }

    // The recorded pid may have been reused by an unrelated process: only one whose command line names
    // this data directory is ours.
    private static bool OwnsDirectory(int pid, string directory)
    {
        if (!OperatingSystem.IsLinux() || !ProcessSignals.IsAlive(pid))
        {
            return false;
        }
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            return commandLine.Any(argument => argument.TrimEnd('/') == directory.TrimEnd('/'));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
