using System.Globalization;
using System.Text;

namespace Antigravity.Testing.App;

/// <summary>What a test can learn about processes from /proc.</summary>
public static class ProcessTable
{
    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The environment the process was started with (empty when it is gone or unreadable).</summary>
    public static IReadOnlyDictionary<string, string> Environment(int pid)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string raw;
        try
        {
            raw = File.ReadAllText($"/proc/{pid}/environ", Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return result;
        }
        foreach (var entry in raw.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                result[entry[..equals]] = entry[(equals + 1)..];
            }
        }
        return result;
    }

    /// <summary>Every live process whose environment has <paramref name="name"/> = <paramref name="value"/>.</summary>
    public static IReadOnlyList<int> WithEnvironment(string name, string value) =>
        [.. AllPids().Where(pid => pid != System.Environment.ProcessId && IsAlive(pid)
            && Environment(pid).TryGetValue(name, out var found) && found == value)];

    /// <summary>The live children of <paramref name="pid"/>.</summary>
    public static IReadOnlyList<int> Children(int pid) =>
        [.. AllPids().Where(child => ParentOf(child) == pid && IsAlive(child))];

    /// <summary>SIGKILL, as <c>kill -9</c> (nothing when the process is already gone).</summary>
    public static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static IEnumerable<int> AllPids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0);
}
