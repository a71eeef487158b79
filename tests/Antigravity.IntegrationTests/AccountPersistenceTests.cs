using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Antigravity.AppHost;
using Antigravity.Testing.App;

namespace Antigravity.IntegrationTests;

/// <summary>
/// Accounts and their cooldowns are pool state in Redis: stopping the whole application and starting it
/// again on the same data directory must bring back both, the account still cooling for the same model
/// until the same time.
/// </summary>
public sealed class AccountPersistenceTests : IDisposable
{
    private const string Model = "gemini-2.5-flash";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "antigravity-accounts-test-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Accounts_and_cooldowns_survive_a_restart_of_the_whole_app()
    {
        string accountId;
        DateTimeOffset cooldownUntil;
        string password;
        await using (var app = await StartAsync())
        {
            // Printed at the first start only: Redis keeps just its hash, so the user keeps it from here.
            password = (await app.ReadCredentialsAsync()).AdminPassword!;
            using var dashboard = app.CreateAdminClient(password);
            using var added = await dashboard.PostAsJsonAsync("/api/accounts", new { kind = "antigravity", refreshToken = "emulator-refresh-1" });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            accountId = (await added.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

            // The gateway's report of an upstream 429 with a one-hour quota reset, as the pool receives it.
            using var pool = app.CreateInternalClient(AntigravityTopology.AccountPoolName);
            using var leased = await pool.PostAsJsonAsync("/internal/leases", new { model = Model });
            Assert.Equal(HttpStatusCode.OK, leased.StatusCode);
            var lease = (await leased.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(accountId, lease["accountId"]!.GetValue<string>());
            using var reported = await pool.PostAsJsonAsync($"/internal/leases/{lease["leaseId"]!.GetValue<string>()}/outcome", new
            {
                status = 429,
                errorBody = """{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"quota","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"QUOTA_EXHAUSTED","metadata":{"quotaResetDelay":"3600s"}}]}}""",
            });
            Assert.Equal(HttpStatusCode.OK, reported.StatusCode);

            cooldownUntil = CooldownFor(await GetAccountAsync(dashboard, accountId));
            Assert.InRange(cooldownUntil, DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
        }

        await using var again = await StartAsync();
        var credentialsAgain = await again.ReadCredentialsAsync();
        Assert.Null(credentialsAgain.AdminPassword);
        Assert.True(credentialsAgain.AdminPasswordSetEarlier);
        using var dashboardAgain = again.CreateAdminClient(password);
        var account = await GetAccountAsync(dashboardAgain, accountId);

        Assert.Equal("ultra@emulator.test", account["email"]!.GetValue<string>());
        Assert.Equal(cooldownUntil, CooldownFor(account));
        using var poolAgain = again.CreateInternalClient(AntigravityTopology.AccountPoolName);
        using var refused = await poolAgain.PostAsJsonAsync("/internal/leases", new { model = Model });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    private Task<AntigravityTestApp> StartAsync() => AntigravityTestApp.StartAsync(options =>
    {
        options.Emulator = true;
        options.DataDirectory = _dataDirectory;
    });

    private static async Task<JsonObject> GetAccountAsync(HttpClient dashboard, string id)
    {
        using var response = await dashboard.GetAsync(new Uri($"/api/accounts/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static DateTimeOffset CooldownFor(JsonObject account)
    {
        var cooldown = Assert.Single(account["cooldowns"]!.AsArray(), entry => entry!["model"]!.GetValue<string>() == Model)!;
        return cooldown["until"]!.GetValue<DateTimeOffset>();
    }
}
