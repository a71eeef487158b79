using System.Globalization;

namespace Antigravity.Protocols.Json;

/// <summary>Builds field paths in the <c>messages[2].content[0].type</c> form.</summary>
internal static class FieldPath
{
    public static string Index(string parent, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");

    public static string Property(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    /// <summary>Turns a System.Text.Json path (<c>$.a[0].b</c>, <c>$['x y']</c>) into <c>a[0].b</c>.</summary>
    public static string FromJsonPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "";
        }

        var path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..]
            : jsonPath.StartsWith('$') ? jsonPath[1..]
            : jsonPath;
        return path.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
    }

    public static string Join(string parent, string relative)
    {
        if (relative.Length == 0)
        {
            return parent;
        }

        if (parent.Length == 0)
        {
            return relative.TrimStart('.');
        }

        return relative[0] == '[' ? parent + relative : parent + "." + relative.TrimStart('.');
    }
}
