using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Antigravity.AppHost.Hosting;

/// <summary>POSIX signals to child processes, and the descendants of a process (from <c>/proc</c>).</summary>
internal static partial class ProcessSignals
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/>; false when the process is gone or signals are not available.</summary>
    public static bool Send(int pid, int signal)
    {
        if (OperatingSystem.IsWindows())
        {
            if (signal == SigKill)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                    return true;
                }
                catch (ArgumentException)
                {
                    return false;
                }
            }
            return false;
        }
        return Kill(pid, signal) == 0;
    }

    /// <summary>True while a process with this id exists (and is not a zombie).</summary>
    public static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            var stat = ReadStat(pid);
            return stat is not null && stat.Value.State != 'Z' && stat.Value.State != 'X';
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Every descendant of <paramref name="pid"/> (children, grandchildren…); empty off Linux.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }
        var parents = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var child)
                && ReadStat(child) is { } stat)
            {
                if (!parents.TryGetValue(stat.ParentId, out var list))
                {
                    parents[stat.ParentId] = list = [];
                }
                list.Add(child);
            }
        }
        var result = new List<int>();
        var pending = new Queue<int>([pid]);
        while (pending.TryDequeue(out var current))
        {
            if (parents.TryGetValue(current, out var children))
            {
                foreach (var child in children)
                {
                    result.Add(child);
                    pending.Enqueue(child);
                }
            }
        }
        return result;
    }

    private static (char State, int ParentId)? ReadStat(int pid)
    {
        try
        {
            // Format: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so split after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            var fields = stat[(end + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
