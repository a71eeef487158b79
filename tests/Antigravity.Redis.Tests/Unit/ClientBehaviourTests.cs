using System.Diagnostics;
using Antigravity.Redis.Tests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.Redis.Tests.Unit;

/// <summary>Client behaviour checked against a scripted server or no server at all.</summary>
public sealed class ClientBehaviourTests
{
    [Fact]
    public async Task A_command_without_a_reply_times_out_with_the_endpoint_in_the_message()
    {
        await using var server = ScriptedRespServer.AnsweringHandshake(_ => null);
        await using var client = await RedisClient.ConnectAsync(
            RedisConnectionOptions.Parse(server.ConnectionString + ",syncTimeout=300,abortConnect=true"));

        var started = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RedisTimeoutException>(() => client.StringGetAsync("k"));

        Assert.Contains($"127.0.0.1:{server.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("GET", error.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task A_server_that_stops_answering_is_dropped_and_reconnected()
    {
        var silent = 1;
        await using var server = ScriptedRespServer.AnsweringHandshake(command => Volatile.Read(ref silent) == 1 ? null : "$2\r\nok\r\n");
        await using var client = await RedisClient.ConnectAsync(
            RedisConnectionOptions.Parse(server.ConnectionString + ",syncTimeout=300,abortConnect=true"));
        var states = new List<bool>();
        client.ConnectionStateChanged += (_, e) => { lock (states) { states.Add(e.IsConnected); } };

        await Assert.ThrowsAsync<RedisTimeoutException>(() => client.StringGetAsync("k"));

        // Nothing came back for a whole timeout: the connection is dropped and a fresh one made. (On a busy
        // machine the fresh one may be dropped again while the server stays silent; what matters is a drop
        // followed by a reconnect, and that the client answers once the server does.)
        await Eventually.WaitUntilAsync(() =>
            {
                lock (states)
                {
                    var drop = states.IndexOf(false);
                    return drop >= 0 && states.IndexOf(true, drop) > drop;
                }
            },
            TimeSpan.FromSeconds(10), "the client replaced the silent connection");
        Volatile.Write(ref silent, 0);
        await Eventually.WaitUntilAsync(async () =>
            {
                try
                {
                    return await client.StringGetAsync("k") == "ok";
                }
                catch (RedisConnectionException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(10), "the reconnected client to answer");
    }

    [Fact]
    public async Task A_server_that_accepts_but_never_answers_fails_the_connect_within_the_connect_timeout()
    {
        await using var server = new ScriptedRespServer(_ => null);

        var started = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisClient.ConnectAsync(
            RedisConnectionOptions.Parse(server.ConnectionString + ",connectTimeout=500,abortConnect=true")));

        Assert.Contains($"127.0.0.1:{server.Port}", error.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task Calls_made_right_after_create_wait_for_the_first_connection()
    {
        await using var server = ScriptedRespServer.AnsweringHandshake(command => command[0] == "GET" ? "$5\r\nfirst\r\n" : null);
        await using var client = RedisClient.Create(RedisConnectionOptions.Parse(server.ConnectionString));

        Assert.Equal("first", await client.StringGetAsync("k"));
    }

    [Fact]
    public async Task An_aborted_watch_returns_null()
    {
        await using var server = ScriptedRespServer.AnsweringHandshake(command => command[0] switch
        {
            "WATCH" or "MULTI" => "+OK\r\n",
            "EXEC" => "*-1\r\n",
            _ => "+QUEUED\r\n",
        });
        await using var client = await RedisClient.ConnectAsync(RedisConnectionOptions.Parse(server.ConnectionString + ",abortConnect=true"));

        var result = await client.TransactionAsync([new("SET", ["k", "v"])], watchKeys: ["k"]);

        Assert.Null(result);
    }

    [Fact]
    public async Task Disposing_the_client_fails_calls_still_waiting_for_a_reply()
    {
        await using var server = ScriptedRespServer.AnsweringHandshake(_ => null);
        var client = await RedisClient.ConnectAsync(RedisConnectionOptions.Parse(server.ConnectionString + ",syncTimeout=60000,abortConnect=true"));
        var waiting = client.StringGetAsync("never-answered");

        await client.DisposeAsync();

        await Assert.ThrowsAsync<RedisConnectionException>(() => waiting);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.StringGetAsync("k"));
    }

    [Fact]
    public async Task Connecting_with_abort_connect_to_a_closed_port_throws_naming_the_endpoint()
    {
        var port = FreePort.Next();

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisClient.ConnectAsync(
            RedisConnectionOptions.Parse($"127.0.0.1:{port},password=topsecret,abortConnect=true,connectTimeout=2000")));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_abort_connect_the_client_starts_disconnected_and_fails_fast()
    {
        var port = FreePort.Next();
        await using var client = await RedisClient.ConnectAsync(
            RedisConnectionOptions.Parse($"127.0.0.1:{port},password=topsecret,syncTimeout=30000"));

        Assert.False(client.IsConnected);
        var started = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => client.StringGetAsync("k"));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"failing took {started.Elapsed}; it must not wait for the 30 s command timeout");
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", error.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<RedisConnectionException>(() => client.SubscribeAsync("c", (_, _) => { }));
    }

    [Fact]
    public async Task A_server_that_sends_unrequested_replies_is_disconnected_not_trusted()
    {
        var sentGarbage = 0;
        await using var server = ScriptedRespServer.AnsweringHandshake(command =>
            command[0] == "GET" && Interlocked.Exchange(ref sentGarbage, 1) == 0 ? "$1\r\na\r\n$1\r\nb\r\n" : "$1\r\nz\r\n");
        await using var client = await RedisClient.ConnectAsync(RedisConnectionOptions.Parse(server.ConnectionString + ",abortConnect=true"));
        var states = new List<bool>();
        client.ConnectionStateChanged += (_, e) => { lock (states) { states.Add(e.IsConnected); } };

        Assert.Equal("a", await client.StringGetAsync("k"));

        // The extra reply means the stream cannot be trusted: the client drops the connection and reconnects.
        await Eventually.WaitUntilAsync(() => { lock (states) { return states.SequenceEqual([false, true]); } },
            TimeSpan.FromSeconds(10), "the client reconnected after the protocol violation");
        Assert.Equal("z", await client.StringGetAsync("k"));
    }
}
