using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace Antigravity.Gateway.Routing;

/// <summary>One route the gateway serves.</summary>
/// <param name="Pattern">The route pattern, e.g. <c>/v1/models/{model}</c>.</param>
/// <param name="Methods">The HTTP methods it accepts.</param>
internal sealed record ServedRoute(string Pattern, IReadOnlyList<string> Methods)
{
    private readonly TemplateMatcher _matcher = new(TemplateParser.Parse(Pattern.TrimStart('/')), new RouteValueDictionary());

    /// <summary>True when the pattern has no parameters.</summary>
    public bool IsLiteral => !Pattern.Contains('{', StringComparison.Ordinal);

    /// <summary>True when <paramref name="path"/> matches the pattern (whatever the method).</summary>
    public bool Matches(PathString path) => _matcher.TryMatch(path, new RouteValueDictionary());

    /// <summary>"GET /v1/models".</summary>
    public override string ToString() => string.Join('|', Methods) + " " + Pattern;
}

/// <summary>
/// The routes actually mapped, read from the endpoint data source once the app has started, so that
/// 404 and 405 answers list exactly what this build serves (later features appear by themselves).
/// </summary>
internal sealed class RouteCatalog(EndpointDataSource endpoints)
{
    private IReadOnlyList<ServedRoute>? _routes;

    /// <summary>Every route with explicit HTTP methods, in pattern order.</summary>
    public IReadOnlyList<ServedRoute> Routes => _routes ??= Build(endpoints);

    /// <summary>The routes worth telling a client about: the protocol APIs and <c>/healthz</c>.</summary>
    public IEnumerable<ServedRoute> PublicRoutes => Routes.Where(route =>
        route.Pattern.StartsWith("/v1/", StringComparison.Ordinal)
        || route.Pattern.StartsWith("/v1beta/", StringComparison.Ordinal)
        || route.Pattern == ProbePaths.Healthz);

    /// <summary>The methods accepted at <paramref name="path"/> by any route, or empty when no route matches.</summary>
    public IReadOnlyList<string> MethodsAt(PathString path)
    {
        List<string> methods = [];
        foreach (var route in Routes)
        {
            if (route.Matches(path))
            {
                methods.AddRange(route.Methods.Where(method => !methods.Contains(method)));
            }
        }
        return methods;
    }

    private static List<ServedRoute> Build(EndpointDataSource source) => source.Endpoints
        .OfType<RouteEndpoint>()
        .Where(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 }
            && !IsCatchAll(endpoint.RoutePattern))
        .GroupBy(endpoint => "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/'), StringComparer.OrdinalIgnoreCase)
        .Select(group => new ServedRoute(
            group.Key,
            [.. group.SelectMany(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods).Distinct(StringComparer.OrdinalIgnoreCase)]))
        .OrderBy(route => route.Pattern, StringComparer.Ordinal)
        .ToList();

    private static bool IsCatchAll(RoutePattern pattern) => pattern.Parameters.Any(parameter => parameter.IsCatchAll);
}
