using Xunit.Sdk;

namespace Antigravity.Protocols.Tests;

/// <summary>The golden harness itself: any difference fails unless regeneration is asked for.</summary>
public sealed class GoldenFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("golden-").FullName;

    [Fact]
    public void Json_goldens_ignore_formatting_but_fail_on_any_value_difference()
    {
        var path = Path.Combine(_directory, "case.expected.json");
        File.WriteAllText(path, "{ \"a\": 1, \"b\": [\"x\"] }");

        GoldenFile.AssertJsonFile(path, """{"b":["x"],"a":1}"""u8, updating: false);
        Assert.Throws<TrueException>(() => GoldenFile.AssertJsonFile(path, """{"b":["x"],"a":2}"""u8, updating: false));
        Assert.Throws<TrueException>(() => GoldenFile.AssertJsonFile(path, """{"b":["x"],"a":1,"c":null}"""u8, updating: false));
    }

    [Fact]
    public void Sse_goldens_are_byte_exact()
    {
        var path = Path.Combine(_directory, "case.expected.sse");
        File.WriteAllText(path, "data: {\"a\":1}\n\n");

        GoldenFile.AssertTextFile(path, "data: {\"a\":1}\n\n", updating: false);
        Assert.Throws<EqualException>(() => GoldenFile.AssertTextFile(path, "data: {\"a\": 1}\n\n", updating: false));
        Assert.Throws<EqualException>(() => GoldenFile.AssertTextFile(path, "data: {\"a\":1}\r\n\r\n", updating: false));
    }

    [Fact]
    public void Updating_rewrites_the_expected_file_and_missing_goldens_fail()
    {
        var path = Path.Combine(_directory, "new.expected.json");

        Assert.Throws<TrueException>(() => GoldenFile.AssertJsonFile(path, """{"a":1}"""u8, updating: false));
        GoldenFile.AssertJsonFile(path, """{"a":1}"""u8, updating: true);
        GoldenFile.AssertJsonFile(path, """{"a":1}"""u8, updating: false);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
