using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.State;

namespace Antigravity.UpstreamEmulator.GeminiApi;

/// <summary>The Gemini API key, from <c>x-goog-api-key</c> or <c>?key=</c>.</summary>
internal static class GeminiApiKeyAuth
{
    public static bool Authenticate(HttpContext context, EmulatorState state, out ErrorReply? error)
    {
        var key = context.Request.Headers["x-goog-api-key"].ToString();
        if (string.IsNullOrEmpty(key))
        {
            key = context.Request.Query["key"].ToString();
        }
        if (string.IsNullOrEmpty(key))
        {
            error = GoogleErrors.ApiKeyMissing();
            return false;
        }
        if (state.FindKey(key, ApiKeyKind.Gemini) is not { } registered)
        {
            error = GoogleErrors.ApiKeyInvalid();
            return false;
        }
        EmulatorContext.SetCaller(context, CallerIdentity.ForKey(registered));
        error = null;
        return true;
    }
}
