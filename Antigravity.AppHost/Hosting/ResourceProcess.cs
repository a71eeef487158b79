using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Antigravity.AppHost.Hosting;

/// <summary>
/// One launch of a resource's process: started with the resource's command, arguments and environment in
/// a session of its own, its standard output and error copied line by line into the AppHost output, and
/// stopped with SIGTERM, then SIGKILL to its whole tree. Supervision lives in <see cref="ResourceRunner"/>.
/// </summary>
internal sealed class ResourceProcess : IDisposable
{
    private readonly string _name;
    private readonly Process _process;

    private ResourceProcess(string name, Process process, Task<int> exited)
    {
        _name = name;
        _process = process;
        Exited = exited;
        LaunchedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>The operating system's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Completes with the exit code once the process has exited and its last output lines are in.</summary>
    public Task<int> Exited { get; }

    /// <summary>When it was launched.</summary>
    public DateTimeOffset LaunchedAt { get; }

    /// <summary>Launches the resource's process and records its pid file; throws <see cref="ResourceStartException"/> when it cannot run.</summary>
    public static ResourceProcess Start(Resource resource, ProcessSpec spec, AppHostOutput output)
    {
        var command = ExecutableLocator.Resolve(spec.Command)
            ?? throw new ResourceStartException($"{resource.Name}: cannot start '{spec.Command}': it is not installed (not found on PATH).");
        // In its own session, a child does not receive the terminal's Ctrl+C: the AppHost alone decides
        // the order in which children stop (services first, Redis last).
        var ownSession = ExecutableLocator.SetSid;
        var startInfo = new ProcessStartInfo(ownSession ?? command)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Children never read the terminal; Ctrl+C there is the AppHost's business.
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        if (ownSession is not null)
        {
            startInfo.ArgumentList.Add(command);
        }
        foreach (var argument in spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument());
        }
        foreach (var (name, value) in resource.Environment)
        {
            if (value() is { } text)
            {
                startInfo.Environment[name] = text;
            }
            else
            {
                startInfo.Environment.Remove(name);
            }
        }

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new ResourceStartException($"{resource.Name}: cannot start '{spec.Command}': {ex.Message}");
        }

        var stdout = PumpAsync(resource.Name, process.StandardOutput, isError: false, output);
        var stderr = PumpAsync(resource.Name, process.StandardError, isError: true, output);
        var launched = new ResourceProcess(resource.Name, process, WaitForExitAsync(process, stdout, stderr));
        StaleProcess.Record(spec.PidFile, process.Id);
        output.Info($"{resource.Name} started (pid {process.Id})");
        return launched;
    }

    /// <summary>SIGTERM; after <paramref name="grace"/> SIGKILL to the whole tree; then to anything it left behind.</summary>
    public async Task StopAsync(TimeSpan grace, AppHostOutput output)
    {
        if (Exited.IsCompleted)
        {
            return;
        }
        var pid = _process.Id;
        var descendants = ProcessSignals.Descendants(pid);
        ProcessSignals.Send(pid, ProcessSignals.SigTerm);
        if (!await Exited.CompletesWithinAsync(grace).ConfigureAwait(false))
        {
            output.Warning($"{_name} did not stop within {grace.TotalSeconds:0} s; killing it");
            KillTree();
            await Exited.CompletesWithinAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        // Anything it started and left behind goes too.
        foreach (var child in descendants.Concat(ProcessSignals.Descendants(pid)).Distinct())
        {
            ProcessSignals.Send(child, ProcessSignals.SigKill);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _process.Dispose();

    private static async Task PumpAsync(string name, StreamReader reader, bool isError, AppHostOutput output)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                output.ResourceLine(name, line, isError);
            }
        }
        catch (IOException)
        {
            // The pipe broke with the process; nothing more to read.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static async Task<int> WaitForExitAsync(Process process, Task stdout, Task stderr)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        // The last lines explain a failure: let the pumps finish, but never wait on a pipe a grandchild keeps open.
        await Task.WhenAll(stdout, stderr).CompletesWithinAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        return process.ExitCode;
    }

    private void KillTree()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (Win32Exception)
        {
        }
    }
}
