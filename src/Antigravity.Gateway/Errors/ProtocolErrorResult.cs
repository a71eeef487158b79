namespace Antigravity.Gateway.Errors;

/// <summary>An endpoint result that writes an <see cref="ApiError"/> in the caller's protocol.</summary>
internal sealed class ProtocolErrorResult(ApiError error) : IResult
{
    /// <summary>The error written.</summary>
    public ApiError Error { get; } = error;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) => ProtocolErrorWriter.WriteAsync(httpContext, Error);
}
