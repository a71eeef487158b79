using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Antigravity.Benchmarks.Peers;

/// <summary>A gateway this benchmark started (a Node.js peer, or the minimal .NET forwarder): its process, its port, its last output lines; disposing stops it.</summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string? _ownedDirectory;

    private PeerProcess(string name, Process process, int port, string? ownedDirectory)
    {
        Name = name;
        _process = process;
        Port = port;
        _ownedDirectory = ownedDirectory;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the report calls it.</summary>
    public string Name { get; }

    /// <summary>The port it listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Its base address.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>The process id (each of them runs in one process).</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts <paramref name="fileName"/> (<c>node</c> for a peer) with <paramref name="arguments"/> and returns once
    /// <paramref name="port"/> accepts connections; <paramref name="ownedDirectory"/> (a temporary HOME) is deleted on dispose.
    /// </summary>
    public static async Task<PeerProcess> StartAsync(string name, int port, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string? ownedDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = PeerPackages.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName} for {name}.");
        var peer = new PeerProcess(name, process, port, ownedDirectory);
        try
        {
            await peer.WaitUntilListeningAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch
        {
            peer.Dispose();
            throw;
        }
        return peer;
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before it listened on {Port}:\n{Output}");
            }
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
        throw new TimeoutException($"{Name} did not listen on {Port} within {timeout.TotalSeconds:F0} s:\n{Output}");
    }

    /// <summary>The last lines it wrote.</summary>
    public string Output => string.Join('\n', _output);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > 40 && _output.TryDequeue(out _))
        {
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        if (_ownedDirectory is not null)
        {
            try
            {
                Directory.Delete(_ownedDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
