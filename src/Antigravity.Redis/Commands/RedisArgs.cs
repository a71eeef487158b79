using System.Globalization;

namespace Antigravity.Redis.Commands;

/// <summary>How numbers are spelled on the wire.</summary>
internal static class RedisArgs
{
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Score(double value) => value switch
    {
        double.PositiveInfinity => "+inf",
        double.NegativeInfinity => "-inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string Milliseconds(TimeSpan value)
    {
        var ms = (long)Math.Ceiling(value.TotalMilliseconds);
        return ms > 0
            ? Integer(ms)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A Redis expiry must be positive.");
    }
}
