namespace Antigravity.AppHost.Hosting;

/// <summary>Fluent handle on a declared resource, as in Aspire.</summary>
public interface IResourceBuilder<out T> where T : Resource
{
    /// <summary>The resource.</summary>
    T Resource { get; }

    /// <summary>The builder it was added to.</summary>
    DistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed class ResourceBuilder<T>(T resource, DistributedApplicationBuilder builder) : IResourceBuilder<T> where T : Resource
{
    public T Resource { get; } = resource;

    public DistributedApplicationBuilder ApplicationBuilder { get; } = builder;
}

/// <summary>The wiring verbs of the resource graph, with Aspire's names and conventions.</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Starts this resource only after <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> dependency) where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);
        if (!builder.Resource.WaitsFor.Contains(dependency.Resource))
        {
            builder.Resource.WaitsFor.Add(dependency.Resource);
        }
        return builder;
    }

    /// <summary>Passes the connection string as <c>ConnectionStrings__&lt;name&gt;</c>.</summary>
    public static IResourceBuilder<T> WithReference<T, TSource>(this IResourceBuilder<T> builder, IResourceBuilder<TSource> source)
        where T : Resource
        where TSource : Resource, IResourceWithConnectionString
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        var target = source.Resource;
        builder.Resource.Environment[$"ConnectionStrings__{target.Name}"] = () => target.ConnectionString;
        return builder;
    }

    /// <summary>Passes the service's HTTP address as <c>services__&lt;name&gt;__http__0</c> (service discovery).</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<ProjectResource> service) where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(service);
        var target = service.Resource;
        builder.Resource.Environment[$"services__{target.Name}__http__0"] = () => EndpointOf(target).Url.ToString().TrimEnd('/');
        return builder;
    }

    /// <summary>Sets an environment variable of the process.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string? value) where T : Resource =>
        builder.WithEnvironment(name, () => value);

    /// <summary>Sets an environment variable evaluated when the process starts.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, Func<string?> value) where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        builder.Resource.Environment[name] = value;
        return builder;
    }

    /// <summary>
    /// Gives the resource an HTTP endpoint: <paramref name="port"/> (checked before starting) or, when
    /// null, a free port picked at start and kept across restarts.
    /// </summary>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, int? port = null, string bindHost = "127.0.0.1") where T : Resource
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Changed in place: the launch environment and the health probe already point at this endpoint.
        var endpoint = builder.Resource.Endpoint ??= new ResourceEndpoint();
        endpoint.BindHost = bindHost;
        endpoint.Port = port ?? 0;
        endpoint.IsFixed = port is not null;
        return builder;
    }

    /// <summary>The URL of the resource's endpoint (valid once the application has started).</summary>
    public static Uri GetEndpoint(this IResourceBuilder<Resource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return EndpointOf(builder.Resource).Url;
    }

    private static ResourceEndpoint EndpointOf(Resource resource) =>
        resource.Endpoint ?? throw new InvalidOperationException($"Resource '{resource.Name}' has no endpoint.");
}
