using Antigravity.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every Antigravity service shares: telemetry, health probes, service discovery,
/// resilience for internal calls, and shutdown when the orchestrating AppHost goes away.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Readiness probe path (all health checks).</summary>
    public const string HealthPath = "/health";

    /// <summary>Liveness probe path (only checks tagged <c>live</c>).</summary>
    public const string AlivePath = "/alive";

    /// <summary>
    /// Adds OpenTelemetry, default health checks, configuration-based service discovery and the
    /// internal resilience pipeline to every <see cref="System.Net.Http.HttpClient"/>.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddServiceDiscovery();
        });

        builder.Services.AddHostedService<ParentProcessWatchdog>();
        return builder;
    }

    /// <summary>Adds a <c>self</c> liveness check; services add their own readiness checks.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (ready: every check passes) and <c>/alive</c> (live: the process answers).
    /// Both answer JSON and are kept out of traces.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        return app;
    }
}
