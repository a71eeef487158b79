using Antigravity.Contracts.Monitor;
using Microsoft.Extensions.Options;

namespace Antigravity.Dashboard.Monitor;

/// <summary>Options of the live monitor stream (<c>Dashboard:Monitor</c>).</summary>
public sealed class MonitorStreamOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:Monitor";

    /// <summary>Seconds between heartbeat comments on <c>/api/monitor/stream</c> while no record arrives (1–300, default 15).</summary>
    public int HeartbeatSeconds { get; set; } = 15;
}

/// <summary>Refuses a heartbeat outside 1–300 seconds at start.</summary>
internal sealed class ValidateMonitorStreamOptions : IValidateOptions<MonitorStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitorStreamOptions options) =>
        options.HeartbeatSeconds is < 1 or > 300
            ? ValidateOptionsResult.Fail($"{MonitorStreamOptions.Section}:HeartbeatSeconds must be between 1 and 300 (got {options.HeartbeatSeconds}).")
            : ValidateOptionsResult.Success;
}

/// <summary>Services behind <c>/api/monitor/*</c> and <c>/api/stats/*</c>.</summary>
internal static class MonitorApiRegistration
{
    public static IServiceCollection AddMonitorApi(this IServiceCollection services)
    {
        services.AddOptions<MonitorStreamOptions>().BindConfiguration(MonitorStreamOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MonitorStreamOptions>, ValidateMonitorStreamOptions>();
        services.AddSingleton<MonitorStore>();
        services.AddSingleton<TokenStatsReader>();
        services.AddSingleton<TokenStatsService>();
        services.AddSingleton<MonitorLiveFeed>();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, MonitorApiJsonContext.Default));
        return services;
    }
}
