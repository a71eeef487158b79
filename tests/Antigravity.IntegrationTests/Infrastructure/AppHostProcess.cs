using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Antigravity.Testing;

namespace Antigravity.IntegrationTests.Infrastructure;

/// <summary>
/// The AppHost run as a real process (<c>dotnet Antigravity.AppHost.dll …</c>), as a user runs it.
/// Dispose kills it and every child it announced, whatever happened in the test.
/// </summary>
internal sealed partial class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Task _pumps;
    private readonly string _marker;

    private AppHostProcess(Process process, string marker)
    {
        _process = process;
        _marker = marker;
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
    }

    public int Id => _process.Id;

    /// <summary>Every live process the AppHost started (directly or through DCP), the AppHost excluded.</summary>
    public IReadOnlyList<int> Descendants => [.. ProcessTable.WithEnvironment(AntigravityTestApp.MarkerVariable, _marker).Where(pid => pid != _process.Id)];

    /// <summary>Every line written so far (stdout and stderr).</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    public static AppHostProcess Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var appHost = Path.Combine(AppContext.BaseDirectory, "Antigravity.AppHost.dll");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        startInfo.ArgumentList.Add(appHost);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        if (!arguments.Contains("--aspire-dashboard-port") && !arguments.Contains("--help"))
        {
            // Free ports for the Aspire dashboard too, so that runs never meet on 18888.
            startInfo.ArgumentList.Add("--aspire-dashboard-port");
            startInfo.ArgumentList.Add("0");
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }
        // Every process the AppHost starts (DCP, Redis, the services) inherits this: the test finds them by it.
        var marker = Guid.NewGuid().ToString("N");
        startInfo.Environment[AntigravityTestApp.MarkerVariable] = marker;
        return new AppHostProcess(Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the AppHost."), marker);
    }

    /// <summary>Waits until a line matches; fails with the output so far when it does not come.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout, string what)
    {
        string? found = null;
        try
        {
            await Eventually.WaitUntilAsync(() =>
            {
                found = _lines.FirstOrDefault(predicate);
                return found is not null || _process.HasExited;
            }, timeout, what);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nOutput so far:\n{string.Join('\n', Lines.TakeLast(60))}", ex);
        }
        found ??= _lines.FirstOrDefault(predicate);
        return found ?? throw new InvalidOperationException(
            $"The AppHost exited (code {_process.ExitCode}) before {what}.\nOutput:\n{string.Join('\n', Lines.TakeLast(60))}");
    }

    /// <summary>The value printed after a label of the start-up summary, e.g. "API key".</summary>
    public string SummaryValue(string label)
    {
        var line = Lines.First(line => line.TrimStart().StartsWith(label + " ", StringComparison.Ordinal));
        return line.Trim()[label.Length..].Trim().Split("   ")[0];
    }

    public void Signal(int signal) => Kill(_process.Id, signal);

    /// <summary>Waits for the exit and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The AppHost did not exit within {timeout.TotalSeconds:0} s.\nOutput:\n{string.Join('\n', Lines.TakeLast(60))}");
        }
        await _pumps.WaitAsync(TimeSpan.FromSeconds(5));
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        foreach (var pid in Descendants)
        {
            Kill(pid, 9);
        }
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            _lines.Enqueue(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
