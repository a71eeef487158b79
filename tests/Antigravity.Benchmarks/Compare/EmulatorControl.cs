using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Antigravity.Benchmarks.Compare;

/// <summary>What the benchmark asks of the upstream emulator besides answers: a Cloud Code token and a scripted pause.</summary>
public sealed class EmulatorControl(Uri emulator) : IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = emulator, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>An access token for <c>emulator-refresh-1</c> from the emulator's OAuth token endpoint.</summary>
    public async Task<string> AccessTokenAsync(CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = "emulator-refresh-1",
            ["client_id"] = "emulator-client-id",
            ["client_secret"] = "emulator-client-secret",
        }), cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return token?["access_token"]?.GetValue<string>() ?? throw new InvalidOperationException("The emulator gave no access token.");
    }

    /// <summary>Every generation from now on pauses <paramref name="pause"/> after its second event (<c>stall_stream</c>).</summary>
    public async Task PauseStreamsAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        using var response = await _client.PostAsJsonAsync("/_emulator/behaviours",
            new JsonObject { ["action"] = "stall_stream", ["afterEvents"] = 2, ["delayMs"] = (int)pause.TotalMilliseconds }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Removes every scripted behaviour: answers are instant again.</summary>
    public async Task ClearBehavioursAsync(CancellationToken cancellationToken)
    {
        using var response = await _client.DeleteAsync("/_emulator/behaviours", cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
