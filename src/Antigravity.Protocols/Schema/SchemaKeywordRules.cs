using System.Globalization;
using System.Text.Json.Nodes;

namespace Antigravity.Protocols.Schema;

/// <summary>How single keywords (<c>type</c>, <c>enum</c>/<c>const</c>, annotations) map onto Gemini's schema subset.</summary>
internal static class SchemaKeywordRules
{
    private static readonly string[] CopiedNumbers =
        ["minimum", "maximum", "minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties"];

    private static readonly string[] HintedKeywords = ["exclusiveMinimum", "exclusiveMaximum", "multipleOf", "default"];

    internal static bool IsNullSchema(JsonNode? node) =>
        node is JsonObject obj && obj["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == "null";

    internal static void ApplyType(JsonNode? typeNode, JsonObject result, ref bool nullable)
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

    internal static void ApplyEnum(JsonObject schema, JsonObject result, List<string> hints, ref bool nullable)
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

    internal static void CopyAnnotations(JsonObject schema, JsonObject result, List<string> hints)
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
}
