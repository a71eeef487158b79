using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Antigravity.ServiceDefaults;

/// <summary>
/// Resolves <c>http://&lt;name&gt;</c> to the address in <c>services:&lt;name&gt;:http:0</c> (or
/// <c>https:0</c> for <c>https://&lt;name&gt;</c>), the configuration convention Aspire's service
/// discovery reads. Hosts that are not configured as services are left untouched.
/// </summary>
public sealed class ServiceEndpointResolver(IConfiguration configuration)
{
    /// <summary>Returns the configured endpoint for <paramref name="uri"/>'s host, or <paramref name="uri"/> itself.</summary>
    public Uri Resolve(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || uri.HostNameType != UriHostNameType.Dns || uri.Host.Contains('.', StringComparison.Ordinal))
        {
            return uri;
        }

        var endpoint = configuration[$"services:{uri.Host}:{uri.Scheme}:0"];
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var target))
        {
            return uri;
        }

        var builder = new UriBuilder(uri) { Scheme = target.Scheme, Host = target.Host, Port = target.Port };
        return builder.Uri;
    }
}

/// <summary>Rewrites each outgoing request's URI through <see cref="ServiceEndpointResolver"/>.</summary>
internal sealed class ServiceDiscoveryHandler(ServiceEndpointResolver resolver) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = resolver.Resolve(uri);
        }
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Registration of configuration-based service discovery.</summary>
public static class ServiceDiscoveryExtensions
{
    /// <summary>Registers <see cref="ServiceEndpointResolver"/>.</summary>
    public static IServiceCollection AddServiceDiscovery(this IServiceCollection services)
    {
        services.AddSingleton<ServiceEndpointResolver>();
        services.AddTransient<ServiceDiscoveryHandler>();
        return services;
    }

    /// <summary>Makes this client resolve <c>http://&lt;service name&gt;</c> addresses.</summary>
    public static IHttpClientBuilder AddServiceDiscovery(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHttpMessageHandler<ServiceDiscoveryHandler>();
    }
}
