namespace Antigravity.AppHost.Hosting;

/// <summary>Finds executables on PATH, and <c>setsid</c> to start children in their own session.</summary>
internal static class ExecutableLocator
{
    /// <summary><c>/usr/bin/setsid</c> (util-linux) when present on Linux, else null.</summary>
    public static string? SetSid { get; } = OperatingSystem.IsLinux() ? Resolve("setsid") : null;

    /// <summary>The full path of <paramref name="command"/>, or null when it cannot be found.</summary>
    public static string? Resolve(string command)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        if (Path.IsPathRooted(command) || command.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(command) ? Path.GetFullPath(command) : null;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
            if (OperatingSystem.IsWindows() && File.Exists(candidate + ".exe"))
            {
                return candidate + ".exe";
            }
        }
        return null;
    }
}
