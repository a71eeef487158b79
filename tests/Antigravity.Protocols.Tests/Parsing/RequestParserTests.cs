using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.OpenAi;

namespace Antigravity.Protocols.Tests.Parsing;

public sealed class RequestParserTests
{
    [Theory]
    [InlineData("", "", "empty")]
    [InlineData("{\"model\":", "", "Invalid JSON")]
    [InlineData("[1,2]", "", "JSON object")]
    [InlineData("null", "", "JSON object")]
    [InlineData("{\"messages\":[]}", "model", "Required")]
    [InlineData("{\"model\":\"m\"}", "messages", "Required")]
    [InlineData("{\"model\":\"m\",\"messages\":[]}", "messages", "at least one")]
    [InlineData("{\"model\":\"m\",\"messages\":\"hi\"}", "messages", "wrong JSON type")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"}", "temperature", "wrong JSON type")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":1}]}]}", "messages[0].content[0].text", "wrong JSON type")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[\"x\"]}]}", "messages[0].content[0]", "content part")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"robot\",\"content\":\"b\"}]}", "messages[1].role", "Must be one of")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"file:///etc/passwd\"}}]}]}", "messages[0].content[0].image_url.url", "http(s)")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stop\":[1]}", "stop[0]", "string")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "messages[0].tool_call_id", "Required")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{oops\"}}]}]}", "messages[0].tool_calls[0].function.arguments", "JSON object")]
    public void OpenAi_bad_input_names_the_field(string body, string field, string messagePart)
    {
        var result = OpenAiRequestParser.Parse(System.Text.Encoding.UTF8.GetBytes(body));

        Assert.False(result.IsSuccess);
        Assert.Equal(field, result.Error.Field);
        Assert.Contains(messagePart, result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"messages\":[],\"max_tokens\":1}", "model")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":1}", "messages")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "max_tokens")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":\"9\",\"messages\":[]}", "max_tokens")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":[{\"type\":\"text\",\"text\":5}]}]}]}", "messages[0].content[1].content[0].text")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"c\"},{\"type\":\"video\"}]}]}", "messages[2].content[1].type")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{}}]}]}", "messages[0].content[0].type")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":9,\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":[]}]}]}", "messages[0].content[0].input")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"***\"}}]}]}", "messages[0].content[0].source.data")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":2000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4096},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "thinking.budget_tokens")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":9,\"tools\":[{\"name\":\"t\"}],\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "tools[0].input_schema")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"robot\",\"content\":\"y\"}]}", "messages[1].role")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"system\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/a.png\"}}]}]}", "messages[1].content[0].type")]
    public void Anthropic_bad_input_names_the_field(string body, string field)
    {
        var result = AnthropicRequestParser.Parse(System.Text.Encoding.UTF8.GetBytes(body));

        Assert.False(result.IsSuccess);
        Assert.Equal(field, result.Error.Field);
    }

    [Fact]
    public void Anthropic_system_messages_in_the_list_are_accepted_as_claude_code_sends_them()
    {
        var result = AnthropicRequestParser.Parse("{\"model\":\"m\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"system\",\"content\":\"Agent types: general\"}]}"u8);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal("system", result.Value!.Messages![1]!.Role);
    }

    [Fact]
    public void Anthropic_count_tokens_does_not_require_max_tokens()
    {
        var result = AnthropicRequestParser.ParseCountTokens("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"u8);

        Assert.True(result.IsSuccess, result.Error?.ToString());
    }

    [Theory]
    [InlineData("{}", "contents")]
    [InlineData("{\"contents\":[{\"role\":\"user\"}]}", "contents[0].parts")]
    [InlineData("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":1}]}]}", "contents[0].parts[0].text")]
    public void Gemini_bad_input_names_the_field(string body, string field)
    {
        var result = GeminiRequestParser.Parse(System.Text.Encoding.UTF8.GetBytes(body));

        Assert.False(result.IsSuccess);
        Assert.Equal(field, result.Error.Field);
    }

    [Fact]
    public void Error_bodies_have_each_protocols_shape()
    {
        var error = new ProtocolError("messages[0].role", "Field required.");

        Assert.Equal("{\"error\":{\"message\":\"messages[0].role: Field required.\",\"type\":\"invalid_request_error\",\"param\":\"messages[0].role\",\"code\":null}}",
            System.Text.Encoding.UTF8.GetString(OpenAiErrorBody.FromProtocolError(error)));
        Assert.Equal("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"messages[0].role: Field required.\"}}",
            System.Text.Encoding.UTF8.GetString(AnthropicErrorBody.FromProtocolError(error)));
        Assert.Equal("{\"error\":{\"code\":400,\"message\":\"messages[0].role: Field required.\",\"status\":\"INVALID_ARGUMENT\"}}",
            System.Text.Encoding.UTF8.GetString(GeminiErrorBody.FromProtocolError(error)));
    }
}
