using System.Collections;
using System.Globalization;
using Antigravity.AppHost.Redis;
using Antigravity.AppHost.Supervision;
using Antigravity.Contracts.DataProtection;
using Antigravity.Contracts.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace Antigravity.AppHost;

/// <summary>
/// The Antigravity resource graph, declared once for <c>Program.cs</c> and the whole-app tests:
/// Redis → (emulator) → accountpool → gateway (N replicas) and dashboard.
/// </summary>
public static class AntigravityTopology
{
    /// <summary>Resource names, as the Aspire dashboard shows them and as <c>services__&lt;name&gt;__…</c> carries them.</summary>
    public const string RedisName = "redis", EmulatorName = "emulator", AccountPoolName = "accountpool", GatewayName = "gateway", DashboardName = "dashboard";

    /// <summary>The secret parameter that holds the services' internal credential (<c>Internal__ApiKey</c>).</summary>
    public const string InternalApiKeyName = "internal-api-key";

    /// <summary>Declares the whole application, with the start-up watch and crash restarts.</summary>
    public static void AddAntigravity(this IDistributedApplicationBuilder builder, AntigravityOptions options, GarnetTool? garnet = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);

        IResourceBuilder<IResourceWithConnectionString> redis = options.RedisKind switch
        {
            RedisKind.Garnet => builder.AddGarnet(RedisName, Path.Combine(options.DataDirectory, "garnet"), FreePort.Next(), garnet ?? GarnetTool.Locate(), RedisPassword.LoadOrCreate(options.DataDirectory)),
            RedisKind.RedisServer => builder.AddRedisServer(RedisName, Path.Combine(options.DataDirectory, "redis"), FreePort.Next(), RedisPassword.LoadOrCreate(options.DataDirectory)),
            _ => builder.AddExternalRedis(RedisName, options.Redis),
        };

        // The key ring's key-encryption key and the first admin password reach the services as secret parameters
        // (masked in the Aspire dashboard); neither is written to Redis.
        var secrets = AppHostSecrets.LoadOrCreate(options.DataDirectory);
        var keyEncryptionKey = builder.AddParameter("dataprotection-key", secrets.KeyEncryptionKey, secret: true);
        var initialAdminPassword = builder.AddParameter("initial-admin-password", secrets.InitialAdminPassword, secret: true);
        // The credential of the internal APIs: new at each start, known only to the services (a secret parameter,
        // masked in the Aspire dashboard; never printed).
        var internalApiKey = builder.AddParameter(InternalApiKeyName, InternalApiKey.Generate(), secret: true);

        var emulator = options.Emulator
            ? builder.AddProject<Projects.Antigravity_UpstreamEmulator>(EmulatorName).WithServiceDefaults(FreePort.Next())
            : null;

        var accountPool = builder.AddProject<Projects.Antigravity_AccountPool>(AccountPoolName)
            .WithServiceDefaults(FreePort.Next())
            .WithReference(redis).WaitFor(redis)
            .WithUpstream(emulator);

        // One replica: clients reach the gateway process itself on the gateway port (no proxy hop on the
        // data plane). Several: Aspire's proxy listens there and spreads connections over the replicas.
        var gatewayPort = FreePort.Or(options.Port);
        var gateway = builder.AddProject<Projects.Antigravity_Gateway>(GatewayName)
            .WithServiceDefaults(gatewayPort, proxied: options.GatewayReplicas > 1, lan: options.AllowLan)
            .WithReplicas(options.GatewayReplicas)
            .WithReference(redis).WaitFor(redis)
            .WithReference(accountPool).WaitFor(accountPool)
            .WithUpstream(emulator)
            // The gateway runs each request on the socket thread that read it (its Hosting/InlineRequestScheduling);
            // this has .NET's sockets complete on their event thread too, so an exchange never waits for a thread
            // to wake. The runtime reads it at process start, hence an environment variable.
            .WithEnvironment("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");

        var dashboardPort = FreePort.Or(options.DashboardPort);
        var dashboard = builder.AddProject<Projects.Antigravity_Dashboard>(DashboardName)
            .WithServiceDefaults(dashboardPort)
            .WithReference(redis).WaitFor(redis)
            .WithReference(accountPool).WaitFor(accountPool)
            .WithReference(gateway)
            .WithUpstream(emulator);

        foreach (var service in new[] { accountPool, gateway, dashboard })
        {
            service.WithEnvironment(KeyRingEncryptionOptions.EnvironmentVariable, keyEncryptionKey);
        }
        dashboard.WithEnvironment("Dashboard__InitialAdminPassword", initialAdminPassword);

