using System.Net;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Internal;
using Microsoft.Extensions.Options;

namespace Antigravity.AccountPool.Endpoints;

/// <summary>
/// Who may use the internal API, which hands out refresh tokens, provider keys and live access tokens:
/// <list type="number">
/// <item>the <c>Host</c> header names this service (a loopback address, <c>localhost</c>, <c>accountpool</c>, a name in
/// <see cref="PoolOptions.AllowedHosts"/>, or any IP address when remote callers are allowed), so a web page cannot
/// reach it through DNS rebinding — 421 otherwise;</item>
/// <item>the caller is on this machine unless <see cref="PoolOptions.AllowRemoteCallers"/> — 403 otherwise;</item>
/// <item>the caller sends the internal credential when one is configured (<see cref="InternalApiOptions"/>) — 401 otherwise.</item>
/// </list>
/// </summary>
internal sealed class InternalCallerPolicy(IOptions<InternalApiOptions> internalApi, IOptions<PoolOptions> pool)
{
    /// <summary>The service's own name, as the other services' service discovery knows it.</summary>
    public const string ServiceName = "accountpool";

    // Hashed once: each call hashes only what the caller presents.
    private readonly byte[]? _apiKeyHash = internalApi.Value.Required ? InternalApiKey.Hash(internalApi.Value.ApiKey!) : null;
    private readonly PoolOptions _pool = pool.Value;

    /// <summary>True when callers must present the credential.</summary>
    public bool CredentialRequired => _apiKeyHash is not null;

    /// <summary>The refusal for this request, or null when it may proceed.</summary>
    public IResult? Refusal(HttpContext http)
    {
        if (!IsOwnHost(http.Request.Host.Host))
        {
            return Refuse(StatusCodes.Status421MisdirectedRequest,
                "The account pool's internal API answers only requests addressed to it by a loopback address, localhost or its service name (set AccountPool:AllowedHosts for other names).");
        }
        var remote = http.Connection.RemoteIpAddress;
        // No address: an in-process caller (tests, a host without sockets).
        if (remote is not null && !IPAddress.IsLoopback(remote) && !_pool.AllowRemoteCallers)
        {
            return Refuse(StatusCodes.Status403Forbidden,
                "The account pool's internal API answers only callers on this machine (set AccountPool:AllowRemoteCallers to change that).");
        }
        if (_apiKeyHash is not null && !InternalApiKey.Matches(PresentedKey(http.Request), _apiKeyHash))
        {
            return Refuse(StatusCodes.Status401Unauthorized,
                $"The account pool's internal API requires the services' credential in the {InternalApiKey.HeaderName} header.");
        }
        return null;
    }

    private bool IsOwnHost(string host)
    {
        if (host.Length == 0)
        {
            return false;
        }
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return IPAddress.IsLoopback(address) || _pool.AllowRemoteCallers;
        }
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || string.Equals(host, ServiceName, StringComparison.OrdinalIgnoreCase)
            || _pool.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);
    }

    private static string? PresentedKey(HttpRequest request) =>
        request.Headers.TryGetValue(InternalApiKey.HeaderName, out var values) && values.Count == 1 ? values[0] : null;

    private static IResult Refuse(int status, string message) =>
        Results.Json(new FieldError { Error = message }, PoolJsonContext.Default.FieldError, statusCode: status);
}

/// <summary>Applies <see cref="InternalCallerPolicy"/> to a group of internal endpoints.</summary>
internal static class InternalCallers
{
    public static RouteGroupBuilder RequireInternalCaller(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<InternalCallerPolicy>().Refusal(context.HttpContext) is { } refusal
                ? refusal
                : await next(context).ConfigureAwait(false));
        return group;
    }
}
