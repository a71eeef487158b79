using Antigravity.Contracts.Accounts;
using Antigravity.Gateway.Auth;
using Antigravity.Gateway.Chat;
using Antigravity.Gateway.Upstream;
using Antigravity.Gateway.Upstream.Kinds;
using Antigravity.Protocols.Thinking;
using Antigravity.Gateway.Hosting;
using Antigravity.Gateway.Monitor;
using Antigravity.Gateway.Requests;
using Antigravity.Gateway.Routing;
using Antigravity.Gateway.ServiceState;

using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Antigravity.Gateway;

/// <summary>The gateway's wiring: services, and the request path in order.</summary>
internal static class GatewayRegistration
{
    /// <summary>Listening address, JSON, CORS and the gateway's own services.</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.UseProxyListenAddress();
        builder.AddServerLimits();
        builder.AddInlineRequestScheduling();
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJsonContext.Default));
        // Browser-based clients call the proxy cross-origin from configured origins only (and the dashboard's).
        builder.AddBrowserOrigins();
        builder.Services.AddSingleton<GatewayClock>();
        builder.Services.AddSingleton<RouteCatalog>();
        builder.Services.AddSingleton<Models.ModelCatalog>();
        builder.Services.AddOptions<UpstreamOptions>().BindConfiguration(UpstreamOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<UpstreamOptions>, ValidateUpstreamOptions>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // The lease call may wait ~60 s for an account (cache_first): a longer timeout, no resilience pipeline.
        builder.AddAccountPoolClient().ConfigureHttpClient(http => http.Timeout = TimeSpan.FromSeconds(150));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IUpstreamKind, CloudCodeKind>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IUpstreamKind, GeminiApiKeyKind>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IUpstreamKind, AnthropicCompatibleKind>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IUpstreamKind, OpenAiCompatibleKind>());
        builder.Services.AddSingleton<UpstreamKinds>();
        builder.Services.AddSingleton<UpstreamHttp>();
        builder.Services.AddSingleton<HeldLeases>();
        builder.Services.AddHostedService<PoolVersionWatch>();
        builder.Services.AddSingleton<ActiveRequests>();
        builder.Services.AddHostedService<IdleMemoryTrim>();
        builder.Services.AddSingleton<OutcomeReporter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutcomeReporter>());
        builder.Services.AddScoped<UpstreamEngine>();
        builder.Services.AddScoped<ChatRunner>();
        builder.Services.AddScoped<ChatRequestPipeline>();
        builder.Services.AddSingleton<LargeBodyGate>();
        builder.Services.AddSingleton<Responses.StoredResponses>();
        builder.Services.AddSingleton<ISignatureCache, Thinking.RedisSignatureCache>();
        builder.Services.AddRequestMonitor();
        builder.Services.AddExceptionHandler<Errors.GatewayExceptionHandler>();
        return builder;
    }

    /// <summary>
    /// The request path: request id → exception handler (every failure protocol-shaped) → monitor record → <c>/v1/v1</c> correction → routing → CORS → service state
    /// (settings loaded, proxy running) → auth → endpoints.
    /// </summary>
    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        // GatewayExceptionHandler answers every failure; the empty fallback pipeline is never reached.
        app.UseExceptionHandler(static _ => { });
        app.UseMiddleware<MonitorMiddleware>();
        app.UseMiddleware<DuplicateV1PrefixMiddleware>();
        app.UseRouting();
        app.UseCors();
        app.UseMiddleware<ServiceStateMiddleware>();
        app.UseMiddleware<ProxyAuthMiddleware>();
        return app;
    }
}
