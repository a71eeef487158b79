using Antigravity.Protocols.Thinking;

namespace Antigravity.Protocols.Tests.Thinking;

public sealed class InMemorySignatureCacheTests
{
    [Fact]
    public async Task Stores_signatures_per_session_and_tool_call_byte_exact()
    {
        var cache = new InMemorySignatureCache();
        await cache.SetAsync("s1", "toolu_a", "sig/+==");

        Assert.Equal("sig/+==", await cache.GetAsync("s1", "toolu_a"));
        Assert.Null(await cache.GetAsync("s2", "toolu_a"));
        Assert.Null(await cache.GetAsync("s1", "toolu_b"));
    }

    [Fact]
    public async Task Least_recently_used_entry_is_evicted_at_capacity()
    {
        var cache = new InMemorySignatureCache(capacity: 2);
        await cache.SetAsync("s", "a", "1");
        await cache.SetAsync("s", "b", "2");
        Assert.Equal("1", await cache.GetAsync("s", "a"));

        await cache.SetAsync("s", "c", "3");

        Assert.Equal(2, cache.Count);
        Assert.Equal("1", await cache.GetAsync("s", "a"));
        Assert.Null(await cache.GetAsync("s", "b"));
        Assert.Equal("3", await cache.GetAsync("s", "c"));
    }

    [Fact]
    public async Task Overwriting_keeps_one_entry_with_the_newest_signature()
    {
        var cache = new InMemorySignatureCache(capacity: 2);
        await cache.SetAsync("s", "a", "old");
        await cache.SetAsync("s", "a", "new");

        Assert.Equal(1, cache.Count);
        Assert.Equal("new", await cache.GetAsync("s", "a"));
    }

    [Fact]
    public async Task Empty_signatures_are_refused_so_nothing_is_ever_invented()
    {
        var cache = new InMemorySignatureCache();

        await Assert.ThrowsAsync<ArgumentException>(async () => await cache.SetAsync("s", "a", ""));
    }

    [Fact]
    public async Task Concurrent_writers_never_exceed_capacity()
    {
        var cache = new InMemorySignatureCache(capacity: 50);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                await cache.SetAsync("s" + w, "t" + i, "sig" + i);
            }
        })));

        Assert.Equal(50, cache.Count);
    }

    [Fact]
    public void Generated_tool_call_ids_are_stable_and_prefixed()
    {
        var first = ToolCallIds.For(null, ToolCallIds.AnthropicPrefix, "msg_1", 0);

        Assert.Equal(first, ToolCallIds.For(null, ToolCallIds.AnthropicPrefix, "msg_1", 0));
        Assert.NotEqual(first, ToolCallIds.For(null, ToolCallIds.AnthropicPrefix, "msg_1", 1));
        Assert.StartsWith("toolu_", first, StringComparison.Ordinal);
        Assert.Equal(30, first.Length);
        Assert.StartsWith("call_", ToolCallIds.For("", ToolCallIds.OpenAiPrefix, "x", 0), StringComparison.Ordinal);
        Assert.Equal("upstream-id", ToolCallIds.For("upstream-id", ToolCallIds.OpenAiPrefix, "x", 0));
    }
}
