using System.Net;
using System.Text;
using Antigravity.Dashboard.Endpoints;
using Microsoft.Extensions.DependencyInjection;

namespace Antigravity.Dashboard.Tests.Infrastructure;

/// <summary>
/// Stands in for the account pool service at the HTTP boundary: <c>GET /internal/accounts</c> answers the
/// accounts JSON set in <see cref="AccountsJson"/>, or 503 while <see cref="Reachable"/> is false.
/// </summary>
public sealed class FakeAccountPool : HttpMessageHandler
{
    /// <summary>An account the pool lists as enabled and active.</summary>
    public const string OneActiveAccount = """
        [{"id":"acc-1","kind":"gemini-api-key","label":"key","enabled":true,"state":{"status":"active"},"models":[],"quota":[],"cooldowns":[],"createdAt":"2026-01-01T00:00:00Z"}]
        """;

    /// <summary>The body of <c>GET /internal/accounts</c>.</summary>
    public string AccountsJson { get; set; } = OneActiveAccount;

    /// <summary>False: every call fails as if the service were down.</summary>
    public bool Reachable { get; set; } = true;

    /// <summary>Routes the dashboard's pool client here.</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddHttpClient(AccountsApi.PoolClientName).ConfigurePrimaryHttpMessageHandler(() => this);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!Reachable)
        {
            throw new HttpRequestException("Connection refused (fake account pool is down)");
        }
        var response = request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.TrimEnd('/') == "/internal/accounts"
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(AccountsJson, Encoding.UTF8, "application/json") }
            : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("""{"error":"not faked"}""", Encoding.UTF8, "application/json") };
        return Task.FromResult(response);
    }

    // The handler is owned by the test, not by the HttpClient factory's handler rotation.
    protected override void Dispose(bool disposing)
    {
    }
}
