using Antigravity.AppHost.Hosting;

namespace Antigravity.AppHost;

/// <summary>The block printed once everything is healthy: where to point clients and how to log in.</summary>
internal static class StartupSummary
{
    private static readonly TimeSpan CredentialsTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The product version (Directory.Build.props), without the commit hash.</summary>
    public static string Version { get; } =
        (typeof(StartupSummary).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    /// <summary>What is about to start, before anything does.</summary>
    public static void PrintStarting(AppHostOutput output, AntigravityOptions options)
    {
        output.Info($"Antigravity Gateway {Version}: data directory {options.DataDirectory}, Redis {options.RedisKind switch
        {
            RedisKind.Garnet => "garnet",
            RedisKind.RedisServer => "redis-server",
            _ => "external (connection string)",
        }}");
        if (options.Emulator)
        {
            output.Warning("--emulator: every upstream URL points at the local upstream emulator; no request leaves this machine.");
        }
    }

    public static async Task PrintAsync(DistributedApplication app, AntigravityResources resources, AntigravityOptions options, CancellationToken cancellationToken)
    {
        var credentials = await AntigravityCredentials.ReadAsync(resources.Redis.Resource, Environment.GetEnvironmentVariable("Dashboard__AdminPassword"), CredentialsTimeout, cancellationToken).ConfigureAwait(false);
        var gateway = resources.Gateway.GetEndpoint().ToString().TrimEnd('/');
        var redis = resources.Redis.Resource;
        List<string> lines =
        [
            "",
            $"Antigravity Gateway {Version} is ready.",
            $"  Gateway URL      {gateway}{(options.AllowLan ? "   (LAN access on: listening on all interfaces)" : "")}",
            $"  API key          {credentials.ApiKey ?? "(not stored yet: the gateway did not create the proxy settings)"}",
            $"  Dashboard URL    {resources.Dashboard.GetEndpoint().ToString().TrimEnd('/')}",
            $"  Admin password   {credentials.AdminPassword ?? "(not stored yet: the dashboard did not create one)"}",
            $"  Data directory   {options.DataDirectory}",
            redis.Kind == RedisKind.External
                ? $"  Redis            external, {redis.Endpoint!.ClientHost}:{redis.Endpoint.Port}"
                : $"  Redis            {redis.Description} at {redis.ConnectionString} (data in {redis.DataDirectory})",
        ];
        if (resources.Emulator is { } emulator)
        {
            lines.Add($"  Upstream         EMULATED at {emulator.GetEndpoint().ToString().TrimEnd('/')} (--emulator): no request leaves this machine");
        }
        lines.Add("Press Ctrl+C to stop.");
        lines.Add("");
        app.Output.Summary(lines);
        app.Output.Logs.Append(ResourceLogStore.AppHostName, "Antigravity Gateway is ready.");
    }
}
