namespace Antigravity.AppHost.Hosting;

/// <summary>Declares the resources of a distributed application (the role of Aspire's builder).</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly List<Func<DistributedApplication, CancellationToken, Task>> _onReady = [];

    internal DistributedApplicationBuilder(DistributedApplicationOptions options) => Options = options;

    /// <summary>Orchestrator settings.</summary>
    public DistributedApplicationOptions Options { get; }

    /// <summary>The resources declared so far, in declaration order.</summary>
    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>Adds a resource; names are unique.</summary>
    public IResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_resources.Any(existing => existing.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }
        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    /// <summary>
    /// Adds a .NET project, launched as <c>dotnet &lt;its DLL&gt;</c> in its project directory, with
    /// Aspire's conventions: <c>ASPNETCORE_URLS</c> on a free port (or the one given with
    /// <see cref="ResourceBuilderExtensions.WithHttpEndpoint{T}"/>), <c>ASPNETCORE_ENVIRONMENT=Development</c>,
    /// <c>OTEL_SERVICE_NAME</c>, the OTLP endpoint when set, and readiness by <c>GET /health</c>.
    /// </summary>
    public IResourceBuilder<ProjectResource> AddProject(string name, ProjectMetadata project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var spec = new ProcessSpec
        {
            Command = DotnetHost.Path,
            WorkingDirectory = project.ProjectDirectory,
            BeforeFirstStartAsync = (_, _) => File.Exists(project.TargetPath)
                ? Task.CompletedTask
                : throw new ResourceStartException($"{name}: {project.TargetPath} does not exist; build Antigravity.AppHost first."),
        };
        spec.Arguments.Add(() => project.TargetPath);
        var resource = new ProjectResource(name, project) { Process = spec, Description = project.Name };
        var endpoint = resource.Endpoint = new ResourceEndpoint();
        resource.HealthProbe = new HttpHealthProbe(endpoint);

        var builder = AddResource(resource)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
            .WithEnvironment("ASPNETCORE_URLS", () => endpoint.BindUrl)
            .WithEnvironment("OTEL_SERVICE_NAME", name)
            .WithEnvironment("ANTIGRAVITY_APPHOST_PID", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            // One line per log entry, so every line carries the resource prefix.
            .WithEnvironment("Logging__Console__FormatterName", "simple")
            .WithEnvironment("Logging__Console__FormatterOptions__SingleLine", "true");
        // Health probes run every few seconds: keep ASP.NET Core's per-request lines out of the console
        // unless the user asked for them.
        if (Environment.GetEnvironmentVariable("Logging__LogLevel__Microsoft.AspNetCore") is null)
        {
            builder.WithEnvironment("Logging__LogLevel__Microsoft.AspNetCore", "Warning");
        }
        foreach (var variable in new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_RESOURCE_ATTRIBUTES" })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                builder.WithEnvironment(variable, value);
            }
        }
        return builder;
    }

    /// <summary>Runs <paramref name="callback"/> once every resource is healthy (e.g. to print the URLs).</summary>
    public void OnReady(Func<DistributedApplication, CancellationToken, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _onReady.Add(callback);
    }

    /// <summary>Freezes the graph.</summary>
    public DistributedApplication Build()
    {
        for (var i = 0; i < _resources.Count; i++)
        {
            foreach (var dependency in _resources[i].WaitsFor)
            {
                if (_resources.IndexOf(dependency) is var index && (index < 0 || index >= i))
                {
                    throw new InvalidOperationException($"'{_resources[i].Name}' waits for '{dependency.Name}', which must be added before it.");
                }
            }
        }
        Options.Output.NameWidth = _resources.Count == 0 ? 0 : _resources.Max(resource => resource.Name.Length);
        return new DistributedApplication([.. _resources], Options, [.. _onReady]);
    }
}
