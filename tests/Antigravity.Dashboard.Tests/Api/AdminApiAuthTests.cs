using System.Net;
using Antigravity.Dashboard.Tests.Infrastructure;

namespace Antigravity.Dashboard.Tests.Api;

public sealed class AdminApiAuthTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>, IAsyncLifetime
{
    private const string Password = "admin-password-for-tests";
    private DashboardFactory _app = null!;

    public async Task InitializeAsync()
    {
        await garnet.ResetAsync();
        _app = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?> { ["Dashboard:AdminPassword"] = Password });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("GET", "/api/proxy/config")]
    [InlineData("PATCH", "/api/proxy/config")]
    [InlineData("POST", "/api/proxy/api-key")]
    [InlineData("GET", "/api/proxy/status")]
    public async Task Every_admin_route_answers_401_json_with_a_bearer_challenge_without_a_credential(string method, string path)
    {
        using var client = _app.CreateBrowser();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Json.Body("{\"authMode\":\"off\"}") };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Authorization: Bearer <admin password>", Json.ErrorMessage(await Json.ReadAsync(response)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer not-the-password")]
    [InlineData("Bearer ")]
    [InlineData("Basic YWRtaW46YWRtaW4=")]
    [InlineData("admin-password-for-tests")]
    public async Task A_wrong_credential_is_refused_with_401(string authorization)
    {
        using var client = _app.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/proxy/config");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("admin", Json.ErrorMessage(await Json.ReadAsync(response)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_admin_password_as_bearer_token_is_accepted_and_the_answer_is_not_cached()
    {
        using var client = _app.CreateAdminClient(Password);

        using var response = await client.GetAsync("/api/proxy/config");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_admin_route_answers_404_json_once_authenticated()
    {
        using var client = _app.CreateAdminClient(Password);

        using var response = await client.GetAsync("/api/proxy/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("/api/proxy/nothing-here", Json.ErrorMessage(await Json.ReadAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_probe_stays_open_without_a_credential()
    {
        using var client = _app.CreateBrowser();

        using var response = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
