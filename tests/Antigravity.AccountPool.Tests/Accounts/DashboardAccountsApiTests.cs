using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Antigravity.AccountPool.Tests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.AccountPool.Tests.Accounts;

/// <summary>The dashboard's <c>/api/accounts</c> routes and <c>/auth/callback</c>, against a real pool over HTTP.</summary>
public sealed class DashboardAccountsApiTests(PoolFixture fixture) : PoolTestBase(fixture)
{
    private const string AdminPassword = "dashboard-admin-password";
    private const string InternalKey = "dashboard-internal-key-0123456789abcdef";

    [Fact]
    public async Task Admin_routes_need_the_password_and_manage_accounts_through_the_pool()
    {
        var port = FreePort.Next();
        // Both hold the internal credential, as under the AppHost: the pool refuses calls without it.
        await using var pool = Fixture.CreateApp(new Dictionary<string, string> { ["Internal:ApiKey"] = InternalKey });
        pool.UseKestrel(port);
        pool.StartServer();
        await using var dashboard = await ServiceProcess.StartAsync("Antigravity.Dashboard", new Dictionary<string, string>
        {
            ["ConnectionStrings__redis"] = Fixture.Redis.ConnectionString,
            ["services__accountpool__http__0"] = $"http://127.0.0.1:{port}",
            ["Dashboard__AdminPassword"] = AdminPassword,
            ["Internal__ApiKey"] = InternalKey,
        });
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(dashboard.BaseUrl) };
        using var admin = new HttpClient { BaseAddress = new Uri(dashboard.BaseUrl) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/accounts")).StatusCode);

        using var added = await admin.PostAsJsonAsync("/api/accounts", new { kind = "gemini-api-key", apiKey = "sk-dashboardkey-0123456789wxyz", label = "key one" });
        var addedText = await added.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.DoesNotContain("sk-dashboardkey-0123456789wxyz", addedText);
        var id = JsonDocument.Parse(addedText).RootElement.GetProperty("id").GetString()!;

        using var bad = await admin.PostAsJsonAsync("/api/accounts", new { kind = "openai-compatible", apiKey = "k" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("baseUrl", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("field").GetString());

        var list = JsonDocument.Parse(await admin.GetStringAsync("/api/accounts")).RootElement;
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetString());

        using var patched = await admin.PatchAsJsonAsync($"/api/accounts/{id}", new { enabled = false });
        Assert.Equal("disabled", JsonDocument.Parse(await patched.Content.ReadAsStringAsync()).RootElement.GetProperty("state").GetProperty("status").GetString());

        // Google sign-in: the consent URL returns to this dashboard's /auth/callback, which adds the account.
        using var start = await admin.PostAsync("/api/accounts/oauth/start", null);
        var authorizeUrl = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement.GetProperty("authorizeUrl").GetString()!;
        Assert.Contains(Uri.EscapeDataString(dashboard.BaseUrl + "/auth/callback"), authorizeUrl);
        using var consent = await anonymous.GetAsync(authorizeUrl);
        using var callback = await anonymous.GetAsync(consent.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Contains("Account added", await callback.Content.ReadAsStringAsync());
        Assert.Equal(2, JsonDocument.Parse(await admin.GetStringAsync("/api/accounts")).RootElement.GetArrayLength());

        var export = await admin.GetStringAsync("/api/accounts/export");
        Assert.Contains("sk-dashboardkey-0123456789wxyz", export); // the backup is the one answer that carries secrets

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/accounts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/accounts/{id}")).StatusCode);
    }
}
