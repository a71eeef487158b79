using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Antigravity.Benchmarks.Compare;

/// <summary>Puts accounts in the gateway's pool through the dashboard's admin API, as a user would.</summary>
public sealed class GatewayAccounts(HttpClient dashboard, Uri emulator) : IDisposable
{
    /// <summary>A client for the admin API at <paramref name="dashboardUrl"/>.</summary>
    public static GatewayAccounts Create(Uri dashboardUrl, string adminPassword, Uri emulator)
    {
        var client = new HttpClient { BaseAddress = dashboardUrl, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminPassword);
        return new GatewayAccounts(client, emulator);
    }

    /// <summary>A Google account (<c>emulator-refresh-1</c>) and one OpenAI-compatible account at <c>{emulator}/openai/v1</c>.</summary>
    public async Task AddStartingAccountsAsync(CancellationToken cancellationToken)
    {
        await AddAsync(new JsonObject { ["kind"] = "antigravity", ["refreshToken"] = "emulator-refresh-1" }, cancellationToken);
        await AddAsync(OpenAiCompatible("emulated OpenAI-compatible", BenchmarkPaths.ProviderKey), cancellationToken);
    }

    /// <summary>
    /// <paramref name="count"/> more OpenAI-compatible accounts serving the same model, each with its own key
    /// (registered with the emulator first), a few at a time.
    /// </summary>
    public async Task AddOpenAiCompatibleAsync(int count, CancellationToken cancellationToken)
    {
        using var emulatorClient = new HttpClient { BaseAddress = emulator, Timeout = TimeSpan.FromSeconds(30) };
        await Parallel.ForEachAsync(Enumerable.Range(1, count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var key = $"bench-openai-key-{i}";
            using (var registered = await emulatorClient.PostAsJsonAsync("/_emulator/keys", new JsonObject { ["kind"] = "openai", ["key"] = key }, ct))
            {
                registered.EnsureSuccessStatusCode();
            }
            await AddAsync(OpenAiCompatible($"bench pool {i}", key), ct);
        });
    }

    private JsonObject OpenAiCompatible(string label, string key) => new()
    {
        ["kind"] = "openai-compatible",
        ["label"] = label,
        ["apiKey"] = key,
        ["baseUrl"] = emulator.GetLeftPart(UriPartial.Authority) + "/openai/v1",
        ["models"] = new JsonArray(BenchmarkPaths.ProviderModel),
    };

    private async Task AddAsync(JsonObject account, CancellationToken cancellationToken)
    {
        using var response = await dashboard.PostAsJsonAsync("/api/accounts", account, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Adding a {account["kind"]} account: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => dashboard.Dispose();
}
