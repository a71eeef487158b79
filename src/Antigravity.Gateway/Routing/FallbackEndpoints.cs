using Antigravity.Gateway.Errors;

namespace Antigravity.Gateway.Routing;

/// <summary>The answer for every request no route took: a JSON 404 or 405 with a hint (see <see cref="PathHints"/>).</summary>
internal static class FallbackEndpoints
{
    /// <summary>Maps the catch-all. Unlike the default fallback it also takes paths with a dot (model names have them).</summary>
    public static IEndpointConventionBuilder MapGatewayFallback(this IEndpointRouteBuilder app) =>
        app.MapFallback("{*path}", Answer);

    private static Task Answer(HttpContext context, RouteCatalog catalog)
    {
        var original = context.Features.Get<IOriginalPathFeature>()?.OriginalPath ?? context.Request.Path;
        var error = PathHints.Diagnose(context.Request, original, catalog, out var allow);
        if (error.Status == StatusCodes.Status405MethodNotAllowed)
        {
            context.Response.Headers.Allow = string.Join(", ", allow);
        }
        return ProtocolErrorWriter.WriteAsync(context, error);
    }
}
