using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Antigravity.Contracts.Internal;

/// <summary>Wires the internal credential into the HttpClients that call our own services.</summary>
public static class InternalApiKeyRegistration
{
    /// <summary>
    /// Sends <c>Internal:ApiKey</c> (when configured) on every request of this client, in
    /// <see cref="InternalApiKey.HeaderName"/>.
    /// </summary>
    public static IHttpClientBuilder AddInternalApiKey(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHttpMessageHandler(services => new InternalApiKeyHandler(services.GetRequiredService<IConfiguration>()[InternalApiKey.ConfigurationKey]));
    }
}
