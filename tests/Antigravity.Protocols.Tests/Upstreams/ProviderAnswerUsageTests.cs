using System.Text;
using Antigravity.Protocols.Upstreams;
using Antigravity.Protocols.Usage;

namespace Antigravity.Protocols.Tests.Upstreams;

/// <summary>The usage of a provider's whole answer that goes to the client as it is, for the statistics.</summary>
public sealed class ProviderAnswerUsageTests
{
    [Fact]
    public void An_openai_answer_counts_prompt_and_completion_with_reasoning_apart()
    {
        var answer = """{"id":"chatcmpl-1","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":30,"total_tokens":42,"completion_tokens_details":{"reasoning_tokens":10},"prompt_tokens_details":{"cached_tokens":4}}}""";

        var usage = ProviderAnswerUsage.Read(ProtocolKind.OpenAi, Encoding.UTF8.GetBytes(answer));

        Assert.Equal(new TokenUsage(12, 20, 4, 10, 42), usage);
    }

    [Fact]
    public void An_anthropic_answer_counts_cache_reads_and_writes_as_input()
    {
        var answer = """{"id":"msg_1","type":"message","content":[],"usage":{"input_tokens":5,"cache_creation_input_tokens":2,"cache_read_input_tokens":3,"output_tokens":7}}""";

        var usage = ProviderAnswerUsage.Read(ProtocolKind.Anthropic, Encoding.UTF8.GetBytes(answer));

        Assert.Equal(new TokenUsage(10, 7, 3, 0, 17), usage);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"choices":[]}""")]
    public void An_answer_without_readable_usage_counts_zero(string answer) =>
        Assert.Equal(default, ProviderAnswerUsage.Read(ProtocolKind.OpenAi, Encoding.UTF8.GetBytes(answer)));
}
