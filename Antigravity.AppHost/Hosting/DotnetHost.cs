namespace Antigravity.AppHost.Hosting;

/// <summary>Finds the <c>dotnet</c> executable the services and Garnet are launched with.</summary>
internal static class DotnetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        // Running as "dotnet Antigravity.AppHost.dll": the same host.
        if (Environment.ProcessPath is { } self && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }
        foreach (var variable in new[] { "DOTNET_HOST_PATH" })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path && File.Exists(path))
            {
                return path;
            }
        }
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(System.IO.Path.Combine(root, executable)))
        {
            return System.IO.Path.Combine(root, executable);
        }
        // The AppHost's own apphost executable runs on the shared runtime under <root>/shared/Microsoft.NETCore.App/<version>.
        var runtimeDirectory = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(runtimeDirectory, "..", "..", "..", executable));
        return File.Exists(candidate) ? candidate : executable;
    }
}
