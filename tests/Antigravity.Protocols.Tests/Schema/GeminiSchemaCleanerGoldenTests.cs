using System.Text.Json;
using Antigravity.Protocols.Schema;

namespace Antigravity.Protocols.Tests.Schema;

public sealed class GeminiSchemaCleanerGoldenTests
{
    public static TheoryData<string> Cases => GoldenFile.Cases("GeminiSchemaCleaner");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Schema_is_cleaned_to_the_gemini_subset(string name)
    {
        using var input = JsonDocument.Parse(GoldenFile.Input("GeminiSchemaCleaner", name));

        var cleaned = GeminiSchemaCleaner.Clean(input.RootElement);

        GoldenFile.AssertJson("GeminiSchemaCleaner", name, JsonSerializer.SerializeToUtf8Bytes(cleaned));
    }

    [Theory]
    [InlineData("$schema")]
    [InlineData("additionalProperties")]
    [InlineData("$defs")]
    [InlineData("$ref")]
    [InlineData("exclusiveMinimum")]
    [InlineData("const")]
    [InlineData("default")]
    [InlineData("examples")]
    [InlineData("title")]
    [InlineData("patternProperties")]
    [InlineData("oneOf")]
    [InlineData("allOf")]
    public void No_rejected_keyword_survives_anywhere(string keyword)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(GoldenFile.Root, "GeminiSchemaCleaner"), "*.input.json"))
        {
            using var input = JsonDocument.Parse(File.ReadAllBytes(file));
            var cleaned = GeminiSchemaCleaner.Clean(input.RootElement);
            Assert.False(ContainsKeyword(cleaned, keyword), $"{Path.GetFileName(file)} still has {keyword}");
        }
    }

    [Fact]
    public void Parameters_without_properties_are_omitted()
    {
        using var input = JsonDocument.Parse("""{"type":"object","properties":{},"additionalProperties":false}""");

        Assert.Null(GeminiSchemaCleaner.CleanParameters(input.RootElement));
    }

    private static bool ContainsKeyword(JsonElement schema, string keyword)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in schema.EnumerateObject())
        {
            if (property.Name == keyword)
            {
                return true;
            }

            if (property.Name == "properties")
            {
                foreach (var child in property.Value.EnumerateObject())
                {
                    if (ContainsKeyword(child.Value, keyword))
                    {
                        return true;
                    }
                }
            }
            else if (property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (ContainsKeyword(item, keyword))
                    {
                        return true;
                    }
                }
            }
            else if (ContainsKeyword(property.Value, keyword))
            {
                return true;
            }
        }

        return false;
    }
}
