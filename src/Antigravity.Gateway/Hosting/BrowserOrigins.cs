using Antigravity.Gateway.Requests;

namespace Antigravity.Gateway.Hosting;

/// <summary>
/// Which web pages may call the gateway from a browser (section <c>Proxy:Cors</c>): the origins listed in
/// <see cref="AllowedOrigins"/> and the dashboard's own (from service discovery, <c>services:dashboard:…</c>),
/// in every auth mode. No <c>*</c>: with auth off on loopback, a grant to any origin would let any web page
/// spend the pool.
/// </summary>
internal sealed class BrowserOrigins
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Proxy:Cors";

    /// <summary>Origins allowed besides the dashboard's, e.g. <c>https://chat.example.com</c> (default none).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Every allowed origin: the configured ones and the dashboard's endpoints.</summary>
    public static HashSet<string> From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var origins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var configured = configuration.GetSection(Section).Get<BrowserOrigins>() ?? new BrowserOrigins();
        var dashboard = configuration.GetSection("services:dashboard").GetChildren().SelectMany(scheme => scheme.GetChildren()).Select(endpoint => endpoint.Value);
        foreach (var value in configured.AllowedOrigins.Concat(dashboard))
        {
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                origins.Add(uri.GetLeftPart(UriPartial.Authority));
            }
        }
        return origins;
    }

}

/// <summary>Registers the gateway's CORS policy from <see cref="BrowserOrigins"/>.</summary>
internal static class BrowserOriginsRegistration
{
    /// <summary>The default CORS policy: the allowed origins only, any header and method, the request id exposed.</summary>
    public static WebApplicationBuilder AddBrowserOrigins(this WebApplicationBuilder builder)
    {
        var allowed = BrowserOrigins.From(builder.Configuration);
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
            policy.SetIsOriginAllowed(allowed.Contains).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders(RequestIds.HeaderName)));
        return builder;
    }
}
