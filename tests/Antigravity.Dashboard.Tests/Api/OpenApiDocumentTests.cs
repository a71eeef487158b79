using System.Net;
using Antigravity.Dashboard.Tests.Infrastructure;

namespace Antigravity.Dashboard.Tests.Api;

public sealed class OpenApiDocumentTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    [Fact]
    public async Task The_document_lists_the_admin_routes_and_the_bearer_credential()
    {
        await using var app = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?> { ["Dashboard:AdminPassword"] = "admin-password-for-tests" });
        using var client = app.CreateBrowser();

        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Json.ReadAsync(response);
        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/proxy/config").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/proxy/config").TryGetProperty("patch", out _));
        Assert.True(paths.GetProperty("/api/proxy/api-key").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/proxy/status").TryGetProperty("get", out _));
        Assert.All(paths.EnumerateObject(), path => Assert.StartsWith("/api/", path.Name, StringComparison.Ordinal));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("AdminPassword");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("ProxyConfigResponse", out var config));
        Assert.True(config.GetProperty("properties").TryGetProperty("effectiveAuthMode", out _));
    }
}
