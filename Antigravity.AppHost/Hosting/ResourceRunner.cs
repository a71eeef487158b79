using System.Diagnostics;
using System.Globalization;

namespace Antigravity.AppHost.Hosting;

/// <summary>
/// Supervises one resource: launches its process (<see cref="ResourceProcess"/>), waits for it to be
/// healthy, then follows its health and restarts it with exponential backoff when it exits unexpectedly,
/// until it is stopped.
/// </summary>
internal sealed class ResourceRunner(Resource resource, DistributedApplicationOptions options)
{
    private readonly AppHostOutput _output = options.Output;
    private readonly TaskCompletionSource _firstHealthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();
    private ResourceProcess? _process;
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
        ResourceProcess? process;
        Task<int> exited;
        lock (_gate)
        {
            process = _process;
            exited = _exited;
        }

        if (process is not null && !exited.IsCompleted)
        {
            await process.StopAsync(grace, _output).ConfigureAwait(false);
        }

        StaleProcess.Forget(resource.Process?.PidFile);
        foreach (var task in new[] { _supervision, _monitor })
        {
            if (task is not null)
            {
                await task.CompletesWithinAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
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
        var launched = ResourceProcess.Start(resource, spec, _output);
        lock (_gate)
        {
            _process?.Dispose();
            _process = launched;
            _launched.Add(launched.Id);
            _exited = launched.Exited;
            _launchedAt = launched.LaunchedAt;
        }
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
}
