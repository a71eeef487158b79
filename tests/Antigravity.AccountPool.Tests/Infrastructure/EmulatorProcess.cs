using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Antigravity.Testing;

namespace Antigravity.AccountPool.Tests.Infrastructure;

/// <summary>The upstream emulator, started as its own process on a free port.</summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        Control = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public string BaseUrl { get; }

    public HttpClient Control { get; }

    public static async Task<EmulatorProcess> StartAsync()
    {
        var dll = Path.Combine(RepositoryRoot.Find(), "src", "Antigravity.UpstreamEmulator", "bin", "Debug", "net10.0", "Antigravity.UpstreamEmulator.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The emulator is not built at {dll}.");
        }
        var port = FreePort.Next();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", baseUrl])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The emulator did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var emulator = new EmulatorProcess(process, baseUrl);
        await Eventually.WaitUntilAsync(async () => (await emulator.Control.GetAsync("/alive")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the emulator answers /alive");
        return emulator;
    }

    public async Task ResetAsync() => (await Control.PostAsync("/_emulator/reset", null)).EnsureSuccessStatusCode();

    /// <summary>How many token requests (refresh or code) the emulator served.</summary>
    public async Task<int> TokenRequestCountAsync()
    {
        using var document = JsonDocument.Parse(await Control.GetStringAsync("/_emulator/requests?limit=10000&path=/token"));
        return document.RootElement.EnumerateArray().Count(e => e.GetProperty("path").GetString() == "/token");
    }

    public async Task PostAsync(string path, object body) =>
        (await Control.PostAsJsonAsync(path, body)).EnsureSuccessStatusCode();

    public async Task PutAsync(string path, object body) =>
        (await Control.PutAsJsonAsync(path, body)).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
