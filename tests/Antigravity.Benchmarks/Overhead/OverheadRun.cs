using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Antigravity.AppHost;
using Antigravity.Testing.App;

namespace Antigravity.Benchmarks.Overhead;

/// <summary>
/// Starts the whole app with the emulator (request log off), adds a Google account and an
/// OpenAI-compatible account through the admin API, then times each <see cref="OverheadPair"/>: requests
/// alternate between the gateway and the emulator so both see the same machine load, after a warm-up.
/// Prints a Markdown table of medians, 90th percentiles and gateway/direct ratios.
/// </summary>
public static class OverheadRun
{
    /// <summary>Runs the measurement; <paramref name="requests"/> timed requests per target and pair.</summary>
    public static async Task<int> RunAsync(int requests, int warmup, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Starting the app (emulator on, request log off); {warmup} warm-up and {requests} timed requests per target…");
        await using var app = await AntigravityTestApp.StartAsync(options =>
        {
            options.Emulator = true;
            options.ResourceEnvironment[AntigravityTopology.EmulatorName] = new() { ["Emulator__RequestLogCapacity"] = "0" };
        }, cancellationToken);
        var credentials = await app.ReadCredentialsAsync(cancellationToken: cancellationToken);
        var emulatorUrl = app.GetEndpoint(AntigravityTopology.EmulatorName);
        await AddAccountsAsync(app, credentials.AdminPassword!, emulatorUrl, cancellationToken);

        using var gateway = OverheadTarget.CreateClient(app.GetEndpoint(AntigravityTopology.GatewayName));
        using var emulator = OverheadTarget.CreateClient(emulatorUrl);
        var accessToken = await OverheadScenarios.AccessTokenAsync(emulator, cancellationToken);
        var pairs = OverheadScenarios.Build(gateway, credentials.ApiKey!, emulator, accessToken);

        var report = new StringBuilder();
        report.AppendLine("| request | target | TTFB median | TTFB p90 | total median | total p90 |");
        report.AppendLine("|---|---|---:|---:|---:|---:|");
        var ratios = new StringBuilder();
        ratios.AppendLine("| request | TTFB ratio (gateway/direct, medians) | total ratio | added per request (total, medians) |");
        ratios.AppendLine("|---|---:|---:|---:|");
        foreach (var pair in pairs)
        {
            var (g, d) = await MeasureAsync(pair, requests, warmup, cancellationToken);
            report.AppendLine(Row(pair.Name, "gateway", g));
            report.AppendLine(Row(pair.Name, "emulator directly", d));
            ratios.AppendLine(Invariant($"| {pair.Name} | {g.FirstByteMedian / d.FirstByteMedian:F2}× | {g.TotalMedian / d.TotalMedian:F2}× | {g.TotalMedian - d.TotalMedian:F2} ms |"));
        }

        // The emulator answers at once, so a whole stream fits in one read and the first byte is the last.
        // A scripted pause after the second upstream event shows whether the gateway relays events as they
        // come (first byte well before the end) or holds them back. After the second, not the first: an
        // OpenAI stream opens with a role-only chunk that carries no content for the gateway to relay.
        var paced = new StringBuilder();
        paced.AppendLine(Invariant($"| request (upstream pauses {PauseMs} ms after its second event) | target | TTFB median | TTFB p90 | total median | total p90 |"));
        paced.AppendLine("|---|---|---:|---:|---:|---:|");
        await ScriptPauseAsync(emulator, cancellationToken);
        foreach (var pair in pairs.Where(p => p.Name.Contains("streamed", StringComparison.Ordinal) && !p.Name.Contains("non-streamed", StringComparison.Ordinal)))
        {
            var (g, d) = await MeasureAsync(pair, Math.Max(10, requests / 10), warmup: 2, cancellationToken);
            paced.AppendLine(Row(pair.Name, "gateway", g));
            paced.AppendLine(Row(pair.Name, "emulator directly", d));
        }
        (await emulator.DeleteAsync("/_emulator/behaviours", cancellationToken)).EnsureSuccessStatusCode();

        Console.WriteLine();
        Console.WriteLine(Invariant($"Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}"));
        Console.WriteLine(Invariant($"Requests per target and row: {requests} timed after {warmup} warm-up; one at a time (no concurrency); times in ms."));
        Console.WriteLine();
        Console.Write(report);
        Console.WriteLine();
        Console.Write(ratios);
        Console.WriteLine();
        Console.Write(paced);
        return 0;
    }

    private const int PauseMs = 100;

    /// <summary>Times <paramref name="requests"/> requests to each target after a warm-up, alternating which goes first.</summary>
    private static async Task<(LatencySummary Gateway, LatencySummary Direct)> MeasureAsync(OverheadPair pair, int requests, int warmup, CancellationToken cancellationToken)
    {
        for (var i = 0; i < warmup; i++)
        {
            await pair.Gateway.MeasureAsync(cancellationToken);
            await pair.Direct.MeasureAsync(cancellationToken);
        }
        var viaGateway = new List<LatencySample>(requests);
        var direct = new List<LatencySample>(requests);
        for (var i = 0; i < requests; i++)
        {
            // Alternate which goes first so neither always meets a just-warmed connection.
            if (i % 2 == 0)
            {
                viaGateway.Add(await pair.Gateway.MeasureAsync(cancellationToken));
                direct.Add(await pair.Direct.MeasureAsync(cancellationToken));
            }
            else
            {
                direct.Add(await pair.Direct.MeasureAsync(cancellationToken));
                viaGateway.Add(await pair.Gateway.MeasureAsync(cancellationToken));
            }
        }
        return (new LatencySummary(viaGateway), new LatencySummary(direct));
    }

    /// <summary>Every generation from now on pauses <see cref="PauseMs"/> after its second event (the emulator's <c>stall_stream</c>).</summary>
    private static async Task ScriptPauseAsync(HttpClient emulator, CancellationToken cancellationToken)
    {
        using var response = await emulator.PostAsJsonAsync("/_emulator/behaviours",
            new JsonObject { ["action"] = "stall_stream", ["afterEvents"] = 2, ["delayMs"] = PauseMs }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static string Row(string name, string target, LatencySummary s) =>
        Invariant($"| {name} | {target} | {s.FirstByteMedian:F2} | {s.FirstByteP90:F2} | {s.TotalMedian:F2} | {s.TotalP90:F2} |");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static async Task AddAccountsAsync(AntigravityTestApp app, string adminPassword, Uri emulator, CancellationToken cancellationToken)
    {
        using var dashboard = app.CreateHttpClient(AntigravityTopology.DashboardName);
        dashboard.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminPassword);
        JsonObject[] accounts =
        [
            new() { ["kind"] = "antigravity", ["refreshToken"] = "emulator-refresh-1" },
            new()
            {
                ["kind"] = "openai-compatible",
                ["label"] = "emulated OpenAI-compatible",
                ["apiKey"] = OverheadScenarios.ProviderKey,
                ["baseUrl"] = emulator.ToString().TrimEnd('/') + "/openai/v1",
                ["models"] = new JsonArray(OverheadScenarios.ProviderModel),
            },
        ];
        foreach (var account in accounts)
        {
            using var response = await dashboard.PostAsJsonAsync("/api/accounts", account, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Adding a {account["kind"]} account: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }
    }
}
