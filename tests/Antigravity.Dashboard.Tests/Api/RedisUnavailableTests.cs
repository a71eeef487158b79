using System.Net;
using Antigravity.Dashboard.Tests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.Dashboard.Tests.Api;

public sealed class RedisUnavailableTests
{
    [Fact]
    public async Task Without_redis_the_api_answers_503_saying_what_to_do()
    {
        // A port nothing listens on.
        var connectionString = $"127.0.0.1:{FreePort.Next()},connectTimeout=500,syncTimeout=1000";
        await using var app = new DashboardFactory(connectionString, new Dictionary<string, string?> { ["Dashboard:AdminPassword"] = "admin-password-for-tests" });
        using var client = app.CreateAdminClient("admin-password-for-tests");

        using var response = await client.GetAsync("/api/proxy/config");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("ConnectionStrings__redis", Json.ErrorMessage(await Json.ReadAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_redis_the_sign_in_page_says_redis_is_unreachable_and_what_to_do()
    {
        var connectionString = $"127.0.0.1:{FreePort.Next()},connectTimeout=500,syncTimeout=1000";
        await using var app = new DashboardFactory(connectionString, new Dictionary<string, string?> { ["Dashboard:AdminPassword"] = "admin-password-for-tests" });
        using var browser = app.CreateBrowser();

        using var response = await browser.GetAsync("/login");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Redis is unreachable", html, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__redis", html, StringComparison.Ordinal);
    }
}
