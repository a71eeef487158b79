using Antigravity.Contracts.Accounts;
using Microsoft.Extensions.Options;

namespace Antigravity.AccountPool.Endpoints;

/// <summary>
/// Keeps the internal API (which hands out credentials in leases) to callers on this machine, unless
/// <see cref="PoolOptions.AllowRemoteCallers"/> is set for a deployment where the gateway runs elsewhere.
/// </summary>
internal static class LoopbackOnly
{
    public static RouteGroupBuilder RequireLocalCaller(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var remote = http.Connection.RemoteIpAddress;
            // No address: an in-process caller (tests, a host without sockets).
            if (remote is null || System.Net.IPAddress.IsLoopback(remote) || http.RequestServices.GetRequiredService<IOptions<PoolOptions>>().Value.AllowRemoteCallers)
            {
                return await next(context).ConfigureAwait(false);
            }
            return Results.Json(new FieldError { Error = "The account pool's internal API answers only callers on this machine (set AccountPool:AllowRemoteCallers to change that)." },
                PoolJsonContext.Default.FieldError, statusCode: StatusCodes.Status403Forbidden);
        });
        return group;
    }
}
