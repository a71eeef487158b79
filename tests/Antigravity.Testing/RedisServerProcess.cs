using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Antigravity.Testing;

/// <summary>
/// A throwaway Garnet or redis-server process on a free 127.0.0.1 port, with its own temporary data
/// directory. <c>StartAsync</c> returns once the server answers <c>PING</c>;
/// <see cref="DisposeAsync"/> stops it and deletes the directory.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    /// <summary>How long a server may take to start answering <c>PING</c> (Garnet replays its log first).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private const int StartAttempts = 3;
    private readonly RedisServerOptions _options;
    private readonly ServerOutput _output = new();
    private Process? _process;

    private RedisServerProcess(RedisServerOptions options, string dataDirectory)
    {
        _options = options;
        DataDirectory = dataDirectory;
        if (options.Tls)
        {
            Certificate = TestCertificate.Create();
            TestCertificate.Write(Certificate, dataDirectory);
        }
    }

    /// <summary>Which server this is.</summary>
    public RedisServerKind Kind => _options.Kind;

    /// <summary>True when the server writes an append-only file that it replays on restart.</summary>
    public bool Persistent => _options.Persistent;

    /// <summary>The server's self-signed certificate when it listens with TLS, else null. Trust it by thumbprint.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>The temporary directory holding the server's data (deleted on dispose).</summary>
    public string DataDirectory { get; }

    /// <summary>The port on 127.0.0.1 the server listens on (the same after <see cref="RestartAsync"/>).</summary>
    public int Port { get; private set; }

    /// <summary>A StackExchange-style connection string: <c>127.0.0.1:port[,password=…]</c>.</summary>
    public string ConnectionString =>
        $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}"
        + (_options.Password is null ? "" : $",password={_options.Password}")
        + (_options.Tls ? ",ssl=true,sslHost=localhost" : "");

    /// <summary>True while the server process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Starts a server and waits until it answers <c>PING</c>. With <paramref name="persistent"/>, data is written
    /// to an append-only file in <see cref="DataDirectory"/> and survives <see cref="KillAsync"/> + <see cref="RestartAsync"/>.
    /// With <paramref name="password"/>, clients must <c>AUTH</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server is not installed or did not start (the message says why).</exception>
    public static Task<RedisServerProcess> StartAsync(RedisServerKind kind, bool persistent = false, string? password = null, CancellationToken cancellationToken = default) =>
        StartAsync(new RedisServerOptions { Kind = kind, Persistent = persistent, Password = password }, cancellationToken);

    /// <summary>Starts a server described by <paramref name="options"/> and waits until it answers <c>PING</c>.</summary>
    /// <exception cref="InvalidOperationException">The server is not installed or did not start (the message says why).</exception>
    public static async Task<RedisServerProcess> StartAsync(RedisServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDirectory = Directory.CreateTempSubdirectory($"antigravity-{options.Kind.ToString().ToLowerInvariant()}-").FullName;
        var server = new RedisServerProcess(options, dataDirectory);
        try
        {
            // A port that was free a moment ago can be taken before the server binds it: then try another one.
            for (var attempt = 1; ; attempt++)
            {
                server.Port = FreePort.Next();
                try
                {
                    await server.LaunchAsync(cancellationToken).ConfigureAwait(false);
                    return server;
                }
                catch (ServerExitedException) when (attempt < StartAttempts)
                {
                }
            }
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills the server with SIGKILL (no shutdown, no final flush) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }
        _process = null;
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        process.Dispose();
    }

    /// <summary>Starts the server again on the same port with the same data directory (kills it first if it runs).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await KillAsync().ConfigureAwait(false);
        // The port can stay unavailable for a moment after the kill; retry until the deadline.
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await LaunchAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ServerExitedException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops the server and deletes its data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        Certificate?.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the OS temp cleaner will take it.
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} on 127.0.0.1:{Port}";

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var command = RedisServerCommand.For(_options, Port, DataDirectory);
        var info = new ProcessStartInfo(command.FileName, command.Arguments)
        {
            WorkingDirectory = command.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        _output.NewRun();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {command.FileName}.");
        process.OutputDataReceived += (_, e) => _output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => _output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!_output.Ready || !await AnswersPingAsync(cancellationToken).ConfigureAwait(false))
        {
            if (process.HasExited)
            {
                _process = null;
                throw new ServerExitedException(
                    $"{Kind} exited with code {process.ExitCode} before answering PING on port {Port}. Output:{Environment.NewLine}{_output}");
            }
            if (DateTime.UtcNow > deadline)
            {
                await KillAsync().ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"{Kind} did not answer PING on port {Port} within {StartTimeout.TotalSeconds:0} s. Output:{Environment.NewLine}{_output}");
            }
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> AnswersPingAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token).ConfigureAwait(false);
            Stream stream = client.GetStream();
            if (_options.Tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, timeout.Token).ConfigureAwait(false);
                stream = ssl;
            }
            await stream.WriteAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray(), timeout.Token).ConfigureAwait(false);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
            // +PONG, or -NOAUTH when a password is required: either way the server is serving.
            return read > 0 && Encoding.ASCII.GetString(buffer, 0, read) is var reply
                && (reply.StartsWith("+PONG", StringComparison.Ordinal) || reply.Contains("NOAUTH", StringComparison.Ordinal) || reply.Contains("auth", StringComparison.OrdinalIgnoreCase));
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private sealed class ServerExitedException(string message) : InvalidOperationException(message);
}
