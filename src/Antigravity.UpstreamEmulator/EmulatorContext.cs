using Antigravity.UpstreamEmulator.State;

namespace Antigravity.UpstreamEmulator;

/// <summary>Per-request facts shared between endpoints and the request log.</summary>
internal static class EmulatorContext
{
    private const string CallerKey = "emulator.caller";

    public static void SetCaller(HttpContext context, CallerIdentity caller) => context.Items[CallerKey] = caller;

    public static CallerIdentity? GetCaller(HttpContext context) => context.Items.TryGetValue(CallerKey, out var value) ? value as CallerIdentity : null;
}
