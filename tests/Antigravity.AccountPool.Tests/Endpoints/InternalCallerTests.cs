using System.Net;
using System.Net.Http.Json;
using Antigravity.AccountPool.Tests.Infrastructure;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Antigravity.AccountPool.Tests.Endpoints;

/// <summary>
/// The internal API hands out every refresh token (<c>/internal/accounts/export</c>) and live access tokens
/// (<c>/internal/leases</c>): only callers holding the services' credential, addressing the pool by its own name.
/// </summary>
public sealed class InternalCallerTests(PoolFixture fixture) : PoolTestBase(fixture)
{
    private const string Key = "test-internal-key-0123456789abcdef";

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/internal/accounts" },
        { "GET", "/internal/accounts/export" },
        { "POST", "/internal/leases" },
        { "POST", "/internal/oauth/start" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Without_the_credential_every_internal_route_answers_401_json(string method, string path)
    {
        var app = StartApp(new Dictionary<string, string> { ["Internal:ApiKey"] = Key });
        using var http = app.CreateClient();

        using var response = await http.SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await response.Content.ReadFromJsonAsync(PoolJsonContext.Default.FieldError);
        Assert.Contains(InternalApiKey.HeaderName, error!.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("test-internal-key-0123456789abcdeF")]
    [InlineData("test-internal-key-0123456789abcdef ")]
    [InlineData("")]
    public async Task A_wrong_credential_answers_401(string presented)
    {
        var app = StartApp(new Dictionary<string, string> { ["Internal:ApiKey"] = Key });
        using var http = app.CreateClient();
        var request = Request("GET", "/internal/accounts/export");
        request.Headers.TryAddWithoutValidation(InternalApiKey.HeaderName, presented);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("refreshToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pool_client_with_the_credential_is_served_and_the_credential_is_never_logged()
    {
        var app = StartApp(new Dictionary<string, string> { ["Internal:ApiKey"] = Key });
        var pool = new AccountPoolClient(app.CreateDefaultClient(new InternalApiKeyHandler(Key)));

        var added = await pool.AddAccountAsync(new AddAccountRequest { Kind = AccountKinds.GeminiApiKey, ApiKey = "AIza-internal-test" });
        var export = await pool.ExportAsync();

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains(export.Value!.Accounts, account => account.ApiKey == "AIza-internal-test");
        Assert.DoesNotContain(Key, app.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains("Internal:ApiKey is not set", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:8045")]
    [InlineData("accountpool.evil.example")]
    [InlineData("10.0.0.5")]
    public async Task A_foreign_host_header_is_refused_with_421_even_with_the_credential(string host)
    {
        var app = StartApp(new Dictionary<string, string> { ["Internal:ApiKey"] = Key });
        using var http = app.CreateDefaultClient(new InternalApiKeyHandler(Key));
        var request = Request("GET", "/internal/accounts/export");
        request.Headers.Host = host;

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync(PoolJsonContext.Default.FieldError);
        Assert.Contains("AccountPool:AllowedHosts", error!.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:41234")]
    [InlineData("[::1]:41234")]
    [InlineData("accountpool")]
    [InlineData("pool.internal.example")]
    public async Task The_pool_s_own_names_are_served(string host)
    {
        var app = StartApp(new Dictionary<string, string> { ["Internal:ApiKey"] = Key, ["AccountPool:AllowedHosts:0"] = "pool.internal.example" });
        using var http = app.CreateDefaultClient(new InternalApiKeyHandler(Key));
        var request = Request("GET", "/internal/accounts");
        request.Headers.Host = host;

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_configured_credential_loopback_callers_are_served_foreign_hosts_refused_and_a_warning_logged_once()
    {
        // The base class's replica runs without Internal:ApiKey, as `dotnet run` of the pool alone does.
        using var http = App.CreateClient();
        var warningsAtStart = Warnings();

        using var served = await http.GetAsync(new Uri("/internal/accounts", UriKind.Relative));
        var foreign = Request("GET", "/internal/accounts");
        foreign.Headers.Host = "evil.example";
        using var refused = await http.SendAsync(foreign);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, refused.StatusCode);
        // Said at start, not on every request.
        Assert.NotEqual(0, warningsAtStart);
        Assert.Equal(warningsAtStart, Warnings());

        int Warnings() => App.Logs.Lines.Count(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("Internal:ApiKey is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_caller_on_another_machine_is_refused_with_403_even_with_the_credential()
    {
        var app = StartApp(new Dictionary<string, string> { ["Internal:ApiKey"] = Key });

        var context = await app.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse("192.168.1.20");
            http.Request.Method = "GET";
            http.Request.Path = "/internal/accounts/export";
            http.Request.Host = new HostString("127.0.0.1");
            http.Request.Headers[InternalApiKey.HeaderName] = Key;
        });

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
    }

    [Fact]
    public void A_credential_too_short_to_be_one_fails_the_start_naming_the_setting()
    {
        var app = Fixture.CreateApp(new Dictionary<string, string> { ["Internal:ApiKey"] = "short" });

        var error = Record.Exception(() => app.Server);

        Assert.NotNull(error);
        Assert.Contains("Internal:ApiKey must be at least 16 characters", error.ToString(), StringComparison.Ordinal);
        app.Dispose();
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), new Uri(path, UriKind.Relative))
        {
            Content = method == "POST" ? JsonContent.Create(new { model = "gemini-2.5-flash", redirectUri = "http://localhost/cb" }) : null,
        };
}
