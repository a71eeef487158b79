using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Antigravity.IntegrationTests.Gateway;

namespace Antigravity.IntegrationTests.Clients;

/// <summary>The whole app with the emulator and one Google account (ultra), for one CLI's scenarios.</summary>
public class ClientAppFixture : PoolAppFixture
{
    protected override IReadOnlyList<string> RefreshTokens => ["emulator-refresh-1"];

    /// <summary>The gateway's base address, without a trailing slash.</summary>
    public string GatewayUrl => App.GetEndpoint("gateway").ToString().TrimEnd('/');

    /// <summary>The gateway's API key (auth is off on loopback, but the clients send it as a user would).</summary>
    public async Task<string> ApiKeyAsync() => (await App.ReadCredentialsAsync()).ApiKey ?? throw new InvalidOperationException("The gateway stored no API key.");

    /// <summary>Queues emulated model turns (<c>POST /_emulator/script</c>).</summary>
    public async Task ScriptAsync(params JsonObject[] turns)
    {
        using var emulator = Emulator();
        using var response = await emulator.PostAsJsonAsync("/_emulator/script", new JsonObject { ["turns"] = new JsonArray(turns) });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The scripted turns no request has played yet.</summary>
    public async Task<JsonArray> PendingScriptAsync()
    {
        using var emulator = Emulator();
        return (await emulator.GetFromJsonAsync<JsonObject>("/_emulator/script"))!["turns"]!.AsArray();
    }

    /// <summary>Empties the script and the behaviours, so one scenario's leftovers never steer the next.</summary>
    public async Task ResetScenarioAsync()
    {
        await ResetEmulatorAsync();
        using var emulator = Emulator();
        (await emulator.DeleteAsync("/_emulator/script")).EnsureSuccessStatusCode();
        (await emulator.DeleteAsync("/_emulator/requests")).EnsureSuccessStatusCode();
    }

    /// <summary>The bodies of the generation requests the emulator received (Cloud Code and Gemini API), oldest first.</summary>
    public async Task<IReadOnlyList<string>> UpstreamBodiesAsync()
    {
        using var emulator = Emulator();
        var entries = (await emulator.GetFromJsonAsync<JsonArray>("/_emulator/requests?limit=1000"))!;
        return [.. entries.Select(e => e!["body"]?.GetValue<string>() ?? "").Where(b => b.Length > 0)];
    }

    /// <summary>Emulated turn: answer <paramref name="text"/> to the next request (whatever it asks).</summary>
    public static JsonObject Answer(string text) => new() { ["text"] = text };

    /// <summary>Emulated turn: call <paramref name="name"/> with <paramref name="arguments"/>.</summary>
    public static JsonObject Call(string name, JsonObject arguments, string? model = null) => new()
    {
        ["model"] = model,
        ["call"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
    };

    /// <summary>Emulated turn: once <paramref name="tool"/>'s result comes back, answer <paramref name="text"/>.</summary>
    public static JsonObject AnswerAfter(string tool, string text) => new() { ["afterTool"] = tool, ["text"] = text };
}
