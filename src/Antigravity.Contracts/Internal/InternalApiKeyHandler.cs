namespace Antigravity.Contracts.Internal;

/// <summary>Adds the internal credential (<see cref="InternalApiKey.HeaderName"/>) to every request, when one is configured.</summary>
public sealed class InternalApiKeyHandler(string? apiKey) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.Remove(InternalApiKey.HeaderName);
            request.Headers.TryAddWithoutValidation(InternalApiKey.HeaderName, apiKey);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
