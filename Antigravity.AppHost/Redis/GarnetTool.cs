using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;

namespace Antigravity.AppHost.Redis;

/// <summary>
/// Finds Garnet through the repository's local tool manifest (<c>.config/dotnet-tools.json</c>), running
/// <c>dotnet tool restore</c> first when the package is missing. Garnet is then launched as its own DLL
/// (<c>dotnet --roll-forward Major garnet-server.dll</c>), so its process is the resource's process.
/// </summary>
public sealed record GarnetTool(string EntryPoint)
{
    private const string PackageId = "garnet-server";

    /// <summary>The dotnet host that runs Garnet (the one running this AppHost when known).</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The arguments before Garnet's own: roll forward as <c>dotnet tool run</c> does, then the DLL.</summary>
    public IReadOnlyList<string> HostArguments => ["--roll-forward", "Major", EntryPoint];

    /// <summary>The tool, restored when missing; throws <see cref="InvalidOperationException"/> with the reason otherwise.</summary>
    public static GarnetTool Locate()
    {
        var root = FindRepositoryRoot(AppContext.BaseDirectory) ?? FindRepositoryRoot(Environment.CurrentDirectory)
            ?? throw new InvalidOperationException("no .config/dotnet-tools.json above the AppHost; use --redis redis-server or a connection string");
        var version = ReadVersion(root)
            ?? throw new InvalidOperationException($".config/dotnet-tools.json in {root} does not list {PackageId}");
        if (FindEntryPoint(version) is { } entryPoint)
        {
            return new GarnetTool(entryPoint);
        }
        Console.WriteLine($"redis: restoring the {PackageId} {version} local tool (dotnet tool restore)…");
        Restore(root);
        return FindEntryPoint(version) is { } restored
            ? new GarnetTool(restored)
            : throw new InvalidOperationException($"dotnet tool restore finished but {PackageId} {version} is not in the NuGet cache");
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, ".config", "dotnet-tools.json")))
            {
                return directory.FullName;
            }
        }
        return null;
    }

    private static string? ReadVersion(string root)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, ".config", "dotnet-tools.json")));
        return manifest.RootElement.TryGetProperty("tools", out var tools)
            && tools.TryGetProperty(PackageId, out var tool)
            && tool.TryGetProperty("version", out var version)
            ? version.GetString()
            : null;
    }

    private static string? FindEntryPoint(string version)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var tools = Path.Combine(packages, PackageId, version.ToLowerInvariant(), "tools");
        if (!Directory.Exists(tools))
        {
            return null;
        }
        foreach (var settings in Directory.EnumerateFiles(tools, "DotnetToolSettings.xml", SearchOption.AllDirectories).Order())
        {
            var entryPoint = XDocument.Load(settings).Descendants("Command").FirstOrDefault()?.Attribute("EntryPoint")?.Value;
            var path = entryPoint is null ? null : Path.Combine(Path.GetDirectoryName(settings)!, entryPoint);
            if (path is not null && File.Exists(path))
            {
                return path;
            }
        }
        return null;
    }

    private static void Restore(string root)
    {
        var startInfo = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("tool");
        startInfo.ArgumentList.Add("restore");
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not run dotnet tool restore");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("dotnet tool restore did not finish within 3 minutes");
        }
        if (process.ExitCode != 0)
        {
            var last = (stderr + "\n" + stdout.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
            throw new InvalidOperationException($"dotnet tool restore failed (exit code {process.ExitCode}): {last}");
        }
    }
}