        // The dashboard's own origin may call the gateway from a browser (CORS); no other unless configured.
        // (as a browser names it: by 127.0.0.1, as the summary prints it, or by localhost).
        gateway.WithEnvironment("services__dashboard__http__0", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{dashboardPort}"))
            .WithEnvironment("services__dashboard__http__1", string.Create(CultureInfo.InvariantCulture, $"http://localhost:{dashboardPort}"));

        // A request's detail links to its trace in the Aspire dashboard, when one runs.
        dashboard.WithEnvironment(context =>
        {
            var model = context.ExecutionContext.Services.GetRequiredService<DistributedApplicationModel>();
            if (AspireDashboardDefaults.Url(builder.Configuration, model) is { } url)
            {
                context.EnvironmentVariables["Dashboard__AspireDashboardUrl"] = url + "/";
            }
        });

        // The gateway binds by these; the dashboard shows them and explains the effective auth mode.
        foreach (var service in new[] { gateway, dashboard })
        {
            service.WithEnvironment("Proxy__Port", gatewayPort.ToString(CultureInfo.InvariantCulture))
                .WithEnvironment("Proxy__AllowLanAccess", options.AllowLan ? "true" : "false");
        }

        // The pool requires it on /internal/…; the gateway and the dashboard send it.
        foreach (var service in new[] { accountPool, gateway, dashboard })
        {
            service.WithEnvironment(InternalApiKey.EnvironmentVariable, internalApiKey);
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(secrets);
        builder.Services.AddSingleton<StartupSummary>();
        builder.Services.AddSingleton<StartupWatch>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StartupWatch>());
        builder.Services.AddHostedService<CrashRestarts>();
    }

    /// <summary>
    /// A plain-http endpoint named <c>http</c> on <paramref name="port"/> (not proxied unless asked: one
    /// process, one port), and the <c>/health</c> check every service answers.
    /// </summary>
    private static IResourceBuilder<ProjectResource> WithServiceDefaults(this IResourceBuilder<ProjectResource> builder, int port, bool proxied = false, bool lan = false)
    {
        builder
            .WithHttpEndpoint(port: port, targetPort: proxied ? null : port, name: "http", isProxied: proxied)
            .WithEndpoint("http", endpoint => endpoint.TargetHost = lan ? "0.0.0.0" : "127.0.0.1", createIfNotExists: false)
            .WithHttpHealthCheck("/health");
        // The services' own settings given to the AppHost (Proxy__ApiKey, Dashboard__AdminPassword, …) reach them.
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable is { Key: string name, Value: string value } && ForwardedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                builder.WithEnvironment(name, value);
            }
        }
        return builder;
    }

    private static readonly string[] ForwardedPrefixes = ["Proxy__", "Dashboard__", "Upstream__", "Gateway__", "AccountPool__", "Monitor__"];

    /// <summary>
    /// Points every upstream URL at the emulator (one base address serves them all; the settings are
    /// listed in docs/configuration.md, "Upstreams served by the emulator") and starts the service only once
    /// the emulator is healthy. Does nothing without one.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithUpstream(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource>? emulator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (emulator is null)
        {
            return builder;
        }
        var url = emulator.GetEndpoint("http");
        builder.WaitFor(emulator)
            .WithEnvironment("Upstream__OAuth__AuthorizeUrl", ReferenceExpression.Create($"{url}/o/oauth2/v2/auth"))
            .WithEnvironment("Upstream__OAuth__TokenUrl", ReferenceExpression.Create($"{url}/token"))
            .WithEnvironment("Upstream__OAuth__UserInfoUrl", ReferenceExpression.Create($"{url}/oauth2/v2/userinfo"))
            .WithEnvironment("Upstream__OAuth__ClientId", "emulator-client-id")
            .WithEnvironment("Upstream__OAuth__ClientSecret", "emulator-client-secret")
            .WithEnvironment("Upstream__CloudCode__BaseUrls__0", ReferenceExpression.Create($"{url}"))
            .WithEnvironment("Upstream__GeminiApi__BaseUrl", ReferenceExpression.Create($"{url}"));
        // Only the emulator: drop further Cloud Code base URLs the AppHost's own environment may carry.
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name
                && name.StartsWith("Upstream__CloudCode__BaseUrls__", StringComparison.OrdinalIgnoreCase)
                && !name.EndsWith("__0", StringComparison.Ordinal))
            {
                builder.WithEnvironment(context => context.EnvironmentVariables.Remove(name));
            }
        }
        return builder;
    }
}
