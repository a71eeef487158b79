using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Antigravity.Protocols.Tests;

/// <summary>
/// Golden files under <c>Golden/&lt;translator&gt;/&lt;case&gt;.*</c>, read from the source tree. Any difference
/// fails; run with <c>UPDATE_GOLDEN=1</c> to rewrite the expected files deliberately.
/// </summary>
internal static class GoldenFile
{
    public static readonly string Root = Path.Combine(SourceDirectory(), "Golden");

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    /// <summary>Case names (file names without <c>.input.*</c>) of a translator folder.</summary>
    public static TheoryData<string> Cases(string translator, string inputExtension = ".input.json")
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, translator), "*" + inputExtension).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file)[..^inputExtension.Length]);
        }

        return data;
    }

    public static byte[] Input(string translator, string name, string extension = ".input.json") =>
        File.ReadAllBytes(Path.Combine(Root, translator, name + extension));

    public static string? Optional(string translator, string name, string extension)
    {
        var path = Path.Combine(Root, translator, name + extension);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    /// <summary>Compares JSON structurally (property order and whitespace ignored, values exact).</summary>
    public static void AssertJson(string translator, string name, ReadOnlySpan<byte> actualJson) =>
        AssertJsonFile(Path.Combine(Root, translator, name + ".expected.json"), actualJson, Updating);

    public static void AssertJsonFile(string path, ReadOnlySpan<byte> actualJson, bool updating)
    {
        var actual = JsonNode.Parse(actualJson);
        var pretty = actual?.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
        if (updating)
        {
            File.WriteAllText(path, pretty + "\n");
            return;
        }

        Assert.True(File.Exists(path), $"Missing golden file {path}; run with UPDATE_GOLDEN=1 to create it. Actual:\n{pretty}");
        var expected = JsonNode.Parse(File.ReadAllBytes(path));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{path} differs.\nActual:\n{pretty}");
    }

    /// <summary>Compares text exactly (SSE framing matters).</summary>
    public static void AssertText(string translator, string name, string extension, string actual) =>
        AssertTextFile(Path.Combine(Root, translator, name + extension), actual, Updating);

    public static void AssertTextFile(string path, string actual, bool updating)
    {
        if (updating)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Missing golden file {path}; run with UPDATE_GOLDEN=1 to create it. Actual:\n{actual}");
        Assert.Equal(File.ReadAllText(path, Encoding.UTF8), actual);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
