using System.Text.Json;
using System.Text.Json.Serialization;

namespace Antigravity.Dashboard.Endpoints;

/// <summary>The admin API's error body: <c>{"error":{"message":"…","field":"authMode"}}</c>.</summary>
public sealed record ApiErrorResponse(ApiError Error);

/// <summary>What went wrong, and the request field it concerns when there is one.</summary>
public sealed record ApiError(string Message, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field = null);

/// <summary>Writes <see cref="ApiErrorResponse"/> bodies outside of typed results (auth, exception handler).</summary>
internal static class ApiErrors
{
    public static ApiErrorResponse Of(string message, string? field = null) => new(new ApiError(message, field));

    public static Task WriteAsync(HttpResponse response, string message, string? field = null)
    {
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(response.Body, Of(message, field), DashboardJsonContext.Relaxed.ApiErrorResponse, response.HttpContext.RequestAborted);
    }
}
