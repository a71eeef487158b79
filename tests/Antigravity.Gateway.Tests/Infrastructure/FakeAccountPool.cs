using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Antigravity.Contracts.Internal;
using Antigravity.Contracts.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Antigravity.Gateway.Tests.Infrastructure;

/// <summary>
/// Stands in for the account pool at the HTTP boundary of the gateway's pool client: every lease request gets
/// <see cref="LeaseStatus"/> / <see cref="LeaseBody"/> (and <see cref="LeaseRetryAfter"/> as <c>Retry-After</c>),
/// outcome reports get "next account"; every call is recorded in <see cref="Calls"/>.
/// </summary>
public sealed class FakeAccountPool : HttpMessageHandler
{
    /// <summary>The pool's answer when it has no account at all.</summary>
    public const string NoAccounts = """{"error":"No available accounts, please add an account first"}""";

    public HttpStatusCode LeaseStatus { get; set; } = HttpStatusCode.ServiceUnavailable;

    public string LeaseBody { get; set; } = NoAccounts;

    public string? LeaseRetryAfter { get; set; }

    /// <summary>Answers for the next lease requests, in order (then <see cref="LeaseStatus"/> / <see cref="LeaseBody"/>).</summary>
    public ConcurrentQueue<(HttpStatusCode Status, string Body)> NextLeases { get; } = new();

    /// <summary>The body of every outcome answer.</summary>
    public string OutcomeBody { get; set; } = """{"action":"next_account"}""";

    /// <summary>
    /// A lease of a Gemini API key account whose upstream is <paramref name="baseUrl"/>; with <paramref name="hold"/>,
    /// one the gateway may hold for the session's next requests, granted at pool version <paramref name="poolVersion"/>.
    /// </summary>
    public static string LeaseOf(string baseUrl, string accountId = "acc-1", TimeSpan? hold = null, long poolVersion = 0, string? leaseId = null)
    {
        var holding = hold is { } h ? $$""","holdMilliseconds":{{(int)h.TotalMilliseconds}},"poolVersion":{{poolVersion}}""" : "";
        return $$"""{"leaseId":"{{leaseId ?? "lease-" + accountId}}","accountId":"{{accountId}}","kind":"gemini-api-key","apiKey":"AIza-test-key","baseUrls":["{{baseUrl}}"],"upstreamModel":"gemini-2.5-flash"{{holding}} """ + "}";
    }

    /// <summary>When set, every call throws it (an unexpected failure of the pool client).</summary>
    public Exception? Fault { get; set; }

    /// <summary>Every call the gateway made: method, path and body.</summary>
    public ConcurrentQueue<(string Method, string Path, string? Body)> Calls { get; } = new();

    /// <summary>How many lease requests reached the pool.</summary>
    public int Leases => Calls.Count(c => c.Path == "/internal/leases");

    /// <summary>The internal credential each call carried (<see cref="InternalApiKey.HeaderName"/>), null where none.</summary>
    public ConcurrentQueue<string?> InternalKeys { get; } = new();

    /// <summary>Routes the gateway's pool client here.</summary>
    public void AddTo(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddHttpClient<AccountPoolClient>().ConfigurePrimaryHttpMessageHandler(() => this));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Fault is not null)
        {
            throw Fault;
        }
        var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Calls.Enqueue((request.Method.Method, path, body));
        InternalKeys.Enqueue(request.Headers.TryGetValues(InternalApiKey.HeaderName, out var keys) ? string.Join(",", keys) : null);
        if (path == "/internal/leases")
        {
            var response = NextLeases.TryDequeue(out var next) ? Json(next.Status, next.Body) : Json(LeaseStatus, LeaseBody);
            if (LeaseRetryAfter is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", LeaseRetryAfter);
            }
            return response;
        }
        return Json(HttpStatusCode.OK, OutcomeBody);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    // Owned by the test, not by the HttpClient factory's handler rotation.
    protected override void Dispose(bool disposing)
    {
    }
}
