using System.Net;
using Antigravity.Dashboard.Tests.Infrastructure;

namespace Antigravity.Dashboard.Tests.Api;

/// <summary>The account pool refuses callers without the services' credential: the dashboard sends it on every call.</summary>
public sealed class PoolCredentialTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private const string Password = "admin-password-for-tests";

    [Fact]
    public async Task Every_call_to_the_pool_carries_the_configured_internal_credential()
    {
        await garnet.ResetAsync();
        var pool = new FakeAccountPool();
        await using var app = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?>
        {
            ["Dashboard:AdminPassword"] = Password,
            ["Internal:ApiKey"] = "dashboard-test-internal-key-0123456789",
        }, pool: pool);
        using var client = app.CreateAdminClient(Password);

        using var list = await client.GetAsync(new Uri("/api/accounts", UriKind.Relative));
        using var export = await client.GetAsync(new Uri("/api/accounts/export", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.True(pool.InternalKeys.Count >= 2, $"expected two calls to the pool, saw {pool.InternalKeys.Count}");
        Assert.All(pool.InternalKeys, key => Assert.Equal("dashboard-test-internal-key-0123456789", key));
    }
}
