namespace Antigravity.Protocols.Thinking;

/// <summary>
/// A bounded in-process <see cref="ISignatureCache"/>: least recently used entries are evicted once
/// <see cref="Capacity"/> is reached. Thread-safe.
/// </summary>
public sealed class InMemorySignatureCache : ISignatureCache
{
    private readonly Dictionary<(string Session, string ToolCallId), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _gate = new();

    /// <summary>Creates a cache holding at most <paramref name="capacity"/> signatures.</summary>
    public InMemorySignatureCache(int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>Maximum number of stored signatures.</summary>
    public int Capacity { get; }

    /// <summary>Number of stored signatures.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<string?> GetAsync(string sessionKey, string toolCallId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionKey);
        ArgumentNullException.ThrowIfNull(toolCallId);
        lock (_gate)
        {
            if (!_entries.TryGetValue((sessionKey, toolCallId), out var node))
            {
                return ValueTask.FromResult<string?>(null);
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return ValueTask.FromResult<string?>(node.Value.Signature);
        }
    }

    /// <inheritdoc />
    public ValueTask SetAsync(string sessionKey, string toolCallId, string signature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionKey);
        ArgumentNullException.ThrowIfNull(toolCallId);
        ArgumentException.ThrowIfNullOrEmpty(signature);
        var key = (sessionKey, toolCallId);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                _recency.Remove(existing);
            }
            else if (_entries.Count >= Capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }

            var node = _recency.AddFirst(new Entry(key, signature));
            _entries[key] = node;
        }

        return ValueTask.CompletedTask;
    }

    private sealed record Entry((string Session, string ToolCallId) Key, string Signature);
}
