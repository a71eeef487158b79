namespace Antigravity.Testing;

/// <summary>The last lines a server printed, kept to explain a failed start, and whether it said it is ready.</summary>
internal sealed class ServerOutput
{
    private const int MaxLines = 60;
    private const string ReadyLine = "Ready to accept connections";
    private readonly Queue<string> _lines = new();
    private volatile bool _ready;

    /// <summary>
    /// True once the current run printed "Ready to accept connections" (Garnet and redis-server both do). A PING
    /// alone is not proof: if another process took the port, the PING would reach that one instead.
    /// </summary>
    public bool Ready => _ready;

    /// <summary>Forgets the readiness of the previous run (before a restart).</summary>
    public void NewRun() => _ready = false;

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        if (line.Contains(ReadyLine, StringComparison.Ordinal))
        {
            _ready = true;
        }
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (_lines)
        {
            return string.Join(Environment.NewLine, _lines);
        }
    }
}
