using Antigravity.UpstreamEmulator.Anthropic;
using Antigravity.UpstreamEmulator.Generation;
using Antigravity.UpstreamEmulator.Logging;
using Antigravity.UpstreamEmulator.OAuth;
using Antigravity.UpstreamEmulator.State;
using Microsoft.Extensions.Options;

namespace Antigravity.UpstreamEmulator;

/// <summary>DI wiring of the emulator.</summary>
internal static class EmulatorServiceExtensions
{
    public static IHostApplicationBuilder AddUpstreamEmulator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmulatorOptions>().BindConfiguration(EmulatorOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EmulatorOptions>, ValidateEmulatorOptions>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EmulatorState>();
        builder.Services.AddSingleton<RequestLog>();
        builder.Services.AddSingleton<ThoughtSignatures>();
        builder.Services.AddSingleton<ReplyScript>();
        builder.Services.AddSingleton<ReplyPlanner>();
        builder.Services.AddSingleton<GeminiRequestReader>();
        builder.Services.AddSingleton<AnthropicRequestReader>();
        builder.Services.AddSingleton<IdTokens>();
        return builder;
    }

    /// <summary>Records upstream-facing requests for <c>GET /_emulator/requests</c>.</summary>
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app) => app.UseMiddleware<RequestLogMiddleware>();

    /// <summary>Turns a body of unexpected JSON shape into a 400 in the caller's dialect.</summary>
    public static IApplicationBuilder UseMalformedRequestGuard(this IApplicationBuilder app) => app.UseMiddleware<Faults.MalformedRequestMiddleware>();
}
