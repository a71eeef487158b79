using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Antigravity.AppHost;
using Antigravity.AppHost.Testing;

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
            var g = new LatencySummary(viaGateway);
            var d = new LatencySummary(direct);
            report.AppendLine(Row(pair.Name, "gateway", g));
            report.AppendLine(Row(pair.Name, "emulator directly", d));
            ratios.AppendLine(Invariant($"| {pair.Name} | {g.FirstByteMedian / d.FirstByteMedian:F2}× | {g.TotalMedian / d.TotalMedian:F2}× | {g.TotalMedian - d.TotalMedian:F2} ms |"));
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}"));
        Console.WriteLine(Invariant($"Requests per target and row: {requests} timed after {warmup} warm-up; one at a time (no concurrency); times in ms."));
        Console.WriteLine();
        Console.Write(report);
        Console.WriteLine();
        Console.Write(ratios);
        return 0;
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
