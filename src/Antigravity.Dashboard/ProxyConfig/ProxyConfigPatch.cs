using System.Text.Json;

namespace Antigravity.Dashboard.ProxyConfig;

/// <summary>
/// Reads a <c>PATCH /api/proxy/config</c> body field by field so that every refusal names the field:
/// unknown fields, wrong JSON types, start-up options and invalid values alike.
/// </summary>
internal static class ProxyConfigPatch
{
    public static FieldError? TryParse(JsonElement root, out ProxyConfigChange change)
    {
        change = new ProxyConfigChange();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new FieldError(null, "The body must be a JSON object such as {\"authMode\":\"strict\"}.");
        }
        string? authMode = null;
        string? apiKey = null;
        bool? enabled = null;
        var sections = new ProxyConfigChange();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            if (!seen.Add(name))
            {
                return new FieldError(name, $"{name} appears more than once.");
            }
            if (name.Equals(ProxyConfigRules.AuthModeField, StringComparison.OrdinalIgnoreCase))
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return new FieldError(ProxyConfigRules.AuthModeField,
                        $"authMode must be a string, one of {ProxyConfigRules.AuthModeChoices} (got a JSON {Kind(property.Value)}).");
                }
                authMode = property.Value.GetString();
            }
            else if (name.Equals(ProxyConfigRules.ApiKeyField, StringComparison.OrdinalIgnoreCase))
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return new FieldError(ProxyConfigRules.ApiKeyField, $"apiKey must be a string starting with \"sk-\" (got a JSON {Kind(property.Value)}).");
                }
                apiKey = property.Value.GetString();
            }
            else if (name.Equals(ProxyConfigRules.EnabledField, StringComparison.OrdinalIgnoreCase))
            {
                if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return new FieldError(ProxyConfigRules.EnabledField, $"enabled must be true or false (got a JSON {Kind(property.Value)}).");
                }
                enabled = property.Value.GetBoolean();
            }
            else if (SettingsSectionPatch.Fields.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                if (SettingsSectionPatch.Read(name, property.Value, ref sections) is { } sectionError)
                {
                    return sectionError;
                }
            }
            else if (ProxyConfigRules.StartupOptions.TryGetValue(name, out var flag))
            {
                return new FieldError(name, $"{name} is a start-up option and cannot be changed here: restart the gateway with {flag}.");
            }
            else if (ProxyConfigRules.ComputedFields.Contains(name))
            {
                return new FieldError(name, $"{name} is computed by the server and cannot be set.");
            }
            else
            {
                return new FieldError(name, $"Unknown field \"{Shorten(name)}\": PATCH accepts {string.Join(", ", ProxyConfigRules.EditableFields)}.");
            }
        }
        if (seen.Count == 0)
        {
            return new FieldError(null, $"Nothing to change: send at least one of {string.Join(", ", ProxyConfigRules.EditableFields)}.");
        }
        if (ProxyConfigRules.TryBuild(authMode, apiKey, enabled, out change) is { } error)
        {
            return error;
        }
        change = change with
        {
            ModelMapping = sections.ModelMapping,
            AnthropicDispatch = sections.AnthropicDispatch,
            Scheduling = sections.Scheduling,
            Monitor = sections.Monitor,
        };
        return null;
    }

    /// <summary>The JSON type of <paramref name="value"/> in words (<c>boolean</c>, <c>number</c>, …).</summary>
    internal static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };

    private static string Shorten(string name) => name.Length > 40 ? name[..40] + "…" : name;
}
