using System.Globalization;
using System.Text;

namespace Antigravity.IntegrationTests.Infrastructure;

/// <summary>What a test can learn about a child process from /proc.</summary>
internal static class ChildProcesses
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

    /// <summary>The environment the process was started with.</summary>
    public static IReadOnlyDictionary<string, string> Environment(int pid)
    {
        var raw = File.ReadAllText($"/proc/{pid}/environ", Encoding.UTF8);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
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

    /// <summary>Process ids announced in AppHost output lines like "gateway started (pid 1234)".</summary>
    public static IReadOnlyList<int> AnnouncedPids(IEnumerable<string> lines) =>
        lines.Select(line => System.Text.RegularExpressions.Regex.Match(line, @"started \(pid (\d+)\)"))
            .Where(match => match.Success)
            .Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
            .Distinct()
            .ToList();
}
