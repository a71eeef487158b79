using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Antigravity.AppHost;
using Antigravity.Testing.App;
using Antigravity.Testing;

namespace Antigravity.IntegrationTests;

/// <summary>Crashes while running: the AppHost restarts what died and the services recover by themselves.</summary>
public sealed class SupervisionTests
{
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Killing_redis_restarts_it_services_go_unhealthy_then_recover_and_settings_survive()
    {
        await using var app = await AntigravityTestApp.StartAsync();
        // Admin changes answered just before the kill: their 2xx promises they are on disk.
        using var admin = await app.CreateAdminClientAsync();
        using var added = await admin.PostAsJsonAsync("/api/accounts", new { kind = "gemini-api-key", apiKey = "AIza-kept-across-a-crash", label = "kept" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var accountId = (await added.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var regenerated = await admin.PostAsync(new Uri("/api/proxy/api-key", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, regenerated.StatusCode);
        var before = await app.ReadCredentialsAsync();
        Assert.NotNull(before.ApiKey);
        var redisPid = app.GetProcessId(AntigravityTopology.RedisName);
        using var gateway = app.CreateHttpClient(AntigravityTopology.GatewayName);

        // Poll /health from now on so the short unhealthy window cannot be missed.
        var sawUnhealthy = false;
        using var polling = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            while (!polling.IsCancellationRequested)
            {
                try
                {
                    using var response = await gateway.GetAsync(new Uri("/health", UriKind.Relative), polling.Token);
                    sawUnhealthy |= response.StatusCode == HttpStatusCode.ServiceUnavailable;
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        await app.KillResourceAsync(AntigravityTopology.RedisName);

        await Eventually.WaitUntilAsync(() => Volatile.Read(ref sawUnhealthy), RecoveryDeadline, "the gateway reports unhealthy while Redis is down");
        await polling.CancelAsync();
        await poller;
        foreach (var service in new[] { AntigravityTopology.AccountPoolName, AntigravityTopology.GatewayName, AntigravityTopology.DashboardName })
        {
            using var client = app.CreateHttpClient(service);
            await Eventually.WaitUntilAsync(async () =>
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                return response.StatusCode == HttpStatusCode.OK;
            }, RecoveryDeadline, $"{service} is healthy again");
        }

        Assert.NotEqual(redisPid, app.GetProcessId(AntigravityTopology.RedisName));
        AssertRestartNoted(app.GetLogs(AntigravityTopology.RedisName), "redis", 1, 1);
        var after = await app.ReadCredentialsAsync();
        Assert.Equal(before.ApiKey, after.ApiKey);
        using var account = await admin.GetAsync(new Uri($"/api/accounts/{accountId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    [Fact]
    public async Task A_crashed_service_is_reported_and_restarted_with_backoff()
    {
        await using var app = await AntigravityTestApp.StartAsync();
        var pid = app.GetProcessId(AntigravityTopology.AccountPoolName);

        await app.KillResourceAsync(AntigravityTopology.AccountPoolName);
        await Eventually.WaitUntilAsync(() => app.GetProcessId(AntigravityTopology.AccountPoolName) is { } current && current != pid, RecoveryDeadline, "accountpool runs again");
        await app.WaitForHealthyAsync(AntigravityTopology.AccountPoolName, RecoveryDeadline);
        var second = app.GetProcessId(AntigravityTopology.AccountPoolName);
        await app.KillResourceAsync(AntigravityTopology.AccountPoolName);
        await Eventually.WaitUntilAsync(() => app.GetProcessId(AntigravityTopology.AccountPoolName) is { } current && current != second, RecoveryDeadline, "accountpool runs a third time");
        await app.WaitForHealthyAsync(AntigravityTopology.AccountPoolName, RecoveryDeadline);

        // Said where the Aspire dashboard shows the resource's console, with the growing wait.
        var messages = app.GetLogs(AntigravityTopology.AccountPoolName);
        AssertRestartNoted(messages, "accountpool", 1, 1);
        AssertRestartNoted(messages, "accountpool", 2, 2);
        using var client = app.CreateHttpClient(AntigravityTopology.AccountPoolName);
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static void AssertRestartNoted(IReadOnlyList<string> lines, string resource, int seconds, int restart)
    {
        var note = new Regex($@"\b{resource} exited( with code -?\d+)?; restarting in {seconds} s \(restart {restart} within a minute\)");
        Assert.True(lines.Any(note.IsMatch), $"no '{note}' in the {resource} console; its lines about restarts: {string.Join(" | ", lines.Where(line => line.Contains("restart", StringComparison.Ordinal)))}");
    }
}
