using Antigravity.Contracts.Settings;
using Antigravity.Dashboard.ProxyConfig;

namespace Antigravity.Dashboard.Components.Shared;

/// <summary>One row of the model mapping editor as the form posts it.</summary>
public sealed class MappingRow
{
    /// <summary>The client model name or <c>*</c> pattern.</summary>
    public string? From { get; set; }

    /// <summary>The upstream model.</summary>
    public string? To { get; set; }

    /// <summary>Ticked: drop the row.</summary>
    public bool Remove { get; set; }
}

/// <summary>Turns the editor's rows into a mapping checked by <see cref="ModelMappingRules"/>, the rules of the admin API.</summary>
internal static class ModelMappingForm
{
    /// <summary>Null and the mapping, or why the rows cannot be saved.</summary>
    public static FieldError? Build(IReadOnlyList<MappingRow> rows, out Dictionary<string, string> mapping)
    {
        mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var from = rows[i].From?.Trim() ?? "";
            var to = rows[i].To?.Trim() ?? "";
            if (rows[i].Remove || (from.Length == 0 && to.Length == 0))
            {
                continue;
            }
            if (from.Length == 0)
            {
                return new FieldError("modelMapping", $"Row {i + 1} maps to \"{to}\" but names no client model.");
            }
            if (to.Length == 0)
            {
                return new FieldError("modelMapping", $"Row {i + 1} (\"{from}\") needs an upstream model.");
            }
            if (!mapping.TryAdd(from, to))
            {
                return new FieldError("modelMapping", $"\"{from}\" appears twice; keep one row for it.");
            }
        }
        return ModelMappingRules.Validate(mapping) is { } error ? new FieldError("modelMapping", error) : null;
    }
}
