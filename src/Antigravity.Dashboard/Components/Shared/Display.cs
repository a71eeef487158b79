using System.Globalization;

namespace Antigravity.Dashboard.Components.Shared;

/// <summary>How the pages write numbers, shares and times: short, in English, culture-independent.</summary>
internal static class Display
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>1234 → "1,234"; 45600 → "45.6k"; 7890000 → "7.89M".</summary>
    public static string Count(long value) => Math.Abs(value) switch
    {
        < 10_000 => value.ToString("N0", Invariant),
        < 1_000_000 => (value / 1_000d).ToString("0.#", Invariant) + "k",
        < 1_000_000_000 => (value / 1_000_000d).ToString("0.##", Invariant) + "M",
        _ => (value / 1_000_000_000d).ToString("0.##", Invariant) + "B",
    };

    /// <summary>A fraction 0–1 as a whole percentage: 0.257 → "26%" (a non-zero share below 1 % shows as "&lt;1%").</summary>
    public static string Percent(double fraction) =>
        fraction is > 0 and < 0.005 ? "<1%" : Math.Round(fraction * 100).ToString("0", Invariant) + "%";

    /// <summary>How long until <paramref name="time"/>: "in 2 h 5 min", "in 40 s", "now" once passed.</summary>
    public static string Until(DateTimeOffset time, DateTimeOffset now) =>
        time <= now ? "now" : "in " + Span(time - now);

    /// <summary>How long ago <paramref name="time"/> was: "3 min ago", "2 d ago", "just now".</summary>
    public static string Ago(DateTimeOffset time, DateTimeOffset now) =>
        now - time < TimeSpan.FromSeconds(5) ? "just now" : Span(now - time) + " ago";

    /// <summary>A duration in the largest two units that matter: "2 h 5 min", "3 d 4 h", "40 s".</summary>
    public static string Span(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } => span.Hours == 0 ? $"{(int)span.TotalDays} d" : $"{(int)span.TotalDays} d {span.Hours} h",
        { TotalHours: >= 1 } => span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min",
        { TotalMinutes: >= 1 } => $"{(int)span.TotalMinutes} min",
        _ => $"{Math.Max(0, (int)span.TotalSeconds)} s",
    };

    /// <summary>A request's duration: "850 ms", "2.3 s", "1 min 5 s".</summary>
    public static string Duration(long milliseconds) => milliseconds switch
    {
        < 1_000 => milliseconds.ToString(Invariant) + " ms",
        < 60_000 => (milliseconds / 1_000d).ToString("0.0", Invariant) + " s",
        _ => $"{milliseconds / 60_000} min {milliseconds % 60_000 / 1_000} s",
    };

    /// <summary>The badge class of an HTTP status (a 200 whose stream failed counts as an error).</summary>
    public static string StatusClass(int status, bool failed) => status switch
    {
        >= 500 => "badge-danger",
        >= 400 => "badge-warn",
        _ when failed => "badge-danger",
        _ => "badge-success",
    };

    /// <summary>The CSS width of a bar filled to <paramref name="fraction"/> (0–1, clamped; unknown draws empty): "80%".</summary>
    public static string BarWidth(double? fraction) =>
        (Math.Clamp(fraction ?? 0, 0, 1) * 100).ToString("0.#", Invariant) + "%";

    /// <summary>The level class of a remaining quota: ok above 50 %, low from 20 %, critical below.</summary>
    public static string QuotaLevel(double fraction) => fraction switch
    {
        > 0.5 => "level-ok",
        >= 0.2 => "level-low",
        _ => "level-critical",
    };
}
