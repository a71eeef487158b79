using System.Collections.Concurrent;
using System.Diagnostics;
using Antigravity.Testing;

namespace Antigravity.AccountPool.Tests.Infrastructure;

/// <summary>
/// One of our services started from its build output as a separate process on a free port (services that
/// also have a global <c>Program</c> class cannot share a test assembly with the pool's).
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public string Output => string.Join('\n', _output);

    public static async Task<ServiceProcess> StartAsync(string project, IReadOnlyDictionary<string, string> environment)
    {
        var dll = Path.Combine(RepositoryRoot.Find(), "src", project, "bin", "Debug", "net10.0", project + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{project} is not built at {dll}.");
        }
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{project} did not start.");
        var service = new ServiceProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => service.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => service.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = new Uri(baseUrl) };
        try
        {
            await Eventually.WaitUntilAsync(
                async () => process.HasExited ? throw new InvalidOperationException($"{project} exited: {service.Output}") : (await probe.GetAsync("/alive")).IsSuccessStatusCode,
                TimeSpan.FromSeconds(60), $"{project} answers /alive");
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
        return service;
    }

    private void Collect(string? line)
    {
        if (line is not null && _output.Count < 2000)
        {
            _output.Enqueue(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
