using System.Text.Json;
using System.Text.Json.Nodes;

namespace Antigravity.Protocols.Schema;

/// <summary>
/// Rewrites a JSON Schema (tool parameters, structured output) into the subset Gemini accepts:
/// local <c>$ref</c>s are inlined (recursion cut to a plain object), <c>allOf</c> is merged,
/// <c>anyOf</c>/<c>oneOf</c> and <c>type</c> arrays with <c>"null"</c> become <c>nullable</c>,
/// <c>const</c> becomes a one-value <c>enum</c>, <c>required</c> keeps only declared properties, and every
/// keyword Gemini rejects (<c>$schema</c>, <c>additionalProperties</c>, <c>default</c>, <c>examples</c>,
/// <c>title</c>, <c>patternProperties</c>, <c>exclusiveMinimum</c>, <c>format</c> other than
/// <c>enum</c>/<c>date-time</c>, …) is dropped; constraints the model should still know about are kept as
/// a hint in <c>description</c>.
/// </summary>
public static class GeminiSchemaCleaner
{
    private const int MaxDepth = 32;

    /// <summary>
    /// How many schema nodes the cleaned schema may have per node of the input: inlining a definition used a
    /// few times stays well within it, while a chain of definitions that each use the previous one several
    /// times (cost multiplying per level) is stopped early instead of growing into megabytes.
    /// </summary>
    public const int ExpansionFactor = 10;

    /// <summary>The budget a small schema gets whatever its size, so ordinary reuse of definitions never trips it.</summary>
    public const int MinimumNodeBudget = 10_000;

    /// <summary>The most schema nodes a cleaned schema may have, whatever the input.</summary>
    public const int MaxNodes = 200_000;

    /// <summary>Cleans <paramref name="schema"/>; a non-object schema becomes <c>{}</c>.</summary>
    /// <exception cref="SchemaTooLargeException">Inlining its references would exceed the node budget.</exception>
    public static JsonElement Clean(JsonElement schema)
    {
        var cleaned = CleanToNode(schema);
        return JsonSerializer.SerializeToElement(cleaned, Json.ProtocolJsonContext.Default.JsonObject);
    }

    /// <summary>
    /// Cleans a function's parameter schema; null when it declares no properties (Gemini rejects an
    /// object schema with none, and a parameterless function needs no schema).
    /// </summary>
    /// <exception cref="SchemaTooLargeException">Inlining its references would exceed the node budget.</exception>
    public static JsonElement? CleanParameters(JsonElement? schema)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        var cleaned = CleanToNode(value);
        if (cleaned["properties"] is not JsonObject { Count: > 0 })
        {
            return null;
        }

