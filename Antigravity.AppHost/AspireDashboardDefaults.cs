using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Antigravity.AppHost;

/// <summary>
/// The Aspire dashboard on plain http on 127.0.0.1 out of the box (no developer certificate to create or
/// trust): the settings Aspire needs for that, added unless the environment or the command line sets them.
/// </summary>
internal static class AspireDashboardDefaults
{
    /// <summary>The configuration arguments for Aspire: the user's own, then the defaults they leave unset.</summary>
    public static string[] Arguments(string[] args, AntigravityOptions options)
    {
        var given = AppHostCommandLine.ConfigurationArguments(args);
        var dashboardPort = FreePort.Or(options.AspireDashboardPort);
        var otlpPort = options.AspireDashboardPort == 0 ? FreePort.Next() : dashboardPort + 1;
        var resourcePort = options.AspireDashboardPort == 0 ? FreePort.Next() : dashboardPort + 2;
        (string Name, string Value)[] defaults =
        [
            ("ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true"),
            ("ASPNETCORE_URLS", Url(dashboardPort)),
            ("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", Url(otlpPort)),
            ("ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", Url(resourcePort)),
        ];
        return
        [
            .. given,
            .. defaults
                .Where(setting => Environment.GetEnvironmentVariable(setting.Name) is null
                    && !given.Any(arg => arg.StartsWith($"--{setting.Name}=", StringComparison.OrdinalIgnoreCase)))
                .Select(setting => $"--{setting.Name}={setting.Value}"),
        ];
    }

    /// <summary>The running Aspire dashboard's address (no trailing slash), or null when it does not run.</summary>
    public static string? Url(IConfiguration configuration, DistributedApplicationModel model) =>
        model.Resources.Any(resource => resource.Name == "aspire-dashboard")
        && configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } url
            ? url.TrimEnd('/')
            : null;

    private static string Url(int port) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
}
