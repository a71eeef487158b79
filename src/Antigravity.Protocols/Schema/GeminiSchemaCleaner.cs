using System.Globalization;
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

    private static readonly string[] CopiedNumbers =
        ["minimum", "maximum", "minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties"];

    private static readonly string[] HintedKeywords = ["exclusiveMinimum", "exclusiveMaximum", "multipleOf", "default"];

    /// <summary>Cleans <paramref name="schema"/>; a non-object schema becomes <c>{}</c>.</summary>
    public static JsonElement Clean(JsonElement schema)
    {
        var cleaned = CleanToNode(schema);
        return JsonSerializer.SerializeToElement(cleaned, Json.ProtocolJsonContext.Default.JsonObject);
    }

    /// <summary>
    /// Cleans a function's parameter schema; null when it declares no properties (Gemini rejects an
    /// object schema with none, and a parameterless function needs no schema).
    /// </summary>
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

    private static JsonObject CleanToNode(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var root = JsonNode.Parse(schema.GetRawText())!.AsObject();
        return CleanSchema(root, root, 0, []);
    }

    private static JsonObject CleanSchema(JsonNode? node, JsonObject root, int depth, HashSet<string> refs)
    {
        if (node is not JsonObject schema || depth > MaxDepth)
        {
            return new JsonObject { ["type"] = "object" };
        }

        if (schema["$ref"] is JsonValue refValue && refValue.TryGetValue<string>(out var reference))
        {
            return CleanReference(schema, reference, root, depth, refs);
        }

        var result = new JsonObject();
        var hints = new List<string>();
        var nullable = false;

        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var part in allOf)
            {
                Merge(result, CleanSchema(part, root, depth + 1, refs));
            }
        }

        var variants = (schema["anyOf"] ?? schema["oneOf"]) as JsonArray;
        if (variants is not null)
        {
            var kept = new List<JsonObject>();
            foreach (var variant in variants)
            {
                if (IsNullSchema(variant))
                {
                    nullable = true;
                    continue;
                }

                kept.Add(CleanSchema(variant, root, depth + 1, refs));
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

        ApplyType(schema["type"], result, ref nullable);
        ApplyEnum(schema, result, hints, ref nullable);
        CopyAnnotations(schema, result, hints);
        ApplyStructure(schema, result, root, depth, refs);

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

    private static JsonObject CleanReference(JsonObject schema, string reference, JsonObject root, int depth, HashSet<string> refs)
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
            resolved = CleanSchema(target, root, depth + 1, refs);
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

    private static bool IsNullSchema(JsonNode? node) =>
        node is JsonObject obj && obj["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == "null";

    private static void ApplyType(JsonNode? typeNode, JsonObject result, ref bool nullable)
    {
        switch (typeNode)
        {
            case JsonValue value when value.TryGetValue<string>(out var single):
                if (single == "null")
                {
                    nullable = true;
                }
                else
                {
                    result["type"] = single.ToLowerInvariant();
                }

                break;
            case JsonArray array:
                var types = new List<string>();
                foreach (var item in array)
                {
                    if (item is JsonValue v && v.TryGetValue<string>(out var name))
                    {
                        if (name == "null")
                        {
                            nullable = true;
                        }
                        else
                        {
                            types.Add(name.ToLowerInvariant());
                        }
                    }
                }

                if (types.Count == 1)
                {
                    result["type"] = types[0];
                }
                else if (types.Count > 1 && result["anyOf"] is null)
                {
                    var anyOf = new JsonArray();
                    foreach (var name in types)
                    {
                        anyOf.Add(new JsonObject { ["type"] = name });
                    }

                    result["anyOf"] = anyOf;
                }

                break;
        }
    }

    private static void ApplyEnum(JsonObject schema, JsonObject result, List<string> hints, ref bool nullable)
    {
        var values = schema["enum"] as JsonArray;
        if (values is null && schema.TryGetPropertyValue("const", out var constant))
        {
            values = [constant?.DeepClone()];
        }

        if (values is null)
        {
            return;
        }

        var strings = new JsonArray();
        var allStrings = true;
        foreach (var value in values)
        {
            if (value is null)
            {
                nullable = true;
            }
            else if (value is JsonValue v && v.TryGetValue<string>(out var text))
            {
                strings.Add(text);
            }
            else
            {
                allStrings = false;
            }
        }

        if (allStrings && strings.Count > 0)
        {
            // Gemini only accepts enum on strings.
            result["type"] = "string";
            result["enum"] = strings;
        }
        else if (values.Count > 0)
        {
            hints.Add("allowed values: " + values.ToJsonString());
        }
    }

    private static void CopyAnnotations(JsonObject schema, JsonObject result, List<string> hints)
    {
        if (schema["description"] is JsonValue description && description.TryGetValue<string>(out var text))
        {
            result["description"] = text;
        }
        else if (schema["title"] is JsonValue title && title.TryGetValue<string>(out var titleText))
        {
            result["description"] = titleText;
        }

        foreach (var name in CopiedNumbers)
        {
            if (schema[name] is JsonValue number && number.TryGetValue<double>(out _))
            {
                result[name] = number.DeepClone();
            }
        }

        if (schema["pattern"] is JsonValue pattern && pattern.TryGetValue<string>(out var regex))
        {
            result["pattern"] = regex;
        }

        if (schema["format"] is JsonValue format && format.TryGetValue<string>(out var formatName))
        {
            if (formatName is "enum" or "date-time" && result["type"]?.GetValue<string>() == "string")
            {
                result["format"] = formatName;
            }
            else
            {
                hints.Add("format: " + formatName);
            }
        }

        foreach (var name in HintedKeywords)
        {
            if (schema.TryGetPropertyValue(name, out var value) && value is not JsonObject and not JsonArray)
            {
                hints.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {value?.ToJsonString() ?? "null"}"));
            }
        }
    }

    private static void ApplyStructure(JsonObject schema, JsonObject result, JsonObject root, int depth, HashSet<string> refs)
    {
        if (schema["properties"] is JsonObject properties)
        {
            var cleaned = result["properties"] as JsonObject ?? [];
            foreach (var (name, property) in properties)
            {
                cleaned[name] = CleanSchema(property, root, depth + 1, refs);
            }

            result["properties"] = cleaned;
        }

        if (schema["items"] is { } items)
        {
            // Tuple form (an array of schemas) is not expressible: the first schema describes the items.
            result["items"] = CleanSchema(items is JsonArray tuple ? tuple.FirstOrDefault() : items, root, depth + 1, refs);
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
}
