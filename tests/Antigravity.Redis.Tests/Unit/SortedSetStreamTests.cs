using Antigravity.Redis.Commands;

namespace Antigravity.Redis.Tests.Unit;

public sealed class SortedSetStreamTests
{
    [Fact]
    public void Fields_with_separators_survive_encoding()
    {
        KeyValuePair<string, string>[] fields = [new("a:b", "12:x\ny"), new("", "3:"), new("naïve", "")];

        var entry = SortedSetStream.Decode("00000000001732259999-00000000000000000007\n" + SortedSetStream.Encode(fields));

        Assert.Equal("1732259999-7", entry.Id);
        Assert.Equal(fields, entry.Fields);
    }

    [Theory]
    [InlineData("-", "-")]
    [InlineData("1700000000000", "[00000001700000000000-00000000000000000000")]
    [InlineData("1700000000000-5", "[00000001700000000000-00000000000000000005")]
    public void Lower_bounds_include_the_first_id(string id, string bound)
    {
        Assert.Equal(bound, SortedSetStream.LowerBound(id));
    }

    [Theory]
    [InlineData("+", "+")]
    [InlineData("1700000000000-5", "(00000001700000000000-00000000000000000005\u000b")]
    public void Upper_bounds_include_the_last_id_with_its_fields(string id, string bound)
    {
        Assert.Equal(bound, SortedSetStream.UpperBound(id));
        // The member of that id (id, newline, fields) sorts before the bound.
        if (id != "+")
        {
            Assert.True(string.CompareOrdinal("00000001700000000000-00000000000000000005\n1:a1:b", bound[1..]) < 0);
        }
    }

    [Fact]
    public void A_bad_id_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SortedSetStream.LowerBound("yesterday"));
    }
}
