using System.Diagnostics;
using System.Text.Json;

namespace Antigravity.Testing;

/// <summary>
/// Locates the <c>garnet-server</c> local tool declared in the repository's <c>.config/dotnet-tools.json</c>.
/// The tool's assembly is started directly with <c>dotnet</c> (no <c>dotnet tool run</c> wrapper process),
/// so killing the process kills the server itself. Restores the tool once when it is missing.
/// </summary>
internal static class GarnetTool
{
    private static readonly Lock Gate = new();
    private static (string FileName, string[] Prefix, string Root)? s_resolved;

    public static (string FileName, string[] Prefix, string Root) Resolve()
    {
        lock (Gate)
        {
            return s_resolved ??= ResolveCore();
        }
    }

    private static (string, string[], string) ResolveCore()
    {
        var root = RepositoryRoot.Find();
        var version = ToolVersion(root);
        var dll = FindAssembly(version);
        if (dll is null)
        {
            Restore(root);
            dll = FindAssembly(version)
                ?? throw new InvalidOperationException(
                    $"`dotnet tool restore` ran in {root} but garnet-server {version} is still not in the NuGet package folder.");
        }
        // Roll forward as `dotnet tool run` does, in case the tool targets an older runtime than the one installed.
        return (DotnetHost(), ["--roll-forward", "Major", dll], root);
    }

    private static string ToolVersion(string root)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, ".config", "dotnet-tools.json")));
        return manifest.RootElement.GetProperty("tools").GetProperty("garnet-server").GetProperty("version").GetString()
            ?? throw new InvalidOperationException("garnet-server has no version in .config/dotnet-tools.json.");
    }

    private static string? FindAssembly(string version)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var tools = Path.Combine(packages, "garnet-server", version, "tools");
        if (!Directory.Exists(tools))
        {
            return null;
        }
        // The tool's own settings file names the entry point, as `dotnet tool run` reads it (the package also
        // carries a second copy under portable/, which is not the one the tool runs).
        foreach (var settings in Directory.EnumerateFiles(tools, "DotnetToolSettings.xml", SearchOption.AllDirectories))
        {
            var entryPoint = System.Xml.Linq.XDocument.Load(settings).Descendants("Command").FirstOrDefault()?.Attribute("EntryPoint")?.Value;
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
        using var process = Process.Start(new ProcessStartInfo(DotnetHost(), ["tool", "restore"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not start `dotnet tool restore`.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("`dotnet tool restore` did not finish within 3 minutes.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`dotnet tool restore` failed in {root}: {output.Result}{error.Result}");
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
