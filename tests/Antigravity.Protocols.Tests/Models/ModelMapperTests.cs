using Antigravity.Protocols.Models;

namespace Antigravity.Protocols.Tests.Models;

public sealed class ModelMapperTests
{
    [Theory]
    [InlineData("claude-3-5-sonnet-20241022", "claude-sonnet-4-6")]
    [InlineData("claude-sonnet-4-5", "claude-sonnet-4-6")]
    [InlineData("claude-sonnet-4-5-thinking", "claude-sonnet-4-6-thinking")]
    [InlineData("claude-3-7-sonnet-thinking", "claude-sonnet-4-6-thinking")]
    [InlineData("claude-opus-4-1-20250805", "claude-opus-4-6-thinking")]
    [InlineData("claude-3-opus", "claude-opus-4-6-thinking")]
    [InlineData("claude-3-5-haiku-20241022", "claude-sonnet-4-6")]
    [InlineData("claude-haiku-4-5", "claude-sonnet-4-6")]
    [InlineData("gpt-4o", "gemini-2.5-flash")]
    [InlineData("gpt-4-turbo", "gemini-2.5-flash")]
    [InlineData("GPT-3.5-turbo", "gemini-2.5-flash")]
    public void Built_in_table_maps_known_families(string requested, string upstream)
    {
        var mapping = ModelMapper.Map(requested);

        Assert.Equal(upstream, mapping.Upstream);
        Assert.Equal(ModelMappingSource.BuiltIn, mapping.Source);
    }

    [Fact]
    public void The_readable_rules_of_the_built_in_table_say_what_it_does()
    {
        Assert.NotEmpty(BuiltInModelTable.Rules);
        foreach (var rule in BuiltInModelTable.Rules)
        {
            Assert.True(WildcardPattern.IsMatch(rule.Pattern, rule.Example), $"{rule.Pattern} should cover {rule.Example}");
            Assert.Equal((ModelMappingSource.BuiltIn, rule.Upstream), (ModelMapper.Map(rule.Example).Source, ModelMapper.Map(rule.Example).Upstream));
        }
    }

    [Theory]
    [InlineData("gemini-2.5-pro")]
    [InlineData("gpt-5")]
    [InlineData("o3-mini")]
    [InlineData("my-local-model")]
    public void Unknown_names_pass_through(string requested)
    {
        var mapping = ModelMapper.Map(requested);

        Assert.Equal(requested, mapping.Upstream);
        Assert.Equal(ModelMappingSource.PassThrough, mapping.Source);
    }

    [Fact]
    public void Thinking_requests_pick_the_thinking_sonnet_but_never_alter_custom_targets()
    {
        Assert.Equal("claude-sonnet-4-6-thinking", ModelMapper.Map("claude-sonnet-4-5", thinkingRequested: true).Upstream);
        Assert.Equal("claude-opus-4-6-thinking", ModelMapper.Map("claude-opus-4-5", thinkingRequested: true).Upstream);
        Assert.Equal("gemini-2.5-flash", ModelMapper.Map("gpt-4o", thinkingRequested: true).Upstream);
        Assert.Equal("claude-sonnet-4-6", ModelMapper.Map("x", new Dictionary<string, string> { ["x"] = "claude-sonnet-4-6" }, thinkingRequested: true).Upstream);
    }

    [Fact]
    public void Custom_exact_beats_wildcards_and_the_table()
    {
        var custom = new Dictionary<string, string> { ["gpt-4o"] = "gemini-2.5-pro", ["gpt-4*"] = "gemini-3-pro" };

        var mapping = ModelMapper.Map("gpt-4o", custom);

        Assert.Equal(new ModelMapping("gpt-4o", "gemini-2.5-pro", ModelMappingSource.CustomExact, "gpt-4o"), mapping);
    }

    [Theory]
    [InlineData("gpt-4o-mini", "mini-target", "gpt-4o-*")]
    [InlineData("gpt-4o", "four-target", "gpt-4*")]
    [InlineData("gpt-5", "any-gpt", "gpt-*")]
    [InlineData("claude-opus-4-thinking", "claude-thinking", "claude-*-thinking")]
    [InlineData("x-model", "catch-all", "*")]
    public void Most_specific_wildcard_wins(string requested, string upstream, string rule)
    {
        var custom = new Dictionary<string, string>
        {
            ["*"] = "catch-all",
            ["gpt-*"] = "any-gpt",
            ["gpt-4*"] = "four-target",
            ["gpt-4o-*"] = "mini-target",
            ["claude-*-thinking"] = "claude-thinking",
            ["claude-*"] = "any-claude",
        };

        var mapping = ModelMapper.Map(requested, custom);

        Assert.Equal(upstream, mapping.Upstream);
        Assert.Equal(ModelMappingSource.CustomWildcard, mapping.Source);
        Assert.Equal(rule, mapping.Rule);
    }

    [Theory]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "acb", false)]
    [InlineData("*-thinking", "claude-thinking", true)]
    [InlineData("abc*", "ab", false)]
    [InlineData("a*a", "a", false)]
    public void Wildcards_match_runs_of_characters(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, WildcardPattern.IsMatch(pattern, text));
    }
}
