using System.Globalization;
using StackExchange.Redis;

namespace Antigravity.Benchmarks.Compare;

/// <summary>
/// Counts the commands the app's Redis executes, from <c>INFO commandstats</c> (per command) or, when the server
/// has no such section, <c>INFO stats</c> <c>total_commands_processed</c>. Garnet answers the latter.
/// </summary>
public sealed class RedisCommandCount(IConnectionMultiplexer redis) : IAsyncDisposable
{
    /// <summary>Connects to the app's Redis.</summary>
    public static async Task<RedisCommandCount> ConnectAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AllowAdmin = true;
        return new RedisCommandCount(await ConnectionMultiplexer.ConnectAsync(options));
    }

    /// <summary>Commands executed so far, by name (or one entry <c>total</c>); empty when the server says neither.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadAsync()
    {
        var server = redis.GetServers()[0];
        var counts = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        // cmdstat_get:calls=12,usec=…
        foreach (var (key, value) in Flatten(await server.InfoAsync("commandstats")))
        {
            if (key.StartsWith("cmdstat_", StringComparison.OrdinalIgnoreCase)
                && value.Split(',').FirstOrDefault(part => part.StartsWith("calls=", StringComparison.Ordinal)) is { } calls)
            {
                counts[key["cmdstat_".Length..]] = long.Parse(calls["calls=".Length..], CultureInfo.InvariantCulture);
            }
        }
        if (counts.Count == 0)
        {
            foreach (var (key, value) in Flatten(await server.InfoAsync("stats")))
            {
                if (key == "total_commands_processed" && long.TryParse(value, CultureInfo.InvariantCulture, out var total))
                {
                    counts["total"] = total;
                }
            }
        }
        return counts;
    }

    /// <summary>What changed between two readings, largest first; the INFO calls themselves are left out.</summary>
    public static IReadOnlyList<(string Command, long Calls)> Delta(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        [.. after.Select(entry => (entry.Key, entry.Value - before.GetValueOrDefault(entry.Key)))
            .Where(entry => entry.Item2 > 0 && !entry.Key.Equals("info", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(entry => entry.Item2)];

    private static IEnumerable<KeyValuePair<string, string>> Flatten(IGrouping<string, KeyValuePair<string, string>>[] sections) =>
        sections.SelectMany(section => section);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => redis.DisposeAsync();
}
