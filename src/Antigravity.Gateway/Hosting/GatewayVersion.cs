using System.Reflection;

namespace Antigravity.Gateway.Hosting;

/// <summary>The version this build reports.</summary>
internal static class GatewayVersion
{
    /// <summary>The assembly's informational version (e.g. <c>0.1.0+1a2b3c4</c>), else its version.</summary>
    public static string Current { get; } =
        typeof(GatewayVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(GatewayVersion).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
