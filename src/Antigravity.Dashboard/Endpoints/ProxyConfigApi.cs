using System.Text.Json;
using Antigravity.Dashboard.Accounts;
using Antigravity.Dashboard.Auth;
using Antigravity.Dashboard.ProxyConfig;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Antigravity.Dashboard.Endpoints;

/// <summary>The admin REST API for the proxy settings (<c>/api/proxy/…</c>), guarded by the admin password.</summary>
internal static class ProxyConfigApi
{
    /// <summary>Largest PATCH body read.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static RouteGroupBuilder MapProxyConfigApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api")
            .RequireAuthorization(AdminAuthentication.ApiPolicy)
            .AddEndpointFilter(NoStore)
            .WithTags("Proxy")
            .WithMetadata(
                new ProducesResponseTypeAttribute<ApiErrorResponse>(StatusCodes.Status401Unauthorized, "application/json"),
                new ProducesResponseTypeAttribute<ApiErrorResponse>(StatusCodes.Status429TooManyRequests, "application/json"),
                new ProducesResponseTypeAttribute<ApiErrorResponse>(StatusCodes.Status503ServiceUnavailable, "application/json"));

        var proxy = api.MapGroup("/proxy");
        proxy.MapGet("/config", GetConfig)
            .WithName("GetProxyConfig")
            .WithSummary("The proxy configuration, with the auth mode actually enforced and the API key.");
        proxy.MapPatch("/config", PatchConfig)
            .WithName("PatchProxyConfig")
            .WithSummary("Changes authMode, apiKey, enabled, modelMapping, anthropicDispatch, scheduling and/or monitor. port and allowLanAccess are start-up options.")
            // Documented by a transformer rather than .Accepts<T>(): accepts-metadata would make routing answer a
            // wrong Content-Type itself (empty 415, or the API's 404 fallback) before the handler can explain it.
            .AddOpenApiOperationTransformer(DescribePatchBody);
        proxy.MapPost("/api-key", RegenerateApiKey)
            .WithName("RegenerateApiKey")
            .WithSummary("Replaces the API key with a new random one, effective at once.");
        proxy.MapPost("/start", Start)
            .WithName("StartProxy")
            .WithSummary("Starts serving clients; refused with 409 while the pool has no usable account.")
            .WithMetadata(new ProducesResponseTypeAttribute<ApiErrorResponse>(StatusCodes.Status409Conflict, "application/json"));
        proxy.MapPost("/stop", Stop)
            .WithName("StopProxy")
            .WithSummary("Stops serving clients: proxy routes answer 503 until started again.");
        proxy.MapGet("/status", GetStatus)
            .WithName("GetProxyStatus")
            .WithSummary("Whether the proxy is running, where it listens, and the base URLs for clients.");
        api.MapFallback(NotFound).ExcludeFromDescription();
        return api;
    }

    public static async Task<Ok<ProxyConfigResponse>> GetConfig(ProxyConfigService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(cancellationToken));

    public static async Task<Results<Ok<ProxyConfigResponse>, BadRequest<ApiErrorResponse>, JsonHttpResult<ApiErrorResponse>>> PatchConfig(
        HttpRequest request, ProxyConfigService service, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Json(ApiErrors.Of("Content-Type must be application/json."),
                DashboardJsonContext.Relaxed.ApiErrorResponse, statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            return TypedResults.Json(ApiErrors.Of($"The body must be at most {MaxBodyBytes} bytes."),
                DashboardJsonContext.Relaxed.ApiErrorResponse, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return TypedResults.Json(ApiErrors.Of($"The body must be at most {MaxBodyBytes} bytes."),
                DashboardJsonContext.Relaxed.ApiErrorResponse, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return TypedResults.BadRequest(ApiErrors.Of($"The body is not valid JSON: {ex.Message}"));
        }
        using (document)
        {
            if (ProxyConfigPatch.TryParse(document.RootElement, out var change) is { } error)
            {
                return TypedResults.BadRequest(ApiErrors.Of(error.Message, error.Field));
            }
            return await ApplyAsync(service, change, cancellationToken);
        }
    }

    public static Task<Results<Ok<ProxyConfigResponse>, BadRequest<ApiErrorResponse>, JsonHttpResult<ApiErrorResponse>>> Start(ProxyConfigService service, CancellationToken cancellationToken) =>
        ApplyAsync(service, new ProxyConfigChange(Enabled: true), cancellationToken);

    public static Task<Results<Ok<ProxyConfigResponse>, BadRequest<ApiErrorResponse>, JsonHttpResult<ApiErrorResponse>>> Stop(ProxyConfigService service, CancellationToken cancellationToken) =>
        ApplyAsync(service, new ProxyConfigChange(Enabled: false), cancellationToken);

    private static async Task<Results<Ok<ProxyConfigResponse>, BadRequest<ApiErrorResponse>, JsonHttpResult<ApiErrorResponse>>> ApplyAsync(ProxyConfigService service, ProxyConfigChange change, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await service.ApplyAsync(change, cancellationToken));
        }
        catch (ProxyStartRefusedException refused)
        {
            return TypedResults.Json(ApiErrors.Of(refused.Message), DashboardJsonContext.Relaxed.ApiErrorResponse, statusCode: StatusCodes.Status409Conflict);
        }
        catch (Exception ex) when (PoolCall.IsUnreachable(ex))
        {
            return TypedResults.Json(ApiErrors.Of("The account pool service is not reachable, so the proxy was not started; try again in a moment."),
                DashboardJsonContext.Relaxed.ApiErrorResponse, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    public static async Task<Ok<ApiKeyResponse>> RegenerateApiKey(ProxyConfigService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ApiKeyResponse(await service.RegenerateApiKeyAsync(cancellationToken)));

    public static async Task<Ok<ProxyStatusResponse>> GetStatus(ProxyConfigService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(service.DescribeStatus(await service.GetSettingsAsync(cancellationToken)));

    private static async Task DescribePatchBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(ProxyConfigPatchRequest), parameterDescription: null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "Any of authMode, apiKey, enabled, modelMapping, anthropicDispatch, scheduling, monitor. Unknown fields, wrong types, port and allowLanAccess are refused with 400 naming the field.",
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }

    private static JsonHttpResult<ApiErrorResponse> NotFound(HttpRequest request) =>
        TypedResults.Json(ApiErrors.Of($"No admin API route {request.Method} {request.Path}; see /openapi/v1.json."),
            DashboardJsonContext.Relaxed.ApiErrorResponse, statusCode: StatusCodes.Status404NotFound);

    private static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // Responses carry the API key: never cache them.
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }

    // Null when the body is larger than MaxBodyBytes (chunked bodies have no Content-Length to check first).
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
