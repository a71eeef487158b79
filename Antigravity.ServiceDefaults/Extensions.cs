using Antigravity.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every Antigravity service shares, as in the Aspire service-defaults template:
/// OpenTelemetry (traces, metrics and logs over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, nothing otherwise),
/// health probes, and service discovery for <c>http://&lt;service&gt;</c> addresses.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Readiness probe path (all health checks).</summary>
    public const string HealthPath = "/health";

    /// <summary>Liveness probe path (only checks tagged <c>live</c>).</summary>
    public const string AlivePath = "/alive";

    /// <summary>Prefix shared by every ActivitySource and Meter of this product (<c>Antigravity.Gateway</c>, …).</summary>
    public const string TelemetryPrefix = "Antigravity";

    /// <summary>
    /// Adds OpenTelemetry, the default health checks and service discovery for every
    /// <see cref="System.Net.Http.HttpClient"/> made by the factory. Resilience is not a default here:
    /// calls between our own services opt in with <see cref="AddInternalServiceResilience"/>, and calls to
    /// upstream LLM APIs keep the gateway's own failover and must never get a standard timeout.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());
        return builder;
    }

    /// <summary>
    /// The standard resilience handler for a call between our own services, tuned for them: a retry
    /// only for safe methods (a lease or an account change is never sent twice), and timeouts long
    /// enough for the slowest legitimate call (a lease may wait for an account to cool down, an
    /// account added through the pool waits for Google's token endpoint).
    /// </summary>
    public static IHttpClientBuilder AddInternalServiceResilience(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStandardResilienceHandler(options =>
        {
            options.Retry.DisableForUnsafeHttpMethods();
            options.Retry.MaxRetryAttempts = 2;
            options.Retry.Delay = TimeSpan.FromMilliseconds(200);
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(100);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(240);
            options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(200);
        });
        return builder;
    }

    /// <summary>
    /// Traces, metrics and logs over OTLP — ASP.NET Core, HttpClient, the runtime and every <c>Antigravity.*</c> source
    /// and meter — when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a receiver (the AppHost points it at the Aspire
    /// dashboard). Without one nothing is collected: spans and measurements nobody receives would cost every request
    /// its share of the CPU for nothing. Meters still answer a direct listener (<c>dotnet-counters</c>) either way.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryPrefix + ".*"))
            .WithTracing(tracing => tracing
                .AddSource(TelemetryPrefix + ".*")
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>Adds a <c>self</c> liveness check; services add their own readiness checks.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (ready: every check passes) and <c>/alive</c> (live: the process answers),
    /// in every environment: the AppHost waits on them. Both answer JSON and are left out of traces.
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

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(HealthPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(AlivePath, StringComparison.OrdinalIgnoreCase);
}
