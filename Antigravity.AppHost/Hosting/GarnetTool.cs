using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;

namespace Antigravity.AppHost.Hosting;

/// <summary>
/// Finds Garnet through the repository's local tool manifest (<c>.config/dotnet-tools.json</c>), running
/// <c>dotnet tool restore</c> first when the package is missing. Garnet is then launched as its own DLL
/// so that its process is the resource's process (no <c>dotnet tool run</c> in between to outlive it).
/// </summary>
internal sealed record GarnetTool(string RepositoryRoot, string Command, IReadOnlyList<string> Arguments)
{
    private const string PackageId = "garnet-server";

    public static async Task<GarnetTool> LocateAsync(string resourceName, AppHostOutput output, CancellationToken cancellationToken)
    {
        var root = FindRepositoryRoot(ProjectMetadata.AppHostDirectory)
            ?? throw new ResourceStartException($"{resourceName}: no .config/dotnet-tools.json above {ProjectMetadata.AppHostDirectory}; use --redis redis-server or a connection string.");
        var version = ReadVersion(root)
            ?? throw new ResourceStartException($"{resourceName}: .config/dotnet-tools.json does not list {PackageId}.");

        if (FindEntryPoint(version) is not { } entryPoint)
        {
            output.Info($"{resourceName}: restoring the {PackageId} {version} local tool (dotnet tool restore)…");
            await RestoreAsync(resourceName, root, cancellationToken).ConfigureAwait(false);
            entryPoint = FindEntryPoint(version);
        }

        // Garnet targets an older runtime than the SDK's; roll forward as `dotnet tool run` does.
        return entryPoint is not null
            ? new GarnetTool(root, DotnetHost.Path, ["--roll-forward", "Major", entryPoint])
            : new GarnetTool(root, DotnetHost.Path, ["tool", "run", PackageId, "--"]);
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

    private static async Task RestoreAsync(string resourceName, string root, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(DotnetHost.Path)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("tool");
        startInfo.ArgumentList.Add("restore");
        using var process = Process.Start(startInfo)
            ?? throw new ResourceStartException($"{resourceName}: could not run dotnet tool restore.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            var text = (await stderr.ConfigureAwait(false)) + "\n" + (await stdout.ConfigureAwait(false));
            var last = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
            throw new ResourceStartException($"{resourceName}: dotnet tool restore failed (exit code {process.ExitCode}): {last}");
        }
    }
}
