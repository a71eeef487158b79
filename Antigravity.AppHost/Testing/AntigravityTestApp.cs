using Antigravity.AppHost.Hosting;

namespace Antigravity.AppHost.Testing;

/// <summary>
/// The AppHost's test entry point (the role of Aspire's <c>DistributedApplicationTestingBuilder</c>):
/// starts the same topology as <c>dotnet run --project Antigravity.AppHost</c>, on free ports with a
/// temporary data directory, waits until every resource is healthy, hands out an
/// <see cref="HttpClient"/> per resource, and stops every process on dispose.
/// </summary>
public sealed class AntigravityTestApp : IAsyncDisposable
{
    private static readonly string[] Services =
        [AntigravityTopology.AccountPoolName, AntigravityTopology.GatewayName, AntigravityTopology.DashboardName, AntigravityTopology.EmulatorName];

    private readonly AntigravityResources _resources;
    private readonly bool _ownsDataDirectory;
    private readonly string? _configuredPassword;
    private bool _disposed;

    private AntigravityTestApp(DistributedApplication application, AntigravityResources resources, string dataDirectory, bool ownsDataDirectory, string? configuredPassword)
    {
        Application = application;
        _resources = resources;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        _configuredPassword = configuredPassword;
    }

    /// <summary>The running application.</summary>
    public DistributedApplication Application { get; }

    /// <summary>Where Redis keeps its data.</summary>
    public string DataDirectory { get; }

    /// <summary>The connection string the services were given.</summary>
    public string RedisConnectionString => _resources.Redis.Resource.ConnectionString;

    /// <summary>Starts the topology and returns once every resource is healthy; throws <see cref="ResourceStartException"/> otherwise.</summary>
    public static async Task<AntigravityTestApp> StartAsync(Action<AntigravityTestOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new AntigravityTestOptions();
        configure?.Invoke(options);
        var ownsDataDirectory = options.DataDirectory is null;
        var dataDirectory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "antigravity-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDirectory);

        var environment = new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal);
        foreach (var service in Services.Concat(options.ResourceEnvironment.Keys).Distinct())
        {
            var merged = new Dictionary<string, string?>(Services.Contains(service) ? options.Environment : [], StringComparer.Ordinal);
            if (options.ResourceEnvironment.TryGetValue(service, out var specific))
            {
                foreach (var (name, value) in specific)
                {
                    merged[name] = value;
                }
            }
            environment[service] = merged;
        }

        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Output = new CapturedOutput(options.Echo),
            StartTimeout = options.StartTimeout,
        });
        var resources = builder.AddAntigravity(new AntigravityOptions
        {
            Port = 0,
            DashboardPort = 0,
            AllowLan = options.AllowLan,
            DataDirectory = dataDirectory,
            Emulator = options.Emulator,
            Redis = options.Redis switch
            {
                RedisKind.Garnet => "garnet",
                RedisKind.RedisServer => "redis-server",
                _ => options.RedisConnectionString ?? throw new ArgumentException("RedisKind.External needs RedisConnectionString.", nameof(configure)),
            },
            ResourceEnvironment = environment,
        });
        var application = builder.Build();
        options.Environment.TryGetValue("Dashboard__AdminPassword", out var configuredPassword);
        var app = new AntigravityTestApp(application, resources, dataDirectory, ownsDataDirectory, configuredPassword);
        try
        {
            await application.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return app;
    }

    /// <summary>The URL of a resource's endpoint, e.g. <c>http://127.0.0.1:41234</c> for <c>gateway</c>.</summary>
    public Uri GetEndpoint(string resource) =>
        Application.GetResource(resource).Endpoint?.Url ?? throw new InvalidOperationException($"{resource} has no endpoint.");

    /// <summary>An <see cref="HttpClient"/> whose base address is the resource's endpoint.</summary>
    public HttpClient CreateHttpClient(string resource) => new() { BaseAddress = GetEndpoint(resource), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Every line the resource wrote so far (<c>apphost</c> for the AppHost's own messages).</summary>
    public IReadOnlyList<string> GetLogs(string resource) => Application.Output.Logs.Get(resource);

    /// <summary>What the resource is doing now.</summary>
    public ResourceState GetState(string resource) => Application.GetState(resource);

    /// <summary>The resource's process id while it runs.</summary>
    public int? GetProcessId(string resource) => Application.GetProcessId(resource);

    /// <summary>Every process id the application ever started.</summary>
    public IReadOnlyList<int> LaunchedProcessIds => Application.GetLaunchedProcessIds();

    /// <summary>SIGKILL to the resource's process, as <c>kill -9</c>; returns once that process is gone.</summary>
    public async Task KillResourceAsync(string resource, CancellationToken cancellationToken = default)
    {
        var pid = GetProcessId(resource) ?? throw new InvalidOperationException($"{resource} has no running process.");
        Application.KillResource(resource);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (ProcessSignals.IsAlive(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{resource} (pid {pid}) survived SIGKILL for 10 s.");
            }
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the AppHost sees the resource in <paramref name="state"/>.</summary>
    public Task WaitForResourceAsync(string resource, ResourceState state, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Application.WaitForStateAsync(resource, current => current == state, timeout ?? TimeSpan.FromSeconds(60), cancellationToken);

    /// <summary>The proxy API key and dashboard password as stored (waiting up to <paramref name="timeout"/> for them).</summary>
    public Task<AntigravityCredentials> ReadCredentialsAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        AntigravityCredentials.ReadAsync(_resources.Redis.Resource, _configuredPassword, timeout ?? TimeSpan.FromSeconds(20), cancellationToken);

    /// <summary>Stops every process (and deletes the temporary data directory unless one was given).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await Application.StopAsync().ConfigureAwait(false);
        // A safety net: nothing this test started may outlive it.
        foreach (var pid in LaunchedProcessIds.Where(ProcessSignals.IsAlive))
        {
            ProcessSignals.Send(pid, ProcessSignals.SigKill);
        }
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temporary directory is cleaned by the OS eventually.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
