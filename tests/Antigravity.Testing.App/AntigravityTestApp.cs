using System.Collections.Concurrent;
using System.Globalization;
using Antigravity.AppHost;
using Antigravity.AppHost.Supervision;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using InternalCredential = Antigravity.Contracts.Internal.InternalApiKey;

namespace Antigravity.Testing.App;

/// <summary>
/// The whole application under test: <c>Antigravity.AppHost</c> started through Aspire's
/// <see cref="DistributedApplicationTestingBuilder"/> — the same resource graph as
/// <c>dotnet run --project Antigravity.AppHost</c>, on free ports with a temporary data directory. Returns
/// once every resource is healthy; hands out an <see cref="HttpClient"/> per resource; on dispose stops
/// the application and makes sure none of its processes is left.
/// </summary>
public sealed class AntigravityTestApp : IAsyncDisposable
{
    /// <summary>Every process of one test application carries this variable, with the application's id.</summary>
    public const string MarkerVariable = "ANTIGRAVITY_TEST_APP";

    private readonly DistributedApplication _application;
    private readonly bool _ownsDataDirectory;
    private readonly string? _configuredPassword;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _logs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private bool _disposed;

    private AntigravityTestApp(DistributedApplication application, string id, string dataDirectory, bool ownsDataDirectory, string? configuredPassword, string? aspireDashboardApiKey)
    {
        _application = application;
        Id = id;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        _configuredPassword = configuredPassword;
        AspireDashboardApiKey = aspireDashboardApiKey;
    }

    /// <summary>This application's id (the value of <see cref="MarkerVariable"/> in each of its processes).</summary>
    public string Id { get; }

    /// <summary>Where Redis keeps its data.</summary>
    public string DataDirectory { get; }

    /// <summary>The key of the Aspire dashboard's telemetry API, when the dashboard runs.</summary>
    public string? AspireDashboardApiKey { get; }

    /// <summary>The running Aspire application (its services: notifications, logs, commands).</summary>
    public DistributedApplication Application => _application;

    /// <summary>The connection string the services were given (with the Redis password).</summary>
    public string RedisConnectionString { get; private set; } = "";

    /// <summary>The credential the services hold for one another's internal API (<c>Internal__ApiKey</c>), new at each start.</summary>
    public string InternalApiKey { get; private set; } = "";

    /// <summary>Starts the application and returns once every resource is healthy; throws with the AppHost's own diagnosis otherwise.</summary>
    public static async Task<AntigravityTestApp> StartAsync(Action<AntigravityTestOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new AntigravityTestOptions();
        configure?.Invoke(options);
        var id = Guid.NewGuid().ToString("N")[..12];
        var ownsDataDirectory = options.DataDirectory is null;
        var dataDirectory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "antigravity-test-" + id);
        Directory.CreateDirectory(dataDirectory);
        var apiKey = options.AspireDashboard ? Guid.NewGuid().ToString("N") : null;

