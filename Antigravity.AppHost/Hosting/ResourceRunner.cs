using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Antigravity.AppHost.Hosting;

/// <summary>
/// Runs one resource: launches its process, waits for it to be healthy, then supervises it —
/// follows its health, restarts it with exponential backoff when it exits unexpectedly — and
/// stops it (SIGTERM, then the whole process tree after a grace period).
/// </summary>
internal sealed class ResourceRunner(Resource resource, DistributedApplicationOptions options)
{
    private readonly AppHostOutput _output = options.Output;
    private readonly TaskCompletionSource _firstHealthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();
    private Process? _process;
    private Task<int> _exited = Task.FromResult(0);
    private DateTimeOffset _launchedAt;
    private Task? _supervision;
    private Task? _monitor;
    private volatile bool _stopping;
    private int _restarts;
    private ResourceState _state = ResourceState.Waiting;
    private readonly List<int> _launched = [];

    public Resource Resource => resource;

    public Task FirstHealthy => _firstHealthy.Task;

    public bool WasStarted { get; private set; }

    public int Restarts => _restarts;

    /// <summary>Every process id this resource ever had (restarts included).</summary>
    public IReadOnlyList<int> LaunchedProcessIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _launched];
            }
        }
    }

    /// <summary>Raised whenever the state changes.</summary>
    public event Action<ResourceRunner, ResourceState>? StateChanged;

    public ResourceState State
    {
        get => _state;
        private set
        {
            if (_state == value)
            {
                return;
            }
            _state = value;
            StateChanged?.Invoke(this, value);
        }
    }

    public int? ProcessId
    {
        get
        {
            lock (_gate)
            {
                return _process is { } process && !_exited.IsCompleted ? process.Id : null;
            }
        }
    }

    /// <summary>Starts the resource and returns once it is healthy; throws <see cref="ResourceStartException"/> otherwise.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        WasStarted = true;
        State = ResourceState.Starting;
        try
        {
            if (resource.Process is { } spec)
            {
                if (spec.BeforeFirstStartAsync is { } prepare)
                {
                    await prepare(spec, cancellationToken).ConfigureAwait(false);
                }
                await StaleProcess.ReclaimAsync(resource.Name, spec.PidFile, _output, cancellationToken).ConfigureAwait(false);
                Launch(spec);
            }
            await WaitUntilHealthyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceStartException)
        {
            State = ResourceState.Failed;
            throw;
        }

        State = ResourceState.Healthy;
        _firstHealthy.TrySetResult();
        _output.Info(ProcessId is { } pid ? $"{resource.Name} is healthy (pid {pid})" : $"{resource.Name} is healthy");
        _monitor = Task.Run(() => MonitorHealthAsync(_lifetime.Token), CancellationToken.None);
        if (resource.Process is not null)
        {
            _supervision = Task.Run(() => SuperviseAsync(_lifetime.Token), CancellationToken.None);
        }
    }

    /// <summary>From now on an exit is expected: no restart, no health reports.</summary>
    public void BeginStop()
    {
        _stopping = true;
        _lifetime.Cancel();
    }

    /// <summary>Stops the process: SIGTERM, then after <paramref name="grace"/> SIGKILL to its whole tree.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        BeginStop();
        Process? process;
        Task<int> exited;
        lock (_gate)
        {
            process = _process;
            exited = _exited;
        }

        if (process is not null && !exited.IsCompleted)
        {
            var pid = process.Id;
            var descendants = ProcessSignals.Descendants(pid);
            ProcessSignals.Send(pid, ProcessSignals.SigTerm);
            if (!await CompletesWithinAsync(exited, grace).ConfigureAwait(false))
            {
                _output.Warning($"{resource.Name} did not stop within {grace.TotalSeconds:0} s; killing it");
                KillTree(process);
                await CompletesWithinAsync(exited, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            // Anything it started and left behind goes too.
            foreach (var child in descendants.Concat(ProcessSignals.Descendants(pid)).Distinct())
            {
                ProcessSignals.Send(child, ProcessSignals.SigKill);
            }
        }

        StaleProcess.Forget(resource.Process?.PidFile);
        foreach (var task in new[] { _supervision, _monitor })
        {
            if (task is not null)
            {
                await CompletesWithinAsync(task, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
        }
        if (WasStarted)
        {
            State = ResourceState.Stopped;
        }
    }

    /// <summary>SIGKILL to the process only (what <c>kill -9</c> does), for tests of supervision.</summary>
    public bool Kill()
    {
        var pid = ProcessId;
        return pid is not null && ProcessSignals.Send(pid.Value, ProcessSignals.SigKill);
    }

    private void Launch(ProcessSpec spec)
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

        var stdout = PumpAsync(process.StandardOutput, isError: false);
        var stderr = PumpAsync(process.StandardError, isError: true);
        var exited = WaitForExitAsync(process, stdout, stderr);
        lock (_gate)
        {
            _process?.Dispose();
            _process = process;
            _launched.Add(process.Id);
            _exited = exited;
            _launchedAt = DateTimeOffset.UtcNow;
        }
        StaleProcess.Record(spec.PidFile, process.Id);
        _output.Info($"{resource.Name} started (pid {process.Id})");
    }

    private async Task PumpAsync(StreamReader reader, bool isError)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                _output.ResourceLine(resource.Name, line, isError);
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
        await CompletesWithinAsync(Task.WhenAll(stdout, stderr), TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        return process.ExitCode;
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        var timeout = resource.Process is null ? options.ExternalResourceTimeout : options.StartTimeout;
        var deadline = Stopwatch.StartNew();
        var last = HealthResult.Unhealthy("not probed yet");
        while (true)
        {
            Task<int> exited;
            lock (_gate)
            {
                exited = _exited;
            }
            if (resource.Process is not null && exited.IsCompleted)
            {
                var code = await exited.ConfigureAwait(false);
                throw new ResourceStartException(FailureDiagnosis.Explain(resource, code, _output.Logs.Tail(resource.Name, 40)));
            }

            last = resource.HealthProbe is { } probe ? await probe.CheckAsync(cancellationToken).ConfigureAwait(false) : HealthResult.Healthy();
            if (last.IsHealthy)
            {
                return;
            }
            if (deadline.Elapsed > timeout)
            {
                throw new ResourceStartException(resource.Process is null
                    ? $"{resource.Name}: {last.Description}"
                    : $"{resource.Name}: not healthy after {timeout.TotalSeconds:0} s: {last.Description}");
            }
            // Poll again soon, or at once when the process exits.
            await Task.WhenAny(exited, Task.Delay(options.StartProbeInterval, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var delay = options.InitialRestartDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            Task<int> exited;
            DateTimeOffset launchedAt;
            lock (_gate)
            {
                exited = _exited;
                launchedAt = _launchedAt;
            }
            int code;
            try
            {
                code = await exited.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (_stopping)
            {
                return;
            }

            if (DateTimeOffset.UtcNow - launchedAt >= options.StablePeriod)
            {
                delay = options.InitialRestartDelay;
            }
            var restart = Interlocked.Increment(ref _restarts);
            State = ResourceState.Restarting;
            _output.Warning(string.Create(CultureInfo.InvariantCulture,
                $"{resource.Name} exited with code {code}; restarting in {delay.TotalSeconds:0.#} s (restart {restart})"));
            try
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRestartDelay.Ticks));
            if (_stopping)
            {
                return;
            }
            try
            {
                Launch(resource.Process!);
                State = ResourceState.Starting;
            }
            catch (ResourceStartException ex)
            {
                _output.Warning(ex.Message);
                lock (_gate)
                {
                    _exited = Task.FromResult(-1);
                    _launchedAt = DateTimeOffset.UtcNow;
                }
            }
        }
    }

    private async Task MonitorHealthAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.HealthCheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_stopping || resource.HealthProbe is not { } probe || State == ResourceState.Restarting)
                {
                    continue;
                }
                var result = await probe.CheckAsync(cancellationToken).ConfigureAwait(false);
                if (_stopping || State == ResourceState.Restarting)
                {
                    continue;
                }
                var previous = State;
                if (result.IsHealthy && previous != ResourceState.Healthy)
                {
                    State = ResourceState.Healthy;
                    _output.Info(previous == ResourceState.Starting && _restarts > 0
                        ? $"{resource.Name} is healthy again after restart {_restarts} (pid {ProcessId})"
                        : $"{resource.Name} is healthy again");
                }
                else if (!result.IsHealthy && previous == ResourceState.Healthy)
                {
                    State = ResourceState.Unhealthy;
                    _output.Warning($"{resource.Name} is unhealthy: {result.Description}");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (Win32Exception)
        {
        }
    }

    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception) when (task.IsCompleted)
        {
            return true;
        }
    }
}
