namespace Antigravity.Redis.Tests.Unit;

public sealed class RedisConnectionOptionsTests
{
    [Fact]
    public void A_full_connection_string_sets_every_option()
    {
        var options = RedisConnectionOptions.Parse(
            "cache.example:6380, password=s3cret,user=app,ssl=true,sslHost=tls.example,abortConnect=true,connectTimeout=1500,syncTimeout=2500,defaultDatabase=3,name=gateway,allowAdmin=true");

        Assert.Equal("cache.example", options.Host);
        Assert.Equal(6380, options.Port);
        Assert.Equal("s3cret", options.Password);
        Assert.Equal("app", options.User);
        Assert.True(options.Ssl);
        Assert.Equal("tls.example", options.SslHost);
        Assert.True(options.AbortConnect);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), options.CommandTimeout);
        Assert.Equal(3, options.Database);
        Assert.Equal("gateway", options.ClientName);
    }

    [Theory]
    [InlineData("localhost", "localhost", 6379)]
    [InlineData("127.0.0.1:7000", "127.0.0.1", 7000)]
    [InlineData("[::1]:7001", "::1", 7001)]
    [InlineData("[::1]", "::1", 6379)]
    public void Endpoints_parse_with_a_default_port(string text, string host, int port)
    {
        var options = RedisConnectionOptions.Parse(text);

        Assert.Equal(host, options.Host);
        Assert.Equal(port, options.Port);
        Assert.False(options.AbortConnect);
        Assert.Null(options.Password);
    }

    [Theory]
    [InlineData("password=x", "no host:port")]
    [InlineData("a:1,b:2", "second")]
    [InlineData("host:notaport", "invalid port")]
    [InlineData("host:70000", "invalid port")]
    [InlineData(":6379", "no host")]
    [InlineData("[::1:6379", "IPv6")]
    [InlineData("host,ssl=maybe", "'ssl' must be true or false")]
    [InlineData("host,connectTimeout=-5", "non-negative")]
    [InlineData("host,colour=blue", "Unknown Redis connection string option 'colour'")]
    public void Bad_connection_strings_name_the_bad_part(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => RedisConnectionOptions.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToString_masks_the_password()
    {
        var options = RedisConnectionOptions.Parse("host:1234,password=hunter2,ssl=true");

        var text = options.ToString();

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Equal("host:1234,password=*****,ssl=true", text);
    }
}
