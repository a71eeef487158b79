using Antigravity.Contracts.Monitor;

namespace Antigravity.Gateway.Monitor;

/// <summary>Wires the request monitor: the queue, the Redis store and the background writer.</summary>
internal static class MonitorRegistration
{
    /// <summary>Adds the monitor's services.</summary>
    public static IServiceCollection AddRequestMonitor(this IServiceCollection services)
    {
        services.AddSingleton<MonitorQueue>();
        services.AddSingleton<MonitorStore>();
        services.AddHostedService<MonitorWriter>();
        return services;
    }
}
