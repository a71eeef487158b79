namespace Antigravity.Contracts.Settings;

/// <summary>
/// The rules a custom model mapping (<see cref="ProxySettings.ModelMapping"/>) must follow, shared by the admin
/// API and the UI so both refuse the same rows with the same words.
/// </summary>
public static class ModelMappingRules
{
    /// <summary>Most rows a mapping may hold.</summary>
    public const int MaxRows = 200;

    /// <summary>Longest model name or pattern accepted.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Null when <paramref name="mapping"/> is usable, else which row is wrong and why.</summary>
    public static string? Validate(IReadOnlyDictionary<string, string>? mapping)
    {
        if (mapping is null)
        {
            return "modelMapping must be an object of \"client model\": \"upstream model\" rows.";
        }
        if (mapping.Count > MaxRows)
        {
            return $"modelMapping holds {mapping.Count} rows; at most {MaxRows} are allowed.";
        }
        foreach (var (key, target) in mapping)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > MaxNameLength || HasControl(key))
            {
                return $"modelMapping keys must be 1–{MaxNameLength} printable characters (got \"{Shorten(key)}\").";
            }
            if (key.Trim('*').Length == 0)
            {
                return $"modelMapping key \"{key}\" matches every model; name at least one literal character.";
            }
            if (string.IsNullOrWhiteSpace(target) || target.Length > MaxNameLength || HasControl(target) || target.Contains('*', StringComparison.Ordinal))
            {
                return $"modelMapping[\"{Shorten(key)}\"] must be an upstream model name of 1–{MaxNameLength} characters without '*'.";
            }
        }
        return null;
    }

    private static bool HasControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }
        return false;
    }

    private static string Shorten(string? value) =>
        value is null ? "" : value.Length > 40 ? value[..40] + "…" : value;
}
