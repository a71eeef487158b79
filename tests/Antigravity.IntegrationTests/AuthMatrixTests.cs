using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Antigravity.AppHost;
using Antigravity.Testing.App;

namespace Antigravity.IntegrationTests;

/// <summary>
/// Seed 001's auth rules through the whole application: the auth mode is changed the way a user changes
/// it (the dashboard's admin API), reaches the gateway through Redis, and every request shape of the
/// seed's pitfalls table gets the answer the seed promises.
/// </summary>
public sealed class AuthMatrixTests(AuthMatrixTests.AppFixture fixture) : IClassFixture<AuthMatrixTests.AppFixture>
{
    private const string WrongKey = "sk-not-the-right-key-at-all";

    public enum Shape
    {
        NoHeader,
        Bearer,
        BearerWithoutSpace,
        RawKeyInAuthorization,
        XApiKey,
        XGoogApiKey,
        WrongAuthorizationThenRightXApiKey,
        Preflight,
        HealthzWithoutKey,
    }

    [Theory]
    [InlineData("off")]
    [InlineData("strict")]
    [InlineData("all_except_health")]
    [InlineData("auto")]
    public async Task Every_request_shape_gets_the_seed_answer_in_each_auth_mode(string mode)
    {
        await fixture.SetAuthModeAsync(mode);

        // auto without LAN access resolves to off.
        var failures = await CheckAllShapesAsync(fixture.App, fixture.ApiKey, mode == "auto" ? "off" : mode);

        Assert.True(failures.Count == 0, $"auth mode {mode}:\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Auto_with_lan_access_guards_everything_but_healthz()
    {
        await using var app = await AntigravityTestApp.StartAsync(options => options.AllowLan = true);
        var apiKey = (await app.ReadCredentialsAsync()).ApiKey!;

        var failures = await CheckAllShapesAsync(app, apiKey, "all_except_health");

        Assert.True(failures.Count == 0, "auto with LAN access:\n" + string.Join('\n', failures));
    }

    private static async Task<List<string>> CheckAllShapesAsync(AntigravityTestApp app, string apiKey, string effectiveMode)
    {
        using var gateway = app.CreateHttpClient(AntigravityTopology.GatewayName);
        List<string> failures = [];
        foreach (var shape in Enum.GetValues<Shape>())
        {
            using var request = Build(shape, apiKey);
            using var response = await gateway.SendAsync(request);
            var expected = Expected(effectiveMode, shape);
            if (response.StatusCode != expected)
            {
                failures.Add($"{shape}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            if (response.StatusCode == HttpStatusCode.Unauthorized && (await response.Content.ReadAsStringAsync()).Contains(apiKey, StringComparison.Ordinal))
            {
                failures.Add($"{shape}: the 401 body echoes the key");
            }
        }
        return failures;
    }

    // The seed's rules: a CORS preflight always passes (204); off lets everything through; all_except_health exempts
    // /healthz; the first key header present decides, and "Bearer<key>" (no space) is not stripped.
    private static HttpStatusCode Expected(string effectiveMode, Shape shape) => (effectiveMode, shape) switch
    {
        (_, Shape.Preflight) => HttpStatusCode.NoContent,
        ("off", _) => HttpStatusCode.OK,
        ("all_except_health", Shape.HealthzWithoutKey) => HttpStatusCode.OK,
        (_, Shape.NoHeader or Shape.BearerWithoutSpace or Shape.WrongAuthorizationThenRightXApiKey or Shape.HealthzWithoutKey) => HttpStatusCode.Unauthorized,
        _ => HttpStatusCode.OK,
    };

    private static HttpRequestMessage Build(Shape shape, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/models", UriKind.Relative));
        switch (shape)
        {
            case Shape.Bearer:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
                break;
            case Shape.BearerWithoutSpace:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer" + key);
                break;
            case Shape.RawKeyInAuthorization:
                request.Headers.TryAddWithoutValidation("Authorization", key);
                break;
            case Shape.XApiKey:
                request.Headers.Add("x-api-key", key);
                break;
            case Shape.XGoogApiKey:
                request.Headers.Add("x-goog-api-key", key);
                break;
            case Shape.WrongAuthorizationThenRightXApiKey:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + WrongKey);
                request.Headers.Add("x-api-key", key);
                break;
            case Shape.Preflight:
                request.Method = HttpMethod.Options;
                request.Headers.Add("Origin", "http://localhost:3000");
                request.Headers.Add("Access-Control-Request-Method", "GET");
                break;
            case Shape.HealthzWithoutKey:
                request.RequestUri = new Uri("/healthz", UriKind.Relative);
                break;
        }
        return request;
    }

    /// <summary>One application whose auth mode the tests change through the dashboard.</summary>
    public sealed class AppFixture : IAsyncLifetime
    {
        private AntigravityTestApp? _app;
        private HttpClient? _dashboard;

        public AntigravityTestApp App => _app ?? throw new InvalidOperationException("The application did not start.");

        public string ApiKey { get; private set; } = "";

        public async Task InitializeAsync()
        {
            _app = await AntigravityTestApp.StartAsync();
            var credentials = await _app.ReadCredentialsAsync();
            ApiKey = credentials.ApiKey!;
            _dashboard = _app.CreateHttpClient(AntigravityTopology.DashboardName);
            _dashboard.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credentials.AdminPassword);
        }

        /// <summary>Changes the mode through the admin API and waits until the gateway enforces it.</summary>
        public async Task SetAuthModeAsync(string mode)
        {
            using var patch = await _dashboard!.PatchAsJsonAsync("/api/proxy/config", new { authMode = mode });
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

            var effective = mode == "auto" ? "off" : mode;
            using var gateway = App.CreateHttpClient(AntigravityTopology.GatewayName);
            await Antigravity.Testing.Eventually.WaitUntilAsync(
                async () =>
                {
                    using var models = await gateway.GetAsync(new Uri("/v1/models", UriKind.Relative));
                    using var healthz = await gateway.GetAsync(new Uri("/healthz", UriKind.Relative));
                    return models.StatusCode == Expected(effective, Shape.NoHeader) && healthz.StatusCode == Expected(effective, Shape.HealthzWithoutKey);
                },
                TimeSpan.FromSeconds(5),
                $"the gateway to enforce auth mode {mode}");
        }

        public async Task DisposeAsync()
        {
            _dashboard?.Dispose();
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }
}
