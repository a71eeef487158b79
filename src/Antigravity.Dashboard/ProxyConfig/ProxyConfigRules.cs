using Antigravity.Contracts.Settings;

namespace Antigravity.Dashboard.ProxyConfig;

/// <summary>
/// The validation rules of the editable proxy settings, shared by the admin API and the UI so that both
/// accept and refuse exactly the same values with the same words.
/// </summary>
internal static class ProxyConfigRules
{
    public const string AuthModeField = "authMode";
    public const string ApiKeyField = "apiKey";
    public const string EnabledField = "enabled";

    /// <summary>The fields a PATCH may carry.</summary>
    public static readonly IReadOnlyList<string> EditableFields = [AuthModeField, ApiKeyField, EnabledField, .. SettingsSectionPatch.Fields];

    /// <summary>Start-up options shown by GET but changed only by restarting the gateway, with the flag that sets them.</summary>
    public static readonly IReadOnlyDictionary<string, string> StartupOptions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["port"] = "--port (Proxy__Port)",
        ["allowLanAccess"] = "--allow-lan (Proxy__AllowLanAccess)",
    };

    /// <summary>Fields computed by the server.</summary>
    public static readonly IReadOnlySet<string> ComputedFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "effectiveAuthMode", "effectiveAuthModeExplanation", "revision", "updatedAt",
    };

    public static string AuthModeChoices => string.Join(", ", ProxyAuthModes.AllowedValues);

    /// <summary>Parses an auth mode spelling, or says why it is not one.</summary>
    public static FieldError? ParseAuthMode(string? value, out ProxyAuthMode mode) =>
        ProxyAuthModes.TryParse(value, out mode)
            ? null
            : new FieldError(AuthModeField, $"authMode must be one of {AuthModeChoices} (got {Describe(value)}).");

    /// <summary>Checks a new API key with <see cref="ApiKeys.Validate"/>.</summary>
    public static FieldError? ValidateApiKey(string? value) =>
        ApiKeys.Validate(value) is { } reason ? new FieldError(ApiKeyField, reason) : null;

    /// <summary>Builds a change from the UI's plain inputs through the same rules as the API.</summary>
    public static FieldError? TryBuild(string? authMode, string? apiKey, bool? enabled, out ProxyConfigChange change)
    {
        change = new ProxyConfigChange();
        ProxyAuthMode? mode = null;
        if (authMode is not null)
        {
            if (ParseAuthMode(authMode, out var parsed) is { } error)
            {
                return error;
            }
            mode = parsed;
        }
        if (apiKey is not null && ValidateApiKey(apiKey) is { } keyError)
        {
            return keyError;
        }
        change = new ProxyConfigChange(mode, apiKey, enabled);
        return null;
    }

    private static string Describe(string? value) =>
        value is null ? "null" : value.Length > 40 ? $"\"{value[..40]}…\"" : $"\"{value}\"";
}
