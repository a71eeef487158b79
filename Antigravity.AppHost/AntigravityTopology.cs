using System.Collections;
using System.Globalization;
using Antigravity.AppHost.Hosting;

namespace Antigravity.AppHost;

/// <summary>Handles on the declared resources.</summary>
public sealed record AntigravityResources(
    IResourceBuilder<RedisResource> Redis,
    IResourceBuilder<ProjectResource>? Emulator,
    IResourceBuilder<ProjectResource> AccountPool,
    IResourceBuilder<ProjectResource> Gateway,
    IResourceBuilder<ProjectResource> Dashboard);

/// <summary>
/// The Antigravity resource graph, declared once and used by <c>Program.cs</c> and by the test entry
/// point: Redis → (emulator) → accountpool → gateway and dashboard.
/// </summary>
public static class AntigravityTopology
{
    /// <summary>Resource names, as they appear in log prefixes and in <c>services__&lt;name&gt;__…</c>.</summary>
    public const string RedisName = "redis", EmulatorName = "emulator", AccountPoolName = "accountpool", GatewayName = "gateway", DashboardName = "dashboard";

    /// <summary>Declares the whole application.</summary>
    public static AntigravityResources AddAntigravity(this DistributedApplicationBuilder builder, AntigravityOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);

        var redis = options.RedisKind switch
        {
            RedisKind.Garnet => builder.AddGarnet(RedisName, Path.Combine(options.DataDirectory, "garnet")),
            RedisKind.RedisServer => builder.AddRedisServer(RedisName, Path.Combine(options.DataDirectory, "redis")),
            _ => builder.AddRedisConnection(RedisName, options.Redis),
        };

        var emulator = options.Emulator ? builder.AddProject(EmulatorName, Projects.UpstreamEmulator) : null;

        var accountPool = builder.AddProject(AccountPoolName, Projects.AccountPool)
            .WithReference(redis).WaitFor(redis)
            .WithUpstream(emulator);

        var gateway = builder.AddProject(GatewayName, Projects.Gateway)
            .WithHttpEndpoint(PortOrFree(options.Port), options.AllowLan ? "0.0.0.0" : "127.0.0.1")
            .WithReference(redis).WaitFor(redis)
            .WithReference(accountPool).WaitFor(accountPool)
            .WithUpstream(emulator);

        var dashboard = builder.AddProject(DashboardName, Projects.Dashboard)
            .WithHttpEndpoint(PortOrFree(options.DashboardPort))
            .WithReference(redis).WaitFor(redis)
            .WithReference(accountPool).WaitFor(accountPool)
            .WithReference(gateway)
            .WithUpstream(emulator);

        // The gateway binds by these; the dashboard shows them and explains the effective auth mode.
        foreach (var service in new[] { gateway, dashboard })
        {
            service.WithEnvironment("Proxy__Port", () => gateway.Resource.Endpoint!.Port.ToString(CultureInfo.InvariantCulture))
                .WithEnvironment("Proxy__AllowLanAccess", options.AllowLan ? "true" : "false");
        }

        foreach (var resource in builder.Resources)
        {
            if (options.ResourceEnvironment.TryGetValue(resource.Name, out var environment))
            {
                foreach (var (name, value) in environment)
                {
                    resource.Environment[name] = () => value;
                }
            }
        }
        return new AntigravityResources(redis, emulator, accountPool, gateway, dashboard);
    }

    /// <summary>
    /// Points every upstream URL at the emulator (one base address serves them all; the settings are
    /// listed in docs/configuration.md, "Upstreams served by the emulator") and starts the service only once the emulator is healthy. Does nothing without one.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithUpstream(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource>? emulator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (emulator is null)
        {
            return builder;
        }
        string Emulator(string path = "") => emulator.GetEndpoint().ToString().TrimEnd('/') + path;
        builder.WaitFor(emulator)
            .WithEnvironment("Upstream__OAuth__AuthorizeUrl", () => Emulator("/o/oauth2/v2/auth"))
            .WithEnvironment("Upstream__OAuth__TokenUrl", () => Emulator("/token"))
            .WithEnvironment("Upstream__OAuth__UserInfoUrl", () => Emulator("/oauth2/v2/userinfo"))
            .WithEnvironment("Upstream__OAuth__ClientId", "emulator-client-id")
            .WithEnvironment("Upstream__OAuth__ClientSecret", "emulator-client-secret")
            .WithEnvironment("Upstream__CloudCode__BaseUrls__0", () => Emulator())
            .WithEnvironment("Upstream__GeminiApi__BaseUrl", () => Emulator());
        // Only the emulator: drop further Cloud Code base URLs the AppHost's own environment may carry.
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name
                && name.StartsWith("Upstream__CloudCode__BaseUrls__", StringComparison.OrdinalIgnoreCase)
                && !name.EndsWith("__0", StringComparison.Ordinal))
            {
                builder.WithEnvironment(name, (string?)null);
            }
        }
        return builder;
    }

    private static int? PortOrFree(int port) => port == 0 ? null : port;
}
