using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Antigravity.IntegrationTests.Clients;

/// <summary>What a CLI run printed and how it ended.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr, bool TimedOut)
{
    /// <summary>Stdout and stderr together, for assertion messages.</summary>
    public override string ToString() =>
        $"exit {(TimedOut ? "timeout" : ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// The coding CLIs pinned in <c>tests/clients/package.json</c>, installed with <c>npm ci</c> on first use and run as
/// child processes with a private home directory, an environment that names only the gateway, stdin closed and a
/// deadline.
/// </summary>
public static class ClientCli
{
    private static readonly SemaphoreSlim s_install = new(1, 1);
    private static readonly string[] s_commands = ["codex", "claude", "gemini"];

    /// <summary><c>tests/clients</c> of this checkout.</summary>
    public static string ClientsDirectory { get; } = FindClientsDirectory();

    private static string FindClientsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "clients");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"tests/clients/package-lock.json not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The path of a CLI's launcher, after installing the pinned versions if any is missing.</summary>
    public static async Task<string> CommandAsync(string name)
    {
        await EnsureInstalledAsync();
        return Path.Combine(ClientsDirectory, "node_modules", ".bin", name);
    }

    private static async Task EnsureInstalledAsync()
    {
        await s_install.WaitAsync();
        try
        {
            // The three CLIs are Node programs: say so plainly when Node is missing rather than fail inside one.
            var node = await RunAsync("node", ["--version"], ClientsDirectory, InheritedEnvironment(), TimeSpan.FromSeconds(30), requireProgram: "node");
            if (node.ExitCode != 0)
            {
                throw new InvalidOperationException($"`node --version` failed; the client scenarios need Node.js 20+:\n{node}");
            }
            if (s_commands.All(c => File.Exists(Path.Combine(ClientsDirectory, "node_modules", ".bin", c))))
            {
                return;
            }
            // Another test process (a second test run on this checkout) may be installing: wait for its lock.
            await using var fileLock = await AcquireFileLockAsync(Path.Combine(ClientsDirectory, ".npm-ci.lock"), TimeSpan.FromMinutes(10));
            if (s_commands.All(c => File.Exists(Path.Combine(ClientsDirectory, "node_modules", ".bin", c))))
            {
                return;
            }
            var npm = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], ClientsDirectory, InheritedEnvironment(), TimeSpan.FromMinutes(10), requireProgram: "npm");
            if (npm.ExitCode != 0 || npm.TimedOut)
            {
                throw new InvalidOperationException($"`npm ci` in {ClientsDirectory} failed, so the client scenarios cannot run:\n{npm}");
            }
        }
        finally
        {
            s_install.Release();
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (deadline.Elapsed < timeout)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>The inherited environment without proxies, so that a CLI reaches the loopback gateway directly.</summary>
    private static Dictionary<string, string> InheritedEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        }
        return environment;
    }

    /// <summary>
    /// The environment a CLI gets: <c>PATH</c> (to find node), a private <c>HOME</c>, no proxy, no variable of the
    /// test runner's own, plus <paramref name="extra"/>.
    /// </summary>
    public static Dictionary<string, string> CleanEnvironment(string home, IReadOnlyDictionary<string, string> extra)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = home,
            ["TMPDIR"] = Path.GetTempPath(),
            ["LANG"] = "C.UTF-8",
            ["TERM"] = "dumb",
            ["NO_COLOR"] = "1",
            ["CI"] = "1",
            ["NO_PROXY"] = "127.0.0.1,localhost",
        };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }
        return environment;
    }

    /// <summary>Runs a program to its end or the deadline (then kills its whole process tree), with stdin closed.</summary>
    public static async Task<CliRun> RunAsync(
        string program,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout,
        string? requireProgram = null)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"Cannot start `{requireProgram ?? program}` ({ex.Message}). The client scenarios need Node.js 20+ and npm on PATH.", ex);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return new CliRun(timedOut ? -1 : process.ExitCode, await stdout, await stderr, timedOut);
    }
}
