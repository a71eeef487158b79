using Microsoft.Extensions.Options;

namespace Antigravity.UpstreamEmulator.Logging;

/// <summary>One request the emulator served, as tests see it (secrets masked).</summary>
internal sealed record RequestLogEntry(
    long Id,
    DateTimeOffset Time,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string? Body,
    string? Account,
    int Status);

/// <summary>A bounded, thread-safe list of the most recent requests.</summary>
internal sealed class RequestLog(IOptions<EmulatorOptions> options)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<RequestLogEntry> _entries = new();
    private readonly int _capacity = options.Value.RequestLogCapacity;
    private long _nextId = 1;

    /// <summary>False when <c>Emulator:RequestLogCapacity</c> is 0 (benchmarks): nothing is recorded.</summary>
    public bool Enabled => _capacity > 0;

    public long NextId() => Interlocked.Increment(ref _nextId) - 1;

    public void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            _entries.AddLast(entry);
            while (_entries.Count > _capacity)
            {
                _entries.RemoveFirst();
            }
        }
    }

    /// <summary>
    /// The most recent <paramref name="limit"/> entries, oldest first, optionally only those whose path starts with
    /// <paramref name="pathPrefix"/> and whose id is greater than <paramref name="afterId"/>.
    /// </summary>
    public IReadOnlyList<RequestLogEntry> Recent(int limit, string? pathPrefix, long afterId = 0)
    {
        lock (_gate)
        {
            var matching = _entries
                .Where(e => e.Id > afterId && (pathPrefix is null || e.Path.StartsWith(pathPrefix, StringComparison.Ordinal)))
                .ToList();
            return matching.Count <= limit ? matching : matching[^limit..];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
