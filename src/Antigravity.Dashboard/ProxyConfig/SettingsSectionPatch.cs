using System.Text.Json;
using Antigravity.Contracts.Settings;

namespace Antigravity.Dashboard.ProxyConfig;

/// <summary>
/// Reads the structured sections of a <c>PATCH /api/proxy/config</c> body — <c>modelMapping</c>,
/// <c>anthropicDispatch</c>, <c>scheduling</c>, <c>monitor</c> — so that each refusal names the exact field
/// (<c>scheduling.quotaProtection.thresholdPercent</c>). Sections are validated with the same rules the
/// services apply (<see cref="ModelMappingRules"/>, <see cref="SchedulingSettings.Validate"/>, …).
/// </summary>
internal static class SettingsSectionPatch
{
    public const string ModelMappingField = "modelMapping", AnthropicDispatchField = "anthropicDispatch",
        SchedulingField = "scheduling", MonitorField = "monitor";

    /// <summary>The section names this reader handles.</summary>
    public static readonly IReadOnlyList<string> Fields = [ModelMappingField, AnthropicDispatchField, SchedulingField, MonitorField];

    /// <summary>Reads section <paramref name="name"/> into <paramref name="change"/>, or says what is wrong.</summary>
    public static FieldError? Read(string name, JsonElement value, ref ProxyConfigChange change)
    {
        if (name.Equals(ModelMappingField, StringComparison.OrdinalIgnoreCase))
        {
            return ReadModelMapping(value, ref change);
        }
        if (name.Equals(AnthropicDispatchField, StringComparison.OrdinalIgnoreCase))
        {
            var mode = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (AnthropicDispatchModes.Validate(mode) is { } reason)
            {
                return new FieldError(AnthropicDispatchField, reason);
            }
            change = change with { AnthropicDispatch = mode };
            return null;
        }
        if (name.Equals(SchedulingField, StringComparison.OrdinalIgnoreCase))
        {
            return ReadScheduling(value, ref change);
        }
        return ReadMonitor(value, ref change);
    }

