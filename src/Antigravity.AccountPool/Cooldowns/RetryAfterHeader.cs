using System.Globalization;

namespace Antigravity.AccountPool.Cooldowns;

/// <summary>Parses an HTTP <c>Retry-After</c> value: delta-seconds or an HTTP date.</summary>
internal static class RetryAfterHeader
{
    /// <summary>The delay from <paramref name="now"/>, or null when absent or unreadable.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = value.Trim();
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds < 365d * 24 * 3600 ? TimeSpan.FromSeconds(seconds) : null;
        }
        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            var delay = date - now;
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }
        return null;
    }
}
