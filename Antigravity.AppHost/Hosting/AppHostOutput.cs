namespace Antigravity.AppHost.Hosting;

/// <summary>
/// Where the AppHost writes: each child's lines prefixed with its resource name, its own messages
/// marked <c>[apphost]</c>, and failures as a bare sentence. Every line is also kept in
/// <see cref="Logs"/>.
/// </summary>
public abstract class AppHostOutput
{
    private int _nameWidth = 11;

    /// <summary>Every line written, per resource.</summary>
    public ResourceLogStore Logs { get; } = new();

    /// <summary>Width the resource names are padded to.</summary>
    public int NameWidth
    {
        get => _nameWidth;
        set => _nameWidth = Math.Max(value, ResourceLogStore.AppHostName.Length);
    }

    /// <summary>A line a child process wrote.</summary>
    public void ResourceLine(string resource, string line, bool isError)
    {
        Logs.Append(resource, line);
        WriteResourceLine(resource, line, isError);
    }

    /// <summary>A message of the AppHost itself.</summary>
    public void Info(string message) => Message(OutputKind.Info, message);

    /// <summary>Something the user should notice (a crash, a restart, a resource turning unhealthy).</summary>
    public void Warning(string message) => Message(OutputKind.Warning, message);

    /// <summary>A failure that stops the AppHost; written bare, without prefix.</summary>
    public void Error(string message) => Message(OutputKind.Error, message);

    /// <summary>The block printed once everything is healthy (not kept in <see cref="Logs"/>: it holds secrets).</summary>
    public abstract void Summary(IReadOnlyList<string> lines);

    /// <summary>Writes a child's line.</summary>
    protected abstract void WriteResourceLine(string resource, string line, bool isError);

    /// <summary>Writes an AppHost message.</summary>
    protected abstract void WriteMessage(OutputKind kind, string message);

    private void Message(OutputKind kind, string message)
    {
        Logs.Append(ResourceLogStore.AppHostName, message);
        WriteMessage(kind, message);
    }
}

/// <summary>Kinds of AppHost messages.</summary>
public enum OutputKind
{
    /// <summary>Progress.</summary>
    Info,

    /// <summary>Needs attention.</summary>
    Warning,

    /// <summary>Fatal.</summary>
    Error,
}

/// <summary>Writes to the console; colours only when stdout is a terminal.</summary>
public sealed class ConsoleOutput : AppHostOutput
{
    private static readonly string[] Palette = ["\e[36m", "\e[35m", "\e[32m", "\e[34m", "\e[33m", "\e[96m", "\e[95m"];
    private const string Reset = "\e[0m";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _colours = new(StringComparer.Ordinal);
    private readonly bool _colour = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    /// <inheritdoc />
    public override void Summary(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        lock (_gate)
        {
            foreach (var line in lines)
            {
                Console.Out.WriteLine(_colour ? $"\e[1m{line}{Reset}" : line);
            }
            Console.Out.Flush();
        }
    }

    /// <inheritdoc />
    protected override void WriteResourceLine(string resource, string line, bool isError)
    {
        var name = resource.PadRight(NameWidth);
        lock (_gate)
        {
            if (_colour)
            {
                if (!_colours.TryGetValue(resource, out var colour))
                {
                    colour = Palette[_colours.Count % Palette.Length];
                    _colours[resource] = colour;
                }
                Console.Out.WriteLine($"{colour}{name} |{Reset} {line}");
            }
            else
            {
                Console.Out.WriteLine($"{name} | {line}");
            }
            Console.Out.Flush();
        }
    }

    /// <inheritdoc />
    protected override void WriteMessage(OutputKind kind, string message)
    {
        lock (_gate)
        {
            if (kind == OutputKind.Error)
            {
                Console.Error.WriteLine(_colour ? $"\e[1;31m{message}{Reset}" : message);
                Console.Error.Flush();
                return;
            }
            var prefix = "[apphost]".PadRight(NameWidth + 2);
            var line = $"{prefix}{message}";
            Console.Out.WriteLine(!_colour ? line : kind == OutputKind.Warning ? $"\e[1;33m{line}{Reset}" : $"\e[1m{line}{Reset}");
            Console.Out.Flush();
        }
    }
}

/// <summary>Keeps everything in <see cref="AppHostOutput.Logs"/> and optionally echoes it (tests).</summary>
public sealed class CapturedOutput(Action<string>? echo = null) : AppHostOutput
{
    /// <inheritdoc />
    public override void Summary(IReadOnlyList<string> lines)
    {
    }

    /// <inheritdoc />
    protected override void WriteResourceLine(string resource, string line, bool isError) => echo?.Invoke($"{resource.PadRight(NameWidth)} | {line}");

    /// <inheritdoc />
    protected override void WriteMessage(OutputKind kind, string message) => echo?.Invoke($"[apphost] {message}");
}