    private static FieldError? ReadModelMapping(JsonElement value, ref ProxyConfigChange change)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return new FieldError(ModelMappingField, "modelMapping must be an object of \"client model\": \"upstream model\" rows ({} clears it).");
        }
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in value.EnumerateObject())
        {
            if (row.Value.ValueKind != JsonValueKind.String)
            {
                return new FieldError($"{ModelMappingField}.{row.Name}", $"modelMapping[\"{row.Name}\"] must be a string naming the upstream model.");
            }
            if (!mapping.TryAdd(row.Name, row.Value.GetString()!))
            {
                return new FieldError($"{ModelMappingField}.{row.Name}", $"modelMapping names \"{row.Name}\" more than once.");
            }
        }
        if (ModelMappingRules.Validate(mapping) is { } reason)
        {
            return new FieldError(ModelMappingField, reason);
        }
        change = change with { ModelMapping = mapping };
        return null;
    }

    private static FieldError? ReadScheduling(JsonElement value, ref ProxyConfigChange change)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return new FieldError(SchedulingField, "scheduling must be an object, e.g. {\"mode\":\"balance\"}.");
        }
        var edits = new List<Func<SchedulingSettings, SchedulingSettings>>();
        foreach (var field in value.EnumerateObject())
        {
            var path = $"{SchedulingField}.{field.Name}";
            var v = field.Value;
            switch (field.Name)
            {
                case "mode" when v.ValueKind == JsonValueKind.String:
                    var mode = v.GetString()!;
                    edits.Add(s => s with { Mode = mode });
                    break;
                case "maxWaitSeconds" when v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var seconds):
                    edits.Add(s => s with { MaxWaitSeconds = seconds });
                    break;
                case "preferredAccountId" when v.ValueKind is JsonValueKind.Null or JsonValueKind.String:
                    var preferred = v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } id ? id : null;
                    edits.Add(s => s with { PreferredAccountId = preferred });
                    break;
                case "allLimitedWaitSeconds" when v.ValueKind == JsonValueKind.Number:
                    var wait = v.GetDouble();
                    edits.Add(s => s with { AllLimitedWaitSeconds = wait });
                    break;
                case "backoffSeconds" when ReadIntList(v) is { } backoff:
                    edits.Add(s => s with { BackoffSeconds = backoff });
                    break;
                case "quotaProtection" when v.ValueKind == JsonValueKind.Object:
                    if (ReadQuotaProtection(v, path, out var quotaError) is not { } quota)
                    {
                        return quotaError;
                    }
                    edits.Add(quota);
                    break;
                case "mode" or "maxWaitSeconds" or "preferredAccountId" or "allLimitedWaitSeconds" or "backoffSeconds" or "quotaProtection":
                    return new FieldError(path, $"{path} has the wrong JSON type ({Describe(v)}).");
                default:
                    return new FieldError(path,
                        $"Unknown field \"{path}\": scheduling accepts mode, maxWaitSeconds, preferredAccountId, quotaProtection, backoffSeconds, allLimitedWaitSeconds.");
            }
        }
        Func<SchedulingSettings, SchedulingSettings> apply = settings => edits.Aggregate(settings, (current, edit) => edit(current));
        if (apply(new SchedulingSettings()).Validate() is { } reason)
        {
            return new FieldError(SchedulingField, reason);
        }
        change = change with { Scheduling = apply };
        return null;
    }

    private static Func<SchedulingSettings, SchedulingSettings>? ReadQuotaProtection(JsonElement value, string path, out FieldError? error)
    {
        error = null;
        bool? enabled = null;
        double? threshold = null;
        foreach (var field in value.EnumerateObject())
        {
            if (field.Name == "enabled" && field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                enabled = field.Value.GetBoolean();
            }
            else if (field.Name == "thresholdPercent" && field.Value.ValueKind == JsonValueKind.Number)
            {
                threshold = field.Value.GetDouble();
            }
            else
            {
                error = new FieldError($"{path}.{field.Name}", field.Name is "enabled" or "thresholdPercent"
                    ? $"{path}.{field.Name} has the wrong JSON type ({Describe(field.Value)})."
                    : $"Unknown field \"{path}.{field.Name}\": quotaProtection accepts enabled, thresholdPercent.");
                return null;
            }
        }
        return s => s with
        {
            QuotaProtection = s.QuotaProtection with
            {
                Enabled = enabled ?? s.QuotaProtection.Enabled,
                ThresholdPercent = threshold ?? s.QuotaProtection.ThresholdPercent,
            },
        };
    }

    private static FieldError? ReadMonitor(JsonElement value, ref ProxyConfigChange change)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return new FieldError(MonitorField, "monitor must be an object, e.g. {\"logBodies\":true}.");
        }
        bool? enabled = null, logBodies = null;
        int? maxRecords = null;
        foreach (var field in value.EnumerateObject())
        {
            var path = $"{MonitorField}.{field.Name}";
            switch (field.Name)
            {
                case "enabled" when field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    enabled = field.Value.GetBoolean();
                    break;
                case "logBodies" when field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    logBodies = field.Value.GetBoolean();
                    break;
                case "maxRecords" when field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt32(out var records):
                    maxRecords = records;
                    break;
                case "enabled" or "logBodies" or "maxRecords":
                    return new FieldError(path, $"{path} has the wrong JSON type ({Describe(field.Value)}).");
                default:
                    return new FieldError(path, $"Unknown field \"{path}\": monitor accepts enabled, logBodies, maxRecords.");
            }
        }
        MonitorSettings Apply(MonitorSettings s) => s with
        {
            Enabled = enabled ?? s.Enabled,
            LogBodies = logBodies ?? s.LogBodies,
            MaxRecords = maxRecords ?? s.MaxRecords,
        };
        if (Apply(new MonitorSettings()).Validate() is { } reason)
        {
            return new FieldError(MonitorField, reason);
        }
        change = change with { Monitor = Apply };
        return null;
    }

    private static IReadOnlyList<int>? ReadIntList(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var list = new List<int>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var number))
            {
                return null;
            }
            list.Add(number);
        }
        return list;
    }

    private static string Describe(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? "JSON null" : "a JSON " + ProxyConfigPatch.Kind(value);
}
