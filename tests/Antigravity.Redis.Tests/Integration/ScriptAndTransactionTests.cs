using Antigravity.Redis.Tests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.Redis.Tests.Integration;

[Collection(SharedServersCollection.Name)]
public sealed class ScriptAndTransactionTests(RedisServers servers)
{
    private static readonly LuaScript AddAndEcho = new("""
        local total = redis.call('INCRBY', KEYS[1], ARGV[1])
        return {total, ARGV[2]}
        """);

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Scripts_run_and_recover_from_a_flushed_script_cache(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("lua");

        var first = await client.ScriptEvaluateAsync(AddAndEcho, [key], ["5", "hi"]);
        Assert.Equal(5, first.AsArray()[0].AsInt64());
        Assert.Equal("hi", first.AsArray()[1].AsString());

        // The server forgets every script: EVALSHA now answers NOSCRIPT and the client must fall back to EVAL.
        await client.ExecuteAsync("SCRIPT", ["FLUSH"]);
        var second = await client.ScriptEvaluateAsync(AddAndEcho, [key], ["2", "again"]);
        Assert.Equal(7, second.AsArray()[0].AsInt64());

        var third = await client.ScriptEvaluateAsync(AddAndEcho, [key], ["1", "cached"]);
        Assert.Equal(8, third.AsArray()[0].AsInt64());
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task A_script_error_raises_a_server_exception(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));

        await Assert.ThrowsAsync<RedisServerException>(
            () => client.ScriptEvaluateAsync(new LuaScript("return redis.call('NOSUCHCOMMAND')"), [], []));
        Assert.Equal(1, (await client.ScriptEvaluateAsync(new LuaScript("return 1"), [], [])).AsInt64());
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task A_transaction_returns_one_reply_per_command(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("tx");

        var replies = await client.TransactionAsync(
        [
            new("SET", [key, "10"]),
            new("INCRBY", [key, "5"]),
            new("GET", [key]),
        ]);

        Assert.NotNull(replies);
        Assert.Equal(["OK", "15", "15"], replies.Select(r => r.AsString()));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task A_transaction_on_an_unchanged_watched_key_runs(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("watch");
        await client.StringSetAsync(key, "1");

        var applied = await client.TransactionAsync([new("SET", [key, "2"])], watchKeys: [key]);

        Assert.NotNull(applied);
        Assert.Equal("2", await client.StringGetAsync(key));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Only_committed_transactions_apply_while_another_client_writes_the_watched_key(RedisServerKind kind)
    {
        var server = await servers.GetAsync(kind);
        await using var client = await TestClients.ConnectAsync(server);
        await using var other = await TestClients.ConnectAsync(server);
        var key = TestClients.UniqueKey("watched");
        var applied = TestClients.UniqueKey("applied");

        // Another connection writes the watched key non-stop. A write may land between WATCH and EXEC (Garnet
        // shows it; redis-server runs one client's pipelined batch in one go, so there it practically never does).
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => other.StringIncrementAsync(key)));
            }
        });
        var committed = 0;
        try
        {
            for (var attempt = 0; attempt < 300; attempt++)
            {
                if (await client.TransactionAsync([new("INCR", [applied])], watchKeys: [key]) is not null)
                {
                    committed++;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }

        // Exactly the transactions reported as committed ran; an aborted one (null) left no trace.
        Assert.Equal(committed, int.Parse(await client.StringGetAsync(applied) ?? "0", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task A_command_refused_while_queuing_fails_the_whole_transaction(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("txerr");

        var error = await Assert.ThrowsAsync<RedisServerException>(() => client.TransactionAsync(
        [
            new("SET", [key, "1"]),
            new("NOSUCHCOMMAND", []),
        ]));

        Assert.Contains("unknown command", error.Message, StringComparison.OrdinalIgnoreCase);
        // Nothing ran: the client discards the transaction (Garnet alone would have run the queued SET).
        Assert.Null(await client.StringGetAsync(key));
        Assert.Equal("OK", (await client.ExecuteAsync("SET", [key, "after"])).AsString());
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task A_command_with_wrong_arguments_discards_the_whole_transaction(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("txarity");

        var error = await Assert.ThrowsAsync<RedisServerException>(() => client.TransactionAsync(
        [
            new("SET", [key, "1"]),
            new("INCR", [key, "extra", "args"]),
        ]));

        Assert.Contains("wrong number of arguments", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Null(await client.StringGetAsync(key));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Concurrent_transactions_never_interleave(RedisServerKind kind)
    {
        await using var client = await TestClients.ConnectAsync(await servers.GetAsync(kind));
        var key = TestClients.UniqueKey("atomic");

        // Each transaction appends its id twice; plain commands from other callers run at the same time.
        var transactions = Enumerable.Range(0, 200).Select(i => client.TransactionAsync(
        [
            new("RPUSH", [key, $"{i}"]),
            new("RPUSH", [key, $"{i}"]),
        ]));
        var noise = Enumerable.Range(0, 200).Select(i => client.StringIncrementAsync(key + ":noise"));
        await Task.WhenAll(Task.WhenAll(transactions), Task.WhenAll(noise));

        var items = await client.ListRangeAsync(key);
        Assert.Equal(400, items.Count);
        for (var i = 0; i < items.Count; i += 2)
        {
            Assert.Equal(items[i], items[i + 1]);
        }
        Assert.Equal("200", await client.StringGetAsync(key + ":noise"));
    }

    [Fact]
    public async Task Connection_state_commands_are_refused_on_the_shared_connection()
    {
        await using var client = RedisClient.Create(RedisConnectionOptions.Parse("127.0.0.1:1"));

        await Assert.ThrowsAsync<ArgumentException>(() => client.ExecuteAsync("MULTI", []));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ExecuteAsync("subscribe", ["x"]));
        await Assert.ThrowsAsync<ArgumentException>(() => client.TransactionAsync([new("SELECT", ["1"])]));
        await Assert.ThrowsAsync<ArgumentException>(() => client.ExecuteAsync("CLIENT", ["reply", "off"]));
    }
}
