namespace Antigravity.AppHost.Hosting;

/// <summary>
/// Turns a child's exit before it became healthy into one sentence that says which resource failed
/// and why, from its last output lines.
/// </summary>
internal static class FailureDiagnosis
{
    private static readonly string[] ErrorMarkers = ["unhandled exception", "exception", "error", "fail", "fatal", "crit:", "could not", "cannot", "unable"];

    public static string Explain(Resource resource, int exitCode, IReadOnlyList<string> tail)
    {
        if (resource.Endpoint is { } endpoint
            && tail.Any(line => line.Contains("address already in use", StringComparison.OrdinalIgnoreCase)))
        {
            return PortChecks.BindFailure(resource.Name, endpoint);
        }
        var reason = ErrorLine(tail);
        return reason is null
            ? $"{resource.Name}: exited with code {exitCode} before it was healthy (it wrote nothing)"
            : $"{resource.Name}: exited with code {exitCode} before it was healthy: {reason}";
    }

    /// <summary>The most telling line: the first "Unhandled exception" line, else the last error-looking line, else the last line.</summary>
    private static string? ErrorLine(IReadOnlyList<string> tail)
    {
        var lines = tail.Select(Clean).Where(line => line.Length > 0 && !IsStackFrame(line)).ToList();
        var unhandled = lines.FirstOrDefault(line => line.StartsWith("Unhandled exception", StringComparison.OrdinalIgnoreCase));
        if (unhandled is not null)
        {
            return Shorten(unhandled["Unhandled exception".Length..].TrimStart('.', ' '));
        }
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (ErrorMarkers.Any(marker => lines[i].Contains(marker, StringComparison.OrdinalIgnoreCase)))
            {
                return Shorten(lines[i]);
            }
        }
        return lines.Count == 0 ? null : Shorten(lines[^1]);
    }

    private static bool IsStackFrame(string line) => line.StartsWith("at ", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal);

    // Drops ANSI colour codes and indentation.
    private static string Clean(string line)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(line, @"\x1B\[[0-9;]*[A-Za-z]", "");
        return text.Trim();
    }

    private static string Shorten(string line) => line.Length <= 400 ? line : line[..400] + "…";
}
