using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Antigravity.ServiceDefaults;

/// <summary>
/// OpenTelemetry wiring built on the SDK alone (the hosting extensions package does not restore on
/// our feed). ASP.NET Core and HttpClient emit activities and meters natively; we listen to them and
/// to every <c>Antigravity.*</c> source and meter. Exporting happens only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so a plain run pays nothing for it.
/// </summary>
public static class Telemetry
{
    /// <summary>Prefix shared by every ActivitySource and Meter of this product.</summary>
    public const string SourcePrefix = "Antigravity";

    internal static IHostApplicationBuilder ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        // Probe requests never become traces, whether or not an exporter is configured.
        builder.Services.AddSingleton<IStartupFilter, ProbeTraceFilter>();

        var endpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return builder;
        }

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;
        void ConfigureResource(ResourceBuilder resource) => resource.AddService(serviceName).AddEnvironmentVariableDetector();

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            var resource = ResourceBuilder.CreateDefault();
            ConfigureResource(resource);
            logging.SetResourceBuilder(resource);
            logging.AddOtlpExporter();
        });

        builder.Services.AddSingleton(_ =>
        {
            var tracing = Sdk.CreateTracerProviderBuilder()
                .ConfigureResource(ConfigureResource)
                .AddSource("Microsoft.AspNetCore", "System.Net.Http", SourcePrefix + ".*")
                .AddOtlpExporter();
            return tracing.Build();
        });
        builder.Services.AddSingleton(_ =>
        {
            var metrics = Sdk.CreateMeterProviderBuilder()
                .ConfigureResource(ConfigureResource)
                .AddMeter(
                    "Microsoft.AspNetCore.Hosting",
                    "Microsoft.AspNetCore.Server.Kestrel",
                    "System.Net.Http",
                    "System.Runtime",
                    SourcePrefix + ".*")
                .AddOtlpExporter();
            return metrics.Build();
        });
        builder.Services.AddHostedService<TelemetryActivator>();
        return builder;
    }

    /// <summary>Creates the tracer and meter providers at start instead of on first use.</summary>
    private sealed class TelemetryActivator(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<TracerProvider>();
            _ = services.GetRequiredService<MeterProvider>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Marks the hosting activity of <c>/health</c> and <c>/alive</c> as not recorded.</summary>
    private sealed class ProbeTraceFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IsProbe(context.Request.Path) && Activity.Current is { } activity)
                {
                    activity.IsAllDataRequested = false;
                    activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                }
                return nextMiddleware(context);
            });
            next(app);
        };

        private static bool IsProbe(PathString path) =>
            path.Equals(ServiceDefaultsExtensions.HealthPath, StringComparison.OrdinalIgnoreCase)
            || path.Equals(ServiceDefaultsExtensions.AlivePath, StringComparison.OrdinalIgnoreCase);
    }
}
