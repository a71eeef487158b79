using System.Reflection;

namespace Antigravity.AppHost.Hosting;

/// <summary>
/// Where a service project lives and where its built DLL is, recorded at build time in this
/// assembly's metadata (see <c>RecordServiceProjects</c> in the csproj) — the role of Aspire's
/// generated <c>Projects.*</c> classes.
/// </summary>
public sealed record ProjectMetadata(string Name, string ProjectDirectory, string TargetPath)
{
    /// <summary>Reads the metadata recorded for the project named <paramref name="projectName"/>.</summary>
    public static ProjectMetadata For(string projectName)
    {
        var targetPath = Read($"Project.{projectName}.TargetPath");
        var directory = Read($"Project.{projectName}.ProjectDirectory");
        return new ProjectMetadata(projectName, directory, targetPath);
    }

    /// <summary>The AppHost's own project directory (where the repository is found from).</summary>
    public static string AppHostDirectory => Read("AppHost.ProjectDirectory");

    private static string Read(string key) =>
        typeof(ProjectMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"The AppHost was built without the '{key}' metadata; rebuild Antigravity.AppHost.");
}

/// <summary>The service projects the AppHost starts, like Aspire's generated <c>Projects</c> class.</summary>
public static class Projects
{
    /// <summary>src/Antigravity.AccountPool.</summary>
    public static ProjectMetadata AccountPool => ProjectMetadata.For("Antigravity.AccountPool");

    /// <summary>src/Antigravity.Gateway.</summary>
    public static ProjectMetadata Gateway => ProjectMetadata.For("Antigravity.Gateway");

    /// <summary>src/Antigravity.Dashboard.</summary>
    public static ProjectMetadata Dashboard => ProjectMetadata.For("Antigravity.Dashboard");

    /// <summary>src/Antigravity.UpstreamEmulator.</summary>
    public static ProjectMetadata UpstreamEmulator => ProjectMetadata.For("Antigravity.UpstreamEmulator");
}