        string[] args =
        [
            "--AppHost:Port=0",
            "--AppHost:DashboardPort=0",
            "--AppHost:AspireDashboardPort=0",
            $"--AppHost:DataDir={dataDirectory}",
            $"--AppHost:Emulator={options.Emulator}",
            $"--AppHost:AllowLan={options.AllowLan}",
            string.Create(CultureInfo.InvariantCulture, $"--AppHost:GatewayReplicas={options.GatewayReplicas}"),
            $"--AppHost:Redis={options.Redis switch
            {
                RedisKind.Garnet => "garnet",
                RedisKind.RedisServer => "redis-server",
                _ => options.RedisConnectionString ?? throw new ArgumentException("RedisKind.External needs RedisConnectionString.", nameof(configure)),
            }}",
            // Stopping returns at once; Dispose removes what DCP has not yet (see KillLeftovers).
            "--DcpPublisher:WaitForResourceCleanup=false",
            .. apiKey is null ? Array.Empty<string>() : [$"--AppHost:DashboardApiKey={apiKey}"],
        ];
        // What the AppHost checks before it builds anything (a port in use, redis-server missing…), said as it says it.
        if (await StartChecks.FirstProblemAsync(new AntigravityOptions
        {
            Port = 0,
            DashboardPort = 0,
            DataDirectory = dataDirectory,
            Redis = args.First(arg => arg.StartsWith("--AppHost:Redis=", StringComparison.Ordinal))["--AppHost:Redis=".Length..],
        }, _ => { }).ConfigureAwait(false) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Antigravity_AppHost>(
            args,
            (appOptions, _) =>
            {
                appOptions.DisableDashboard = !options.AspireDashboard;
                appOptions.AllowUnsecuredTransport = true;
            },
            cancellationToken).ConfigureAwait(false);

        foreach (var resource in builder.Resources.OfType<IResourceWithEnvironment>().ToList())
        {
            var environment = new Dictionary<string, string?>(resource is ProjectResource ? options.Environment : [], StringComparer.Ordinal)
            {
                [MarkerVariable] = id,
            };
            if (options.ResourceEnvironment.TryGetValue(resource.Name, out var specific))
            {
                foreach (var (name, value) in specific)
                {
                    environment[name] = value;
                }
            }
            builder.CreateResourceBuilder(resource).WithEnvironment(context =>
            {
                foreach (var (name, value) in environment)
                {
                    if (value is null)
                    {
                        context.EnvironmentVariables.Remove(name);
                    }
                    else
                    {
                        context.EnvironmentVariables[name] = value;
                    }
                }
            });
        }

        var application = await builder.BuildAsync(cancellationToken).ConfigureAwait(false);
        options.Environment.TryGetValue("Dashboard__AdminPassword", out var configuredPassword);
        var app = new AntigravityTestApp(application, id, dataDirectory, ownsDataDirectory, configuredPassword, apiKey);
        try
        {
            app.CollectLogs();
            await application.StartAsync(cancellationToken).ConfigureAwait(false);
            var watch = application.Services.GetRequiredService<StartupWatch>();
            try
            {
                await watch.Ready.WaitAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
            {
                throw new InvalidOperationException(watch.Failure ?? $"The application was not healthy within {options.StartTimeout.TotalSeconds:F0} s.", ex);
            }
            app.RedisConnectionString = await application.GetConnectionStringAsync(AntigravityTopology.RedisName, cancellationToken).ConfigureAwait(false) ?? "";
            app.InternalApiKey = await application.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
                .Single(parameter => parameter.Name == AntigravityTopology.InternalApiKeyName).GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "";
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return app;
    }

    /// <summary>The URL of a resource's endpoint, e.g. <c>http://127.0.0.1:41234</c> for <c>gateway</c>.</summary>
    public Uri GetEndpoint(string resource)
    {
        var endpoint = _application.GetEndpoint(resource, "http");
        return new Uri($"http://127.0.0.1:{endpoint.Port}");
    }

    /// <summary>An <see cref="HttpClient"/> whose base address is the resource's endpoint.</summary>
    public HttpClient CreateHttpClient(string resource) => new() { BaseAddress = GetEndpoint(resource), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client of the dashboard's admin API, signed in with the admin password as a bearer token.</summary>
    /// <remarks>The password is printed (and readable here) at the first start on a data directory only.</remarks>
    public async Task<HttpClient> CreateAdminClientAsync() =>
        CreateAdminClient((await ReadCredentialsAsync().ConfigureAwait(false)).AdminPassword
            ?? throw new InvalidOperationException("The admin password was set by an earlier start; pass it to CreateAdminClient."));

    /// <summary>A client of the dashboard's admin API, signed in with <paramref name="password"/>.</summary>
    public HttpClient CreateAdminClient(string password)
    {
        var client = CreateHttpClient(AntigravityTopology.DashboardName);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", password);
        return client;
    }

    /// <summary>
    /// An <see cref="HttpClient"/> to the resource that sends the services' internal credential, as the gateway and the
    /// dashboard do when they call the account pool's <c>/internal/…</c> API.
    /// </summary>
    public HttpClient CreateInternalClient(string resource)
    {
        var client = CreateHttpClient(resource);
        client.DefaultRequestHeaders.Add(InternalCredential.HeaderName, InternalApiKey);
        return client;
    }

    /// <summary>Every line the resource (all its replicas) wrote so far, including the AppHost's notes about it.</summary>
    public IReadOnlyList<string> GetLogs(string resource) =>
        [.. _logs.Where(entry => ResourceNameOf(entry.Key) == resource).SelectMany(entry => entry.Value)];

    /// <summary>The state the AppHost last saw for the resource (its first replica), e.g. <c>Running</c>.</summary>
    public string? GetState(string resource) =>
        Notifications.TryGetCurrentState(InstanceIds(resource).FirstOrDefault() ?? resource, out var update) ? update.Snapshot.State?.Text : null;

    /// <summary>The names of the resources <paramref name="resource"/> waits for before it starts.</summary>
    public IReadOnlyList<string> WaitsFor(string resource) =>
        [.. _application.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Single(candidate => candidate.Name == resource)
            .Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The process id of the service itself (not the <c>dotnet run</c> that DCP starts it with), while it runs.</summary>
    public int? GetProcessId(string resource) => GetProcessIds(resource).FirstOrDefault() is var pid and > 0 ? pid : null;

    /// <summary>The service process of each replica of the resource (its built executable, never DCP's <c>dotnet run</c> around it).</summary>
    public IReadOnlyList<int> GetProcessIds(string resource) =>
        [.. ProcessTable.WithEnvironment(MarkerVariable, Id).Where(pid => IsProcessOf(resource, pid))];

    /// <summary>Every live process of this application.</summary>
    public IReadOnlyList<int> LiveProcessIds => ProcessTable.WithEnvironment(MarkerVariable, Id);

    /// <summary>SIGKILL to the resource's service process, as <c>kill -9</c>; returns once that process is gone.</summary>
    public async Task KillResourceAsync(string resource, CancellationToken cancellationToken = default)
    {
        var pid = GetProcessId(resource) ?? throw new InvalidOperationException($"{resource} has no running process.");
        ProcessTable.Kill(pid);
        await Eventually.WaitUntilAsync(() => !ProcessTable.IsAlive(pid), TimeSpan.FromSeconds(10), $"{resource} (pid {pid}) to be gone after SIGKILL").ConfigureAwait(false);
    }

    /// <summary>Waits until the AppHost sees the resource in <paramref name="state"/> (a <see cref="KnownResourceStates"/> value).</summary>
    public async Task WaitForResourceAsync(string resource, string state, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await Notifications.WaitForResourceAsync(resource, state, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{resource} did not reach {state} (it is {GetState(resource) ?? "unknown"}).");
        }
    }

    /// <summary>Waits until the resource (every replica) is running and healthy.</summary>
    public async Task WaitForHealthyAsync(string resource, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await Notifications.WaitForResourceHealthyAsync(resource, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{resource} did not become healthy (it is {GetState(resource) ?? "unknown"}).");
        }
    }

    /// <summary>The proxy API key and dashboard password as stored (waiting up to <paramref name="timeout"/> for them).</summary>
    public Task<AntigravityCredentials> ReadCredentialsAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        AntigravityCredentials.ReadAsync(RedisConnectionString, _configuredPassword, _application.Services.GetRequiredService<AppHostSecrets>(),
            timeout ?? TimeSpan.FromSeconds(20), cancellationToken);

    /// <summary>Stops the application, removes any of its processes still alive, and deletes the temporary data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _application.StopAsync().WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        await _application.DisposeAsync().ConfigureAwait(false);
        KillLeftovers();
        _stopping.Dispose();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file still held open; the temporary directory is cleaned by the OS eventually.
            }
        }
    }

    // DCP stops the processes in the background after StopAsync returns (WaitForResourceCleanup=false):
    // the next test must not meet them, and Redis must not hold the data directory.
    private void KillLeftovers()
    {
        foreach (var pid in LiveProcessIds)
        {
            ProcessTable.Kill(pid);
        }
    }

    private ResourceNotificationService Notifications => _application.Services.GetRequiredService<ResourceNotificationService>();

    /// <summary>The ids of the resource's instances as the AppHost knows them (e.g. <c>gateway-x1y2z3</c>, one per replica).</summary>
    public IReadOnlyList<string> InstanceIds(string resource) =>
        [.. _logs.Keys.Where(id => ResourceNameOf(id) == resource).Order(StringComparer.Ordinal)];

    private static readonly string[] Names =
        [AntigravityTopology.RedisName, AntigravityTopology.EmulatorName, AntigravityTopology.AccountPoolName, AntigravityTopology.GatewayName, AntigravityTopology.DashboardName];

    // "gateway" or a replica's "gateway-x1y2z3".
    private static string ResourceNameOf(string resourceId) =>
        Names.FirstOrDefault(name => resourceId == name || resourceId.StartsWith(name + "-", StringComparison.Ordinal)) ?? resourceId;

    private static readonly Dictionary<string, string> Executables = new(StringComparer.Ordinal)
    {
        [AntigravityTopology.EmulatorName] = "Antigravity.UpstreamEmulator",
        [AntigravityTopology.AccountPoolName] = "Antigravity.AccountPool",
        [AntigravityTopology.GatewayName] = "Antigravity.Gateway",
        [AntigravityTopology.DashboardName] = "Antigravity.Dashboard",
    };

    // A service is its own built executable (bin/…/Antigravity.Gateway); Redis is the server started on this data directory.
    private bool IsProcessOf(string resource, int pid)
    {
        string[] commandLine;
        try
        {
            commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return false;
        }
        return Executables.TryGetValue(resource, out var executable)
            ? commandLine.Length > 0 && commandLine[0].EndsWith("/" + executable, StringComparison.Ordinal)
            : resource == AntigravityTopology.RedisName && commandLine.Any(argument => argument.StartsWith(DataDirectory, StringComparison.Ordinal));
    }

    private void CollectLogs()
    {
        var notifications = Notifications;
        var loggers = _application.Services.GetRequiredService<ResourceLoggerService>();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var update in notifications.WatchAsync(_stopping.Token).ConfigureAwait(false))
                {
                    var lines = new ConcurrentQueue<string>();
                    if (_logs.TryAdd(update.ResourceId, lines))
                    {
                        _ = KeepAsync(loggers, update.ResourceId, lines);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    // DCP prefixes each captured line with its time ("2026-12-02T12:47:45.4695523Z ").
    private static string WithoutTimestamp(string line) =>
        line.Length > 21 && line[4] == '-' && line[10] == 'T' && line.IndexOf("Z ", 19, StringComparison.Ordinal) is var end and > 0 and < 40
            ? line[(end + 2)..]
            : line;

    private async Task KeepAsync(ResourceLoggerService loggers, string resourceId, ConcurrentQueue<string> lines)
    {
        try
        {
            await foreach (var batch in loggers.WatchAsync(resourceId).WithCancellation(_stopping.Token).ConfigureAwait(false))
            {
                foreach (var line in batch)
                {
                    lines.Enqueue(WithoutTimestamp(line.Content));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
