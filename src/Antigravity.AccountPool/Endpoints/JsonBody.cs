using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Antigravity.AccountPool.Accounts;
using Antigravity.Contracts.Accounts;

namespace Antigravity.AccountPool.Endpoints;

/// <summary>Reads JSON bodies so that a bad body is a 400 naming the field, never a 500.</summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken).ConfigureAwait(false);
            return value is null ? (null, Problem(400, "The body must be a JSON object.", null)) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = ex.Path?.TrimStart('$', '.');
            return (null, string.IsNullOrEmpty(field)
                ? Problem(400, "The body is not valid JSON.", null)
                : Problem(400, $"{field} has the wrong type or is malformed.", field));
        }
    }

    public static IResult Problem(int status, string error, string? field) =>
        Results.Json(new FieldError { Error = error, Field = field }, PoolJsonContext.Default.FieldError, statusCode: status);

    public static IResult From<T>(AccountResult<T> result, JsonTypeInfo<T> typeInfo) =>
        result.Error is { } error
            ? Results.Json(error, PoolJsonContext.Default.FieldError, statusCode: result.Status)
            : Results.Json(result.Value, typeInfo, statusCode: result.Status);
}
