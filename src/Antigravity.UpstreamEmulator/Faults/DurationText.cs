using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Antigravity.UpstreamEmulator.Faults;

/// <summary>Parses and writes the two duration spellings Google uses: protobuf (<c>"42s"</c>, <c>"3600.5s"</c>) and Go (<c>"1h16m0.667s"</c>).</summary>
internal static partial class DurationText
{
    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m(?!s))?(?:(?<s>\d+(?:\.\d+)?)s)?(?:(?<ms>\d+(?:\.\d+)?)ms)?$")]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var match = Pattern().Match(text.Trim());
        if (!match.Success || match.Length == 0)
        {
            return false;
        }
        double Part(string name) => match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        duration = TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s")) + TimeSpan.FromMilliseconds(Part("ms"));
        return true;
    }

    /// <summary>Protobuf JSON form: seconds with a fraction when needed, e.g. <c>"42s"</c>, <c>"0.5s"</c>.</summary>
    public static string Protobuf(TimeSpan duration) =>
        duration.TotalSeconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";

    /// <summary>Go's <c>time.Duration.String()</c> form, e.g. <c>"1h16m0.667s"</c>.</summary>
    public static string Go(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }
        var builder = new StringBuilder();
        var hours = (long)duration.TotalHours;
        if (hours > 0)
        {
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }
        if (hours > 0 || duration.Minutes > 0)
        {
            builder.Append(duration.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }
        var seconds = duration.Seconds + (duration.Ticks % TimeSpan.TicksPerSecond) / (double)TimeSpan.TicksPerSecond;
        builder.Append(seconds.ToString("0.#########", CultureInfo.InvariantCulture)).Append('s');
        return builder.ToString();
    }
}
