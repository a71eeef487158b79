using Antigravity.Gateway.Chat;

namespace Antigravity.Gateway.Tests.Chat;

public sealed class RequestBodyReaderTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("Application/JSON", true)]
    [InlineData("application/vnd.api+json", true)]
    [InlineData("text/plain", false)]
    [InlineData("application/x-www-form-urlencoded", false)]
    public void Json_content_types_are_accepted(string? contentType, bool expected) =>
        Assert.Equal(expected, RequestBodyReader.IsJsonContentType(contentType));
}

public sealed class RequestBodyReaderLimitTests
{
    [Fact]
    public async Task A_body_over_the_limit_is_a_413()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(new byte[2048]);

        var (body, error) = await RequestBodyReader.ReadAsync(context, 1024);

        Assert.Null(body);
        Assert.Equal(413, error!.Status);
        Assert.Contains("Proxy:MaxRequestBodyBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_within_the_limit_is_read_whole()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream("{\"a\":1}"u8.ToArray());

        var (body, error) = await RequestBodyReader.ReadAsync(context, 1024);

        Assert.Null(error);
        Assert.Equal("{\"a\":1}"u8.ToArray(), body);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_reading()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = 10_000;
        context.Request.Body = new MemoryStream();

        var (_, error) = await RequestBodyReader.ReadAsync(context, 1024);

        Assert.Equal(413, error!.Status);
    }
}
