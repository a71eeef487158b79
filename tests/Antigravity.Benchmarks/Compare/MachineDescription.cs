using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Antigravity.Benchmarks.Compare;

/// <summary>The facts a reader needs to weigh the figures: the machine, its load, the commit.</summary>
public static class MachineDescription
{
    /// <summary>Cores, CPU model, memory, OS and runtime.</summary>
    public static string Describe()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadField("/proc/meminfo", "MemTotal") is { } total && long.TryParse(total.Split(' ')[0], out var kib) ? $"{kib / 1024.0 / 1024.0:F0} GiB" : "? GiB";
        return $"{Environment.ProcessorCount} logical cores ({cpu}), {memory}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }

    /// <summary>The first three fields of <c>/proc/loadavg</c>.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>The short hash of HEAD, with <c>+changes</c> when the work tree differs from it.</summary>
    public static string Commit(string repository)
    {
        var head = Git(repository, "rev-parse --short HEAD") ?? "unknown";
        return string.IsNullOrEmpty(Git(repository, "status --porcelain --untracked-files=no")) ? head : head + "+changes";
    }

    private static string? Git(string repository, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", $"-C \"{repository}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true });
            var output = git?.StandardOutput.ReadToEnd().Trim();
            git?.WaitForExit();
            return git?.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string? ReadField(string file, string name)
    {
        try
        {
            return File.ReadLines(file).FirstOrDefault(line => line.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
