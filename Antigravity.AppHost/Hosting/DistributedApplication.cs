using System.Runtime.InteropServices;

namespace Antigravity.AppHost.Hosting;

/// <summary>
/// A built resource graph that runs: ports checked and allocated, each resource started once what
/// it waits for is healthy, supervised while running, and stopped in reverse start order.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly IReadOnlyList<Func<DistributedApplication, CancellationToken, Task>> _onReady;
    private readonly Dictionary<string, ResourceRunner> _runners;
    private readonly List<ResourceRunner> _startOrder = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _stopGate = new(1, 1);
    private bool _stopped;

    internal DistributedApplication(
        IReadOnlyList<Resource> resources,
        DistributedApplicationOptions options,
        IReadOnlyList<Func<DistributedApplication, CancellationToken, Task>> onReady)
    {
        Resources = resources;
        Options = options;
        _onReady = onReady;
        _runners = resources.ToDictionary(resource => resource.Name, resource => new ResourceRunner(resource, options), StringComparer.Ordinal);
        foreach (var runner in _runners.Values)
        {
            runner.StateChanged += (_, _) => StateChanged?.Invoke();
        }
    }

    /// <summary>Creates a builder (the AppHost's <c>Program.cs</c> starts here).</summary>
    public static DistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions? options = null) =>
        new(options ?? new DistributedApplicationOptions());

    /// <summary>The resources, in declaration order.</summary>
    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>Orchestrator settings.</summary>
    public DistributedApplicationOptions Options { get; }

    /// <summary>Output and captured logs.</summary>
    public AppHostOutput Output => Options.Output;

    /// <summary>Raised when any resource changes state.</summary>
    internal event Action? StateChanged;

    /// <summary>The resource named <paramref name="name"/>.</summary>
    public Resource GetResource(string name) => Runner(name).Resource;

    /// <summary>What the resource is doing now.</summary>
    public ResourceState GetState(string name) => Runner(name).State;

    /// <summary>Its process id while it runs.</summary>
    public int? GetProcessId(string name) => Runner(name).ProcessId;

    /// <summary>Every process id any resource ever had (restarts included), to check none survives.</summary>
    public IReadOnlyList<int> GetLaunchedProcessIds() => [.. _runners.Values.SelectMany(runner => runner.LaunchedProcessIds)];

    /// <summary>How many times it was restarted after a crash.</summary>
    public int GetRestartCount(string name) => Runner(name).Restarts;

    /// <summary>SIGKILL to the resource's process (as <c>kill -9</c> would); the AppHost then restarts it.</summary>
    public bool KillResource(string name) => Runner(name).Kill();

    /// <summary>
    /// Starts everything; returns once every resource is healthy and the ready callbacks ran.
    /// On a failure, stops what was started and throws <see cref="ResourceStartException"/>.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        AllocatePorts();
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ResourceStartException? failure = null;
        var tasks = _runners.Values.Select(runner => Task.Run(async () =>
        {
            try
            {
                var dependencies = runner.Resource.WaitsFor.Select(dependency => _runners[dependency.Name].FirstHealthy);
                await Task.WhenAll(dependencies).WaitAsync(startup.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    _startOrder.Add(runner);
                }
                await runner.StartAsync(startup.Token).ConfigureAwait(false);
            }
            catch (ResourceStartException ex)
            {
                Interlocked.CompareExchange(ref failure, ex, null);
                await startup.CancelAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.CompareExchange(ref failure, new ResourceStartException($"{runner.Resource.Name}: {ex.Message}"), null);
                await startup.CancelAsync().ConfigureAwait(false);
            }
        }, CancellationToken.None)).ToList();

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (failure is not null || cancellationToken.IsCancellationRequested)
        {
            // Reported below.
        }

        if (failure is not null || cancellationToken.IsCancellationRequested)
        {
            await StopAsync().ConfigureAwait(false);
            if (failure is not null)
            {
                throw failure;
            }
            cancellationToken.ThrowIfCancellationRequested();
        }

        foreach (var callback in _onReady)
        {
            await callback(this, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs until SIGINT or SIGTERM (or <paramref name="cancellationToken"/>), then stops every child.
    /// Returns the process exit code: 0 after a requested stop, 1 when a resource failed to start.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (stop.IsCancellationRequested)
            {
                Output.Warning("Second stop signal: killing every child now.");
                KillAll();
                return;
            }
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        // The terminal went away: children run in their own sessions and would not notice.
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);

        try
        {
            await StartAsync(stop.Token).ConfigureAwait(false);
        }
        catch (ResourceStartException ex)
        {
            Output.Error(ex.Message);
            return 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Output.Info("Stopped before everything was up.");
            return 0;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        Output.Info("Stopping…");
        await StopAsync().ConfigureAwait(false);
        Output.Info("Stopped.");
        return 0;
    }

    /// <summary>Stops every started resource in reverse start order (SIGTERM, then kill after the grace period).</summary>
    public async Task StopAsync()
    {
        await _stopGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stopped)
            {
                return;
            }
            _stopped = true;
            List<ResourceRunner> order;
            lock (_gate)
            {
                order = [.. _startOrder];
            }
            order.Reverse();
            // Every child is told first that exits are expected now: a terminal's Ctrl+C reaches them too.
            foreach (var runner in _runners.Values)
            {
                runner.BeginStop();
            }
            foreach (var runner in order)
            {
                await runner.StopAsync(Options.StopTimeout).ConfigureAwait(false);
            }
        }
        finally
        {
            _stopGate.Release();
        }
    }

    /// <summary>Waits until <paramref name="name"/> reaches a state <paramref name="predicate"/> accepts.</summary>
    public async Task WaitForStateAsync(string name, Func<ResourceState, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var runner = Runner(name);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(ResourceRunner _, ResourceState state)
        {
            if (predicate(state))
            {
                changed.TrySetResult();
            }
        }
        runner.StateChanged += OnChanged;
        try
        {
            if (predicate(runner.State))
            {
                return;
            }
            try
            {
                await changed.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{name} did not reach the expected state within {timeout.TotalSeconds:0} s (it is {runner.State}).");
            }
        }
        finally
        {
            runner.StateChanged -= OnChanged;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void AllocatePorts()
    {
        // User-chosen ports first: a taken one fails the start before anything runs.
        foreach (var resource in Resources)
        {
            if (resource.Endpoint is { IsFixed: true } endpoint && resource.Process is not null && !PortChecks.IsFree(endpoint.BindHost, endpoint.Port))
            {
                throw new ResourceStartException(PortChecks.BindFailure(resource.Name, endpoint));
            }
        }
        var taken = Resources.Where(resource => resource.Endpoint is { Port: > 0 }).Select(resource => resource.Endpoint!.Port).ToHashSet();
        foreach (var resource in Resources)
        {
            if (resource.Endpoint is { Port: 0 } endpoint)
            {
                int port;
                do
                {
                    port = PortChecks.PickFreePort(endpoint.BindHost);
                }
                while (!taken.Add(port));
                endpoint.Port = port;
            }
        }
    }

    private void KillAll()
    {
        foreach (var runner in _runners.Values)
        {
            if (runner.ProcessId is { } pid)
            {
                foreach (var child in ProcessSignals.Descendants(pid))
                {
                    ProcessSignals.Send(child, ProcessSignals.SigKill);
                }
                ProcessSignals.Send(pid, ProcessSignals.SigKill);
            }
        }
    }

    private ResourceRunner Runner(string name) =>
        _runners.TryGetValue(name, out var runner) ? runner : throw new KeyNotFoundException($"No resource named '{name}'.");
}
