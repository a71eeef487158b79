using System.Globalization;

namespace Antigravity.AccountPool.Cooldowns;

/// <summary>
/// Parses the durations Google puts in error details: protobuf <c>Duration</c> JSON (<c>"42s"</c>,
/// <c>"0.5s"</c>) and the Go-style text of <c>quotaResetDelay</c> (<c>"1h16m0.667s"</c>, <c>"500ms"</c>).
/// </summary>
internal static class GoogleDuration
{
    /// <summary>The duration, or null when <paramref name="text"/> is not one.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var span = text.AsSpan().Trim();
        double totalSeconds = 0;
        var sawUnit = false;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }
            if (numberLength == 0 || !double.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }
            span = span[numberLength..];
            double unitSeconds;
            if (span.StartsWith("ms")) { unitSeconds = 0.001; span = span[2..]; }
            else if (span.StartsWith("us") || span.StartsWith("µs")) { unitSeconds = 0.000001; span = span[2..]; }
            else if (span.StartsWith("ns")) { unitSeconds = 0.000000001; span = span[2..]; }
            else if (span.StartsWith("h")) { unitSeconds = 3600; span = span[1..]; }
            else if (span.StartsWith("m")) { unitSeconds = 60; span = span[1..]; }
            else if (span.StartsWith("s")) { unitSeconds = 1; span = span[1..]; }
            else if (span.IsEmpty && !sawUnit) { unitSeconds = 1; } // a bare number: seconds
            else { return null; }
            sawUnit = true;
            totalSeconds += value * unitSeconds;
        }
        return totalSeconds is >= 0 and < 365d * 24 * 3600 ? TimeSpan.FromSeconds(totalSeconds) : null;
    }
}
