using Antigravity.AppHost.Redis;
using Microsoft.Extensions.Configuration;

namespace Antigravity.AppHost;

/// <summary>The block printed once everything is healthy: where to point clients, how to sign in, where to watch.</summary>
public sealed class StartupSummary(DistributedApplicationModel model, IConfiguration configuration, AntigravityOptions options, AppHostSecrets secrets)
{
    private static readonly TimeSpan CredentialsTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The product version (Directory.Build.props), without the commit hash.</summary>
    public static string Version { get; } =
        (typeof(StartupSummary).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    /// <summary>The gateway's URL as clients use it.</summary>
    public Uri GatewayUrl => UrlOf(AntigravityTopology.GatewayName);

    /// <summary>Our dashboard's URL.</summary>
    public Uri DashboardUrl => UrlOf(AntigravityTopology.DashboardName);

    /// <summary>The Aspire dashboard's sign-in URL (with its browser token), or null when it does not run.</summary>
    public string? AspireDashboardLoginUrl =>
        AspireDashboardDefaults.Url(configuration, model) is { } url
            ? url + (configuration["AppHost:BrowserToken"] is { Length: > 0 } token ? $"/login?t={token}" : "")
            : null;

    /// <summary>The Redis connection string the services were given.</summary>
    public async Task<string> RedisConnectionStringAsync(CancellationToken cancellationToken) =>
        await Redis.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("Redis has no connection string.");

    /// <summary>The stored credentials (see <see cref="AntigravityCredentials.ReadAsync"/>).</summary>
    public async Task<AntigravityCredentials> ReadCredentialsAsync(CancellationToken cancellationToken) =>
        await AntigravityCredentials.ReadAsync(
            await RedisConnectionStringAsync(cancellationToken).ConfigureAwait(false),
            Environment.GetEnvironmentVariable("Dashboard__AdminPassword"), secrets, CredentialsTimeout, cancellationToken).ConfigureAwait(false);

    /// <summary>Prints the summary to standard output.</summary>
    public async Task PrintAsync(CancellationToken cancellationToken)
    {
        var credentials = await ReadCredentialsAsync(cancellationToken).ConfigureAwait(false);
        List<string> lines =
        [
            "",
            $"Antigravity Gateway {Version} is ready.",
            $"  Gateway URL       {GatewayUrl.ToString().TrimEnd('/')}{(options.AllowLan ? "   (LAN access on: listening on all interfaces)" : "")}{(options.GatewayReplicas > 1 ? $"   ({options.GatewayReplicas} replicas)" : "")}",
            $"  API key           {credentials.ApiKey ?? "(not stored yet: the gateway did not create the proxy settings)"}",
            $"  Dashboard URL     {DashboardUrl.ToString().TrimEnd('/')}",
            $"  Admin password    {credentials.AdminPassword ?? (credentials.AdminPasswordSetEarlier ? AdminPasswordSetEarlier : "(not stored yet: the dashboard did not create one)")}",
            $"  Aspire dashboard  {AspireDashboardLoginUrl ?? "(off)"}",
            $"  Data directory    {options.DataDirectory}",
            Redis switch
            {
                // The address only: the connection string carries the password.
                RedisServerResource server => $"  Redis             {(server.Kind == RedisKind.Garnet ? "Garnet" : "redis-server")} at {server.PrimaryEndpoint.Host}:{server.PrimaryEndpoint.Port} (data in {server.DataDirectory}, password in {Path.Combine(options.DataDirectory, RedisPassword.FileName)})",
                ExternalRedisResource external => $"  Redis             external, {external.Address}",
                _ => "",
            },
        ];
        if (model.Resources.OfType<ProjectResource>().FirstOrDefault(resource => resource.Name == AntigravityTopology.EmulatorName) is not null)
        {
            lines.Add($"  Upstream          EMULATED at {UrlOf(AntigravityTopology.EmulatorName).ToString().TrimEnd('/')} (--emulator): no request leaves this machine");
        }
        lines.Add("Press Ctrl+C to stop.");
        lines.Add("");
        Console.Out.Write(string.Join(Environment.NewLine, lines) + Environment.NewLine);
        await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the summary says instead of a password that was chosen at an earlier start.</summary>
    public const string AdminPasswordSetEarlier =
        "(the one printed at the first start; only its hash is stored. Forgot it? Restart with Dashboard__AdminPassword=<new one>, "
        + "or delete the Redis key ag:dashboard:admin-password and restart to get a new one printed)";

    private IResourceWithConnectionString Redis =>
        model.Resources.OfType<IResourceWithConnectionString>().Single(resource => resource.Name == AntigravityTopology.RedisName);

    private Uri UrlOf(string name)
    {
        var endpoint = model.Resources.OfType<ProjectResource>().Single(resource => resource.Name == name).GetEndpoint("http");
        return new Uri($"http://127.0.0.1:{endpoint.Port}");
    }
}
