using System.Text.RegularExpressions;

namespace Antigravity.AppHost.Supervision;

/// <summary>The one line a user reads when a resource ends before it is healthy, from its exit code and its last log lines.</summary>
public static partial class FailureDiagnosis
{
    /// <summary>
    /// Kestrel's bind failure becomes "gateway: failed to bind address 127.0.0.1:8045: address already in use";
    /// an unhandled exception is named; otherwise the last line that reads like an error is quoted.
    /// </summary>
    public static string Explain(string resourceName, int? exitCode, IReadOnlyList<string> lines, bool failedToStart = false)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            if (BindFailure().Match(line) is { Success: true } bind)
            {
                return $"{resourceName}: failed to bind address {bind.Groups["address"].Value}: address already in use";
            }
        }
        var what = failedToStart
            ? "failed to start"
            : $"exited{(exitCode is { } code ? $" with code {code}" : "")} before it was healthy";
        var unhandled = lines.Select(line => UnhandledException().Match(line)).LastOrDefault(match => match.Success);
        var cause = unhandled?.Groups["what"].Value
            ?? lines.LastOrDefault(line => ErrorLike().IsMatch(line))
            ?? lines.LastOrDefault(line => !string.IsNullOrWhiteSpace(line));
        return $"{resourceName}: {what}{(cause is null ? "" : ": " + cause.Trim())}";
    }

    [GeneratedRegex(@"bind to address (?:[a-z]+://)?(?<address>[^\s/]+:\d+)\S*: address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BindFailure();

    [GeneratedRegex(@"^Unhandled exception\.\s*(?<what>.+)$")]
    private static partial Regex UnhandledException();

    [GeneratedRegex(@"\b(fail|crit|error|exception)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorLike();
}
