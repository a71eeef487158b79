using System.Text.Json;

namespace Antigravity.Protocols.Json;

/// <summary>Re-throws a failure from a nested deserialization with its path made relative to the outer value.</summary>
internal static class NestedJsonException
{
    public static FieldJsonException Relative(string prefix, JsonException inner)
    {
        var path = FieldPath.Join(prefix, FieldPath.FromJsonPath(inner.Path));
        if (inner is FieldJsonException field)
        {
            return new FieldJsonException(FieldPath.Join(path, field.RelativePath), field.Message);
        }

        return new FieldJsonException(path, "Invalid value: wrong JSON type for this field.");
    }
}
