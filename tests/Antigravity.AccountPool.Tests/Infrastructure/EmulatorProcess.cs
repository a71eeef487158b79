using System.Net.Http.Json;
using System.Text.Json;

namespace Antigravity.AccountPool.Tests.Infrastructure;

/// <summary>The upstream emulator, started as its own process on a free port.</summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly ServiceProcess _process;

    private EmulatorProcess(ServiceProcess process)
    {
        _process = process;
        BaseUrl = process.BaseUrl;
        Control = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    public string BaseUrl { get; }

    public HttpClient Control { get; }

    public static async Task<EmulatorProcess> StartAsync() =>
        new(await ServiceProcess.StartAsync("Antigravity.UpstreamEmulator", new Dictionary<string, string>()));

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
        await _process.DisposeAsync();
    }
}
