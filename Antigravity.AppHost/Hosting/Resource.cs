namespace Antigravity.AppHost.Hosting;

/// <summary>
/// One thing the AppHost runs or depends on: a process it starts (a project, Redis) or an existing
/// server it only checks (an external Redis). Declared once in the resource graph; the
/// <see cref="DistributedApplication"/> turns it into a supervised process.
/// </summary>
public class Resource
{
    /// <summary>Creates a resource named <paramref name="name"/> (lowercase, used in logs and references).</summary>
    public Resource(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>Name shown as the log prefix and used in <c>ConnectionStrings__name</c> / <c>services__name__…</c>.</summary>
    public string Name { get; }

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public List<Resource> WaitsFor { get; } = [];

    /// <summary>Environment given to the process, evaluated when it starts (ports are known by then).</summary>
    public Dictionary<string, Func<string?>> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Where it listens; null when it listens nowhere.</summary>
    public ResourceEndpoint? Endpoint { get; set; }

    /// <summary>How to start it; null for a resource the AppHost does not start.</summary>
    public ProcessSpec? Process { get; set; }

    /// <summary>Decides when it is healthy; null means "healthy once started".</summary>
    public IHealthProbe? HealthProbe { get; set; }

    /// <summary>A short description for the start-up summary (e.g. <c>Garnet</c>).</summary>
    public string Description { get; set; } = "";
}

/// <summary>A resource other resources reach through a connection string (<c>ConnectionStrings__name</c>).</summary>
public interface IResourceWithConnectionString
{
    /// <summary>Name of the resource (the connection name).</summary>
    string Name { get; }

    /// <summary>The connection string, valid once the application has started.</summary>
    string ConnectionString { get; }
}

/// <summary>A .NET service project, launched as its built DLL.</summary>
public sealed class ProjectResource(string name, ProjectMetadata project) : Resource(name)
{
    /// <summary>The project's directory and built DLL.</summary>
    public ProjectMetadata Project { get; } = project;
}

/// <summary>How a resource's process is launched.</summary>
public sealed class ProcessSpec
{
    /// <summary>Executable (a path or a name found on PATH).</summary>
    public required string Command { get; set; }

    /// <summary>Arguments, evaluated when it starts.</summary>
    public List<Func<string>> Arguments { get; } = [];

    /// <summary>Working directory.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>
    /// A file that records the process id while it runs. A process still running under the recorded id
    /// with this file's directory on its command line is left over from an AppHost that was killed; it
    /// is stopped before a new one starts, so two servers never share one data directory.
    /// </summary>
    public string? PidFile { get; set; }

    /// <summary>
    /// Runs once before the first start (restore a tool, create the data directory, resolve the
    /// command); throw <see cref="ResourceStartException"/> to fail the start with a clear sentence.
    /// </summary>
    public Func<ProcessSpec, CancellationToken, Task>? BeforeFirstStartAsync { get; set; }
}

/// <summary>An HTTP or TCP endpoint of a resource.</summary>
public sealed class ResourceEndpoint
{
    /// <summary>Address the server binds (<c>127.0.0.1</c>, or <c>0.0.0.0</c> for LAN access).</summary>
    public string BindHost { get; set; } = "127.0.0.1";

    /// <summary>Port; 0 until a free one is picked when the application starts.</summary>
    public int Port { get; set; }

    /// <summary>True when the port was asked for by the user (checked, never replaced).</summary>
    public bool IsFixed { get; set; }

    /// <summary>URI scheme (<c>http</c>, or <c>tcp</c> for Redis).</summary>
    public string Scheme { get; set; } = "http";

    /// <summary>The host clients on this machine use.</summary>
    public string ClientHost => BindHost is "0.0.0.0" or "*" or "+" ? "127.0.0.1" : BindHost;

    /// <summary>The URL clients on this machine use, e.g. <c>http://127.0.0.1:8045</c>.</summary>
    public Uri Url => new($"{Scheme}://{ClientHost}:{Port}");

    /// <summary>What a server binds, e.g. <c>http://127.0.0.1:8045</c>.</summary>
    public string BindUrl => $"{Scheme}://{BindHost}:{Port}";

    /// <summary><c>host:port</c> as bound, for messages.</summary>
    public string BindAddress => $"{BindHost}:{Port}";
}

/// <summary>A start failure with a sentence that says which resource failed and why.</summary>
public sealed class ResourceStartException(string message) : Exception(message);