        return JsonSerializer.SerializeToElement(cleaned, Json.ProtocolJsonContext.Default.JsonObject);
    }

    /// <summary>The node budget for a schema of <paramref name="inputNodes"/> nodes.</summary>
    public static int NodeBudget(int inputNodes) =>
        (int)Math.Min(Math.Max((long)inputNodes * ExpansionFactor, MinimumNodeBudget), MaxNodes);

    private static JsonObject CleanToNode(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var root = JsonNode.Parse(schema.GetRawText())!.AsObject();
        var budget = new NodeBudgetCounter(NodeBudget(CountNodes(schema)));
        return CleanSchema(root, root, 0, [], budget);
    }

    private static int CountNodes(JsonElement element)
    {
        var count = 1;
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                count += CountNodes(property.Value);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                count += CountNodes(item);
            }
        }

        return count;
    }

    private static JsonObject CleanSchema(JsonNode? node, JsonObject root, int depth, HashSet<string> refs, NodeBudgetCounter budget)
    {
        budget.Spend();
        if (node is not JsonObject schema || depth > MaxDepth)
        {
            return new JsonObject { ["type"] = "object" };
        }

        if (schema["$ref"] is JsonValue refValue && refValue.TryGetValue<string>(out var reference))
        {
            return CleanReference(schema, reference, root, depth, refs, budget);
        }

        var result = new JsonObject();
        var hints = new List<string>();
        var nullable = false;

        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var part in allOf)
            {
                Merge(result, CleanSchema(part, root, depth + 1, refs, budget));
            }
        }

        var variants = (schema["anyOf"] ?? schema["oneOf"]) as JsonArray;
        if (variants is not null)
        {
            var kept = new List<JsonObject>();
            foreach (var variant in variants)
            {
                if (SchemaKeywordRules.IsNullSchema(variant))
                {
                    nullable = true;
                    continue;
                }

                kept.Add(CleanSchema(variant, root, depth + 1, refs, budget));
            }

            if (kept.Count == 1)
            {
                Merge(result, kept[0]);
            }
            else if (kept.Count > 1)
            {
                result["anyOf"] = new JsonArray([.. kept]);
            }
        }

        SchemaKeywordRules.ApplyType(schema["type"], result, ref nullable);
        SchemaKeywordRules.ApplyEnum(schema, result, hints, ref nullable);
        SchemaKeywordRules.CopyAnnotations(schema, result, hints);
        ApplyStructure(schema, result, root, depth, refs, budget);

        if (result["type"] is null && result["anyOf"] is null)
        {
            var inferred = result["properties"] is not null ? "object" : result["items"] is not null ? "array" : result["enum"] is not null ? "string" : null;
            if (inferred is not null)
            {
                result["type"] = inferred;
            }
        }

        if (nullable)
        {
            result["nullable"] = true;
        }

        if (hints.Count > 0)
        {
            var description = result["description"]?.GetValue<string>();
            var hint = "(" + string.Join("; ", hints) + ")";
            result["description"] = string.IsNullOrEmpty(description) ? hint : description + " " + hint;
        }

        return result;
    }

    private static JsonObject CleanReference(JsonObject schema, string reference, JsonObject root, int depth, HashSet<string> refs, NodeBudgetCounter budget)
    {
        JsonObject resolved;
        if (refs.Contains(reference) || Resolve(root, reference) is not { } target)
        {
            // A recursive or unresolvable reference: an untyped object is the most Gemini can express.
            resolved = new JsonObject { ["type"] = "object" };
        }
        else
        {
            refs.Add(reference);
            resolved = CleanSchema(target, root, depth + 1, refs, budget);
            refs.Remove(reference);
        }

        if (schema["description"] is JsonValue description && description.TryGetValue<string>(out var text))
        {
            resolved["description"] = text;
        }

        return resolved;
    }

    private static JsonNode? Resolve(JsonObject root, string reference)
    {
        if (reference == "#")
        {
            return root;
        }

        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        JsonNode? current = root;
        foreach (var rawSegment in reference[2..].Split('/'))
        {
            var segment = Uri.UnescapeDataString(rawSegment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current is JsonObject obj ? obj[segment] : null;
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    private static void ApplyStructure(JsonObject schema, JsonObject result, JsonObject root, int depth, HashSet<string> refs, NodeBudgetCounter budget)
    {
        if (schema["properties"] is JsonObject properties)
        {
            var cleaned = result["properties"] as JsonObject ?? [];
            foreach (var (name, property) in properties)
            {
                cleaned[name] = CleanSchema(property, root, depth + 1, refs, budget);
            }

            result["properties"] = cleaned;
        }

        if (schema["items"] is { } items)
        {
            // Tuple form (an array of schemas) is not expressible: the first schema describes the items.
            result["items"] = CleanSchema(items is JsonArray tuple ? tuple.FirstOrDefault() : items, root, depth + 1, refs, budget);
        }

        var required = new JsonArray();
        var existing = result["required"] as JsonArray;
        var declared = result["properties"] as JsonObject;
        foreach (var source in new[] { existing, schema["required"] as JsonArray })
        {
            if (source is null)
            {
                continue;
            }

            foreach (var item in source)
            {
                if (item is JsonValue v && v.TryGetValue<string>(out var name) && declared?.ContainsKey(name) == true
                    && !required.Any(r => r!.GetValue<string>() == name))
                {
                    required.Add(name);
                }
            }
        }

        if (required.Count > 0)
        {
            result["required"] = required;
        }
        else
        {
            result.Remove("required");
        }
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source.ToList())
        {
            if (key == "properties" && value is JsonObject props)
            {
                var merged = target["properties"] as JsonObject ?? [];
                foreach (var (name, prop) in props)
                {
                    merged[name] = prop?.DeepClone();
                }

                target["properties"] = merged;
            }
            else if (key == "required" && value is JsonArray req)
            {
                var merged = target["required"] as JsonArray ?? [];
                foreach (var item in req)
                {
                    merged.Add(item?.DeepClone());
                }

                target["required"] = merged;
            }
            else if (!target.ContainsKey(key))
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    /// <summary>Counts the schema nodes produced; throws once the budget is spent, so the work stays bounded too.</summary>
    private sealed class NodeBudgetCounter(int limit)
    {
        private int _spent;

        public void Spend()
        {
            if (++_spent > limit)
            {
                throw new SchemaTooLargeException(limit);
            }
        }
    }
}
