using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Antigravity.Contracts.Internal;
using Antigravity.Dashboard.Endpoints;
using Microsoft.Extensions.DependencyInjection;

namespace Antigravity.Dashboard.Tests.Infrastructure;

/// <summary>
/// Stands in for the account pool service at the HTTP boundary: <c>GET /internal/accounts</c> answers the
/// accounts JSON set in <see cref="AccountsJson"/>; any other call answers what <see cref="Answer"/> set for it
/// (404 "not faked" otherwise); every call is recorded in <see cref="Calls"/>; while <see cref="Reachable"/> is
/// false every call fails as if the service were down.
/// </summary>
public sealed class FakeAccountPool : HttpMessageHandler
{
    /// <summary>An account the pool lists as enabled and active.</summary>
    public const string OneActiveAccount = """
        [{"id":"acc-1","kind":"gemini-api-key","label":"key","enabled":true,"state":{"status":"active"},"models":[],"quota":[],"cooldowns":[],"createdAt":"2026-01-01T00:00:00Z"}]
        """;

    private readonly ConcurrentDictionary<string, (HttpStatusCode Status, string Body)> _answers = new(StringComparer.Ordinal);

    /// <summary>The body of <c>GET /internal/accounts</c>.</summary>
    public string AccountsJson { get; set; } = OneActiveAccount;

    /// <summary>False: every call fails as if the service were down.</summary>
    public bool Reachable { get; set; } = true;

    /// <summary>Every call the dashboard made, in order.</summary>
    public ConcurrentQueue<PoolCallRecord> Calls { get; } = new();

    /// <summary>Makes <c><paramref name="method"/> <paramref name="path"/></c> answer <paramref name="status"/> with <paramref name="body"/>.</summary>
    public void Answer(HttpMethod method, string path, HttpStatusCode status, string body = "") =>
        _answers[$"{method.Method} {path}"] = (status, body);

    /// <summary>The calls other than listing the accounts.</summary>
    public IReadOnlyList<PoolCallRecord> Changes => [.. Calls.Where(c => !(c.Method == "GET" && c.Path == "/internal/accounts"))];

    /// <summary>The internal credential each call carried (<see cref="InternalApiKey.HeaderName"/>), null where none.</summary>
    public ConcurrentQueue<string?> InternalKeys { get; } = new();

    /// <summary>Routes the dashboard's pool client here.</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddHttpClient(AccountsApi.PoolClientName).ConfigurePrimaryHttpMessageHandler(() => this);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!Reachable)
        {
            throw new HttpRequestException("Connection refused (fake account pool is down)");
        }
        var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Calls.Enqueue(new PoolCallRecord(request.Method.Method, path, body));
        InternalKeys.Enqueue(request.Headers.TryGetValues(InternalApiKey.HeaderName, out var keys) ? string.Join(",", keys) : null);
        if (request.Method == HttpMethod.Get && path == "/internal/accounts")
        {
            return Json(HttpStatusCode.OK, AccountsJson);
        }
        return _answers.TryGetValue($"{request.Method.Method} {path}", out var answer)
            ? Json(answer.Status, answer.Body)
            : Json(HttpStatusCode.NotFound, """{"error":"not faked"}""");
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    // The handler is owned by the test, not by the HttpClient factory's handler rotation.
    protected override void Dispose(bool disposing)
    {
    }
}

/// <summary>One call the dashboard made to the pool.</summary>
public sealed record PoolCallRecord(string Method, string Path, string? Body);
