using System.Text.Json;
using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Requests;
using Microsoft.AspNetCore.Http;

namespace Antigravity.Gateway.Tests.Errors;

public sealed class ProtocolErrorWriterTests
{
    [Theory]
    [InlineData("/v1/chat/completions", "OpenAi")]
    [InlineData("/v1/models", "OpenAi")]
    [InlineData("/v1/responses", "OpenAi")]
    [InlineData("/v1/messages", "Anthropic")]
    [InlineData("/v1/messages/count_tokens", "Anthropic")]
    [InlineData("/v1beta/models/gemini-2.5-flash:generateContent", "Gemini")]
    [InlineData("/v1beta", "Gemini")]
    [InlineData("/nowhere", "OpenAi")]
    [InlineData("/v1/messagesx", "OpenAi")]
    public void The_protocol_is_judged_by_the_path(string path, string protocol) =>
        Assert.Equal(protocol, ProtocolDetector.FromPath(path).ToString());

    [Fact]
    public async Task An_openai_401_has_message_type_param_and_code()
    {
        using var body = await WriteAsync("/v1/chat/completions", ApiError.InvalidApiKey("bad key"));

        var error = body.RootElement.GetProperty("error");
        Assert.Equal("bad key", error.GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_anthropic_401_is_an_authentication_error_with_the_request_id()
    {
        var context = NewContext("/v1/messages");
        context.TraceIdentifier = "req_test";

        using var body = await WriteAsync(context, ApiError.InvalidApiKey("bad key"));

        Assert.Equal("error", body.RootElement.GetProperty("type").GetString());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("authentication_error", error.GetProperty("type").GetString());
        Assert.Equal("bad key", error.GetProperty("message").GetString());
        Assert.Equal("req_test", context.Response.Headers["request-id"].ToString());
        Assert.Equal("req_test", body.RootElement.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task A_google_401_has_the_numeric_code_and_rpc_status()
    {
        using var body = await WriteAsync("/v1beta/models", ApiError.InvalidApiKey("bad key"));

        var error = body.RootElement.GetProperty("error");
        Assert.Equal(401, error.GetProperty("code").GetInt32());
        Assert.Equal("bad key", error.GetProperty("message").GetString());
        Assert.Equal("UNAUTHENTICATED", error.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(ApiErrorKindName.NotFound, "invalid_request_error", "not_found_error", "NOT_FOUND")]
    [InlineData(ApiErrorKindName.Unavailable, "server_error", "api_error", "UNAVAILABLE")]
    [InlineData(ApiErrorKindName.RateLimited, "rate_limit_error", "rate_limit_error", "RESOURCE_EXHAUSTED")]
    [InlineData(ApiErrorKindName.Overloaded, "server_error", "overloaded_error", "UNAVAILABLE")]
    [InlineData(ApiErrorKindName.InvalidRequest, "invalid_request_error", "invalid_request_error", "INVALID_ARGUMENT")]
    public void Each_kind_is_spelled_the_way_each_protocol_spells_it(ApiErrorKindName kind, string openAi, string anthropic, string google)
    {
        var value = Enum.Parse<ApiErrorKind>(kind.ToString());

        Assert.Equal(openAi, ProtocolErrorWriter.OpenAiType(value));
        Assert.Equal(anthropic, ProtocolErrorWriter.AnthropicType(value));
        Assert.Equal(google, ProtocolErrorWriter.GoogleStatus(value));
    }

    [Fact]
    public async Task The_status_code_and_content_type_are_set()
    {
        var context = NewContext("/v1/models");

        using var _ = await WriteAsync(context, ApiError.Unavailable("stopped"));

        Assert.Equal(503, context.Response.StatusCode);
        Assert.StartsWith("application/json", context.Response.ContentType, StringComparison.Ordinal);
    }

    public enum ApiErrorKindName
    {
        NotFound,
        Unavailable,
        RateLimited,
        Overloaded,
        InvalidRequest,
    }

    private static DefaultHttpContext NewContext(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.Method = "GET";
        context.TraceIdentifier = RequestIds.Create();
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static Task<JsonDocument> WriteAsync(string path, ApiError error) => WriteAsync(NewContext(path), error);

    private static async Task<JsonDocument> WriteAsync(DefaultHttpContext context, ApiError error)
    {
        await ProtocolErrorWriter.WriteAsync(context, error);
        context.Response.Body.Position = 0;
        return await JsonDocument.ParseAsync(context.Response.Body);
    }
}
