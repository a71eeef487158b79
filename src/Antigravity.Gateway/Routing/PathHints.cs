using Antigravity.Gateway.Errors;

namespace Antigravity.Gateway.Routing;

/// <summary>
/// Turns a path that matched nothing into an answer that says how to fix the client: a doubled
/// <c>/v1</c>, a client that appended its own path to a full endpoint URL, a missing <c>/v1</c>, a
/// wrong method — or else the list of routes served.
/// </summary>
internal static class PathHints
{
    /// <summary>
    /// The endpoints clients are pointed at (whether or not this build maps them yet): a path that
    /// continues past one of them means the client added its own path to a full endpoint URL.
    /// </summary>
    public static readonly IReadOnlyList<string> ClientEndpoints =
    [
        "/v1/chat/completions",
        "/v1/completions",
        "/v1/responses",
        "/v1/embeddings",
        "/v1/messages/count_tokens",
        "/v1/messages",
    ];

    /// <summary>The advice for a doubled <c>/v1</c>.</summary>
    public static string DuplicatedV1Advice(HttpRequest request) =>
        $"your base URL already ends in /v1; set it to {BaseUrl(request)}/v1 without the extra /v1";

    /// <summary>The scheme and authority the client used, e.g. <c>http://127.0.0.1:8045</c>.</summary>
    public static string BaseUrl(HttpRequest request) =>
        request.Host.HasValue ? $"{request.Scheme}://{request.Host}" : "http://127.0.0.1:8045";

    /// <summary>The error for a request no route answered.</summary>
    /// <param name="request">The request (its path is the one routing saw, after any correction).</param>
    /// <param name="originalPath">The path as the client sent it.</param>
    /// <param name="catalog">The routes served.</param>
    /// <param name="allow">Set to the methods to put in an <c>Allow</c> header for a 405.</param>
    public static ApiError Diagnose(HttpRequest request, PathString originalPath, RouteCatalog catalog, out IReadOnlyList<string> allow)
    {
        var path = request.Path;
        var baseUrl = BaseUrl(request);
        allow = catalog.MethodsAt(path);
        if (allow.Count > 0)
        {
            return ApiError.MethodNotAllowed(
                $"Method {request.Method} is not allowed on {path}; this route accepts {string.Join(", ", allow)}.");
        }

        var sent = originalPath.Value ?? "";
        if (sent.Contains("/v1/v1/", StringComparison.OrdinalIgnoreCase) || sent.EndsWith("/v1/v1", StringComparison.OrdinalIgnoreCase))
        {
            return ApiError.NotFound($"No route for {sent}: {DuplicatedV1Advice(request)}.", "unknown_url");
        }

        var value = path.Value ?? "/";
        if (NestedEndpoint(value, catalog) is { } endpoint)
        {
            var appended = value[endpoint.Length..];
            return ApiError.NotFound(
                $"No route for {value}: the client appended its own path ({appended}) to a full endpoint URL ({endpoint}). "
                + $"Set the base URL to {baseUrl}/v1 and let the client add the endpoint path "
                + $"(for Kilo Code, choose the Gemini protocol with base URL {baseUrl}).",
                "unknown_url");
        }

        if (!value.StartsWith("/v1", StringComparison.OrdinalIgnoreCase) && IsKnown("/v1" + value, catalog))
        {
            return ApiError.NotFound(
                $"No route for {value}; did you mean /v1{value}? OpenAI-compatible clients need the base URL {baseUrl}/v1.",
                "unknown_url");
        }

        var served = string.Join(", ", catalog.PublicRoutes);
        return ApiError.NotFound(
            $"No route for {request.Method} {value}. This gateway serves: {served}. "
            + $"Base URLs: OpenAI SDKs {baseUrl}/v1; Claude Code / Anthropic SDK and Gemini clients {baseUrl}.",
            "unknown_url");
    }

    // The longest known endpoint that the path continues past, when the path itself is no route.
    private static string? NestedEndpoint(string path, RouteCatalog catalog)
    {
        string? best = null;
        foreach (var endpoint in ClientEndpoints.Concat(catalog.Routes.Where(r => r.IsLiteral && r.Methods.Contains(HttpMethods.Post)).Select(r => r.Pattern)))
        {
            if (path.Length > endpoint.Length + 1
                && path.StartsWith(endpoint, StringComparison.OrdinalIgnoreCase)
                && path[endpoint.Length] == '/'
                && (best is null || endpoint.Length > best.Length))
            {
                best = endpoint;
            }
        }
        return best is not null && !IsKnown(path, catalog) ? best : null;
    }

    private static bool IsKnown(string path, RouteCatalog catalog) =>
        ClientEndpoints.Contains(path, StringComparer.OrdinalIgnoreCase) || catalog.MethodsAt(path).Count > 0;
}
