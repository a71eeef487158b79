using System.Text;
using Antigravity.Redis.Protocol;

namespace Antigravity.Redis.Tests.Unit;

public sealed class RespWriterTests
{
    [Fact]
    public void Commands_are_arrays_of_bulk_strings_with_utf8_byte_lengths()
    {
        var bytes = RespWriter.Encode("SET", ["k\u00e9y", "", "a\r\nb"]);

        Assert.Equal("*4\r\n$3\r\nSET\r\n$4\r\nk\u00e9y\r\n$0\r\n\r\n$4\r\na\r\nb\r\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Batches_are_written_back_to_back()
    {
        var bytes = RespWriter.Encode([("MULTI", []), ("INCR", ["n"]), ("EXEC", [])]);

        Assert.Equal("*1\r\n$5\r\nMULTI\r\n*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n*1\r\n$4\r\nEXEC\r\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void A_null_argument_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RespWriter.Encode("GET", [null!]));
    }
}
