using System.Collections.Concurrent;

namespace Antigravity.AppHost.Hosting;

/// <summary>
/// The output lines of every resource (and of the AppHost itself under <see cref="AppHostName"/>),
/// kept in memory — the last <see cref="Capacity"/> lines each — for failure diagnosis and for tests.
/// </summary>
public sealed class ResourceLogStore
{
    /// <summary>Name under which the AppHost's own messages are kept.</summary>
    public const string AppHostName = "apphost";

    /// <summary>Lines kept per resource.</summary>
    public const int Capacity = 5000;

    private readonly ConcurrentDictionary<string, Queue<string>> _lines = new(StringComparer.Ordinal);

    /// <summary>Adds a line.</summary>
    public void Append(string resource, string line)
    {
        var queue = _lines.GetOrAdd(resource, _ => new Queue<string>());
        lock (queue)
        {
            queue.Enqueue(line);
            if (queue.Count > Capacity)
            {
                queue.Dequeue();
            }
        }
    }

    /// <summary>All lines kept for <paramref name="resource"/>, oldest first.</summary>
    public IReadOnlyList<string> Get(string resource)
    {
        if (!_lines.TryGetValue(resource, out var queue))
        {
            return [];
        }
        lock (queue)
        {
            return [.. queue];
        }
    }

    /// <summary>The last <paramref name="count"/> lines of <paramref name="resource"/>.</summary>
    public IReadOnlyList<string> Tail(string resource, int count)
    {
        var all = Get(resource);
        return all.Count <= count ? all : all.Skip(all.Count - count).ToArray();
    }
}
