using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Antigravity.AppHost;
using Antigravity.Testing;
using Xunit.Abstractions;

namespace Antigravity.IntegrationTests.Faults;

/// <summary>
/// The whole application (real AppHost, two gateway replicas, the emulator as upstream) under steady client load
/// while one process is killed (<c>kill -9</c>) or hung (<c>kill -STOP</c>, then <c>kill -CONT</c>). For each fault:
/// every answer is a complete 2xx or a protocol-shaped error that says to come back (never a 500, a stack trace or a
/// secret), a hung dependency costs a client a bounded wait, the first 2xx after the fault comes within a deadline
/// (measured and printed: the figures in docs/reliability.md), and what an admin wrote just before is still there.
/// One application serves every fault of the class, one fault at a time.
/// </summary>
public sealed class WholeAppFaultTests(FaultAppFixture fixture, ITestOutputHelper output) : IClassFixture<FaultAppFixture>
{
    /// <summary>How long the application has to serve a 2xx again once the fault has ended.</summary>
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(90);

    /// <summary>How long a hung process stays stopped: longer than any deadline a client should meet.</summary>
    private static readonly TimeSpan HangLength = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The longest a request may wait while the account pool (or the Redis behind it) hangs: the gateway's lease
    /// deadline, <c>Proxy:Limits:PoolLeaseTimeoutSeconds</c> (5 s) beyond the scheduling's <c>allLimitedWaitSeconds</c>
    /// (2 s), plus 8 s for a loaded 2-core machine.
    /// </summary>
    private static readonly TimeSpan HungDependencyBound = TimeSpan.FromSeconds(5 + 2 + 8);

    /// <summary>How long after a replica's kill a request sent on one of its connections may still be reset.</summary>
    private static readonly TimeSpan ProxyNoticesADeadReplica = TimeSpan.FromSeconds(2);

    /// <summary>The instance id of the gateway replica a replica fault hit.</summary>
    private string? _faultedReplica;


    [Fact]
    public async Task Kill_9_of_redis_under_load_answers_503s_recovers_and_keeps_the_admin_writes()
    {
        var added = "";
        var run = await RunAsync("kill -9 of Redis (Garnet)", AntigravityTopology.RedisName, Signals.Kill, _ => SingleProcess(AntigravityTopology.RedisName),
            beforeFault: async admin =>
            {
                // Acknowledged just before the kill: an account added (its 201 waited for COMMITAOF).
                using var response = await admin.PostAsJsonAsync("/api/accounts", new { kind = "antigravity", refreshToken = "emulator-refresh-3", label = "added before the kill" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                added = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            });

        AssertHonest(run);
        Assert.Contains(run.During, answer => answer.Status == 503);
        var accounts = await AccountsAsync();
        Assert.True(accounts.ContainsKey(added), $"the account added just before the kill is gone; accounts: {string.Join(", ", accounts.Keys)}");
    }

    [Fact]
    public async Task Sigstop_of_redis_under_load_gives_bounded_answers_and_recovers_after_sigcont()
    {
        var run = await RunAsync("SIGSTOP of Redis (Garnet) for 20 s", AntigravityTopology.RedisName, Signals.Stop, _ => SingleProcess(AntigravityTopology.RedisName));

        AssertHonest(run);
        AssertBounded(run, HungDependencyBound);
    }

    [Fact]
    public async Task Kill_9_of_the_account_pool_under_load_answers_503s_and_recovers()
    {
        var run = await RunAsync("kill -9 of the account pool", AntigravityTopology.AccountPoolName, Signals.Kill, _ => SingleProcess(AntigravityTopology.AccountPoolName));

        AssertHonest(run);
        Assert.Contains(run.During, answer => answer.Status == 503 && answer.ErrorCode == "pool_unavailable");
    }

    [Fact]
    public async Task Sigstop_of_the_account_pool_under_load_gives_503s_within_the_lease_deadline_and_recovers_after_sigcont()
    {
        var run = await RunAsync("SIGSTOP of the account pool for 20 s", AntigravityTopology.AccountPoolName, Signals.Stop, _ => SingleProcess(AntigravityTopology.AccountPoolName));

        AssertHonest(run);
        AssertBounded(run, HungDependencyBound);
        Assert.Contains(run.During, answer => answer.Status == 503 && answer.ErrorCode == "pool_unavailable");
    }

    [Fact]
    public async Task Kill_9_of_one_gateway_replica_under_load_the_other_serves_and_the_replica_comes_back()
    {
        var run = await RunAsync("kill -9 of one of two gateway replicas", AntigravityTopology.GatewayName, Signals.Kill, BusiestGatewayReplica);

        // Requests the killed replica was serving have nobody left to answer them, nor those sent on its connections
        // before Aspire's proxy notices it is gone: only those may end without an answer (a connection reset).
        var unanswered = run.Answers.Where(answer => answer.Status == 0 || answer.Shape == BodyShape.StreamCut).ToList();
        output.WriteLine($"  without an answer: {unanswered.Count}, sent from {Offset(unanswered.Min(answer => (TimeSpan?)answer.SentAt))} to {Offset(unanswered.Max(answer => (TimeSpan?)answer.SentAt))} s after the kill");
        AssertHonest(run, mayGoUnanswered: answer => answer.SentAt <= run.Injected + ProxyNoticesADeadReplica && answer.AnsweredAt >= run.Injected);
        string Offset(TimeSpan? at) => at is { } value ? (value - run.Injected).TotalSeconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "–";
        // The load's clients keep the connections they moved to the other replica; a new client may meet the restarted one.
        var credentials = await fixture.App.ReadCredentialsAsync();
        await Eventually.WaitUntilAsync(async () =>
        {
            using var client = fixture.Gateway();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", credentials.ApiKey);
            using var response = await client.PostAsync("/v1/chat/completions", Json("""{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"new client"}]}"""));
            return response.StatusCode == HttpStatusCode.OK && response.Headers.TryGetValues("x-antigravity-replica", out var replica) && replica.Single() == _faultedReplica;
        }, RecoveryDeadline, $"a new client is served by the restarted replica {_faultedReplica}");
    }

    [Fact]
    public async Task Sigstop_of_one_gateway_replica_under_load_the_other_serves_and_held_requests_finish_after_sigcont()
    {
        var newClients = new List<string>();
        var run = await RunAsync("SIGSTOP of one of two gateway replicas for 20 s", AntigravityTopology.GatewayName, Signals.Stop, BusiestGatewayReplica,
            whileStopped: async () => newClients.AddRange(await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => NewClientAsync(TimeSpan.FromSeconds(10))))));
        output.WriteLine($"  10 new clients (one connection each) during the stop: {string.Join(", ", newClients)}");

        AssertHonest(run);
        // The other replica keeps answering while one is stopped: the new connections the proxy gives it are served at
        // once. (The load's own clients may all sit on the stopped replica, the busiest one, so they cannot show it.)
        Assert.Contains(newClients, result => result.StartsWith("200 from ", StringComparison.Ordinal) && !result.EndsWith(" " + _faultedReplica, StringComparison.Ordinal));
        // But Aspire's proxy keeps the connections it gave the stopped one (and its kernel still accepts new ones):
        // those clients wait until SIGCONT, then get their answer. Documented in docs/reliability.md.
        Assert.DoesNotContain(run.Answers, answer => answer.Status == 0);
    }

    /// <summary>
    /// Waits for the application to be healthy, lets the admin write, starts the load, waits for steady 2xx answers,
    /// sends <paramref name="signal"/> to the process <paramref name="pick"/> chooses (SIGSTOP: held for
    /// <see cref="HangLength"/>, then SIGCONT), waits for the first 2xx after the fault, for the AppHost's new process
    /// (after a kill) and for steady 2xx answers again; prints the figures and checks that nothing written before was lost.
    /// </summary>
    private async Task<FaultRun> RunAsync(string fault, string resource, int signal, Func<LoadDriver, int> pick, Func<HttpClient, Task>? beforeFault = null, Func<Task>? whileStopped = null)
    {
        await WaitUntilHealthyAsync();
        var credentials = await fixture.App.ReadCredentialsAsync();
        using var admin = await fixture.AdminAsync();
        var accountsBefore = await AccountsAsync();
        var label = $"before {fault} {Guid.NewGuid():N}";
        var labelled = fixture.AccountIds["emulator-refresh-1"];
        using (var patched = await admin.PatchAsJsonAsync($"/api/accounts/{labelled}", new { label }))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        await using var load = LoadDriver.Start(new LoadDriverOptions
        {
            Gateway = fixture.App.GetEndpoint(AntigravityTopology.GatewayName),
            ApiKey = credentials.ApiKey!,
            Secrets = Secrets(credentials),
        });
        await load.WaitForAnswersAsync(answer => answer.IsSuccess, 4 * load.Clients, TimeSpan.FromSeconds(60), "the load is served before the fault");
        if (beforeFault is not null)
        {
            await beforeFault(admin);
        }

        var pids = fixture.App.GetProcessIds(resource);
        var pid = pick(load);
        var injected = load.Now;
        var released = injected;
        Signals.Send(pid, signal);
        if (signal == Signals.Stop)
        {
            try
            {
                await Eventually.WaitUntilAsync(() => Signals.State(pid) == 'T', TimeSpan.FromSeconds(10), $"{resource} (pid {pid}) is stopped");
                var probing = whileStopped?.Invoke() ?? Task.CompletedTask;
                // The fault's length, not a wait for something: the process stays hung this long whatever happens.
                await Task.Delay(HangLength - (load.Now - injected));
                await probing;
            }
            finally
            {
                Signals.Send(pid, Signals.Continue);
                released = load.Now;
            }
        }
        else
        {
            await Eventually.WaitUntilAsync(() => !ProcessTable.IsAlive(pid), TimeSpan.FromSeconds(10), $"{resource} (pid {pid}) is gone");
        }

        var firstSuccess = await load.WaitForAnswerAsync(answer => answer.IsSuccess && answer.SentAt >= released, RecoveryDeadline, $"a 2xx answer after the {fault}");
        var restarted = "";
        if (signal == Signals.Kill)
        {
            // The AppHost restarts what died: as many processes as before, the killed one not among them.
            await Eventually.WaitUntilAsync(() => fixture.App.GetProcessIds(resource) is var now && now.Count == pids.Count && !now.Contains(pid), RecoveryDeadline, $"the AppHost restarts {resource}");
            var back = load.Now;
            await fixture.App.WaitForHealthyAsync(resource, RecoveryDeadline);
            restarted = $"\n  new {resource} process {(back - injected).TotalSeconds:F1} s after the kill, healthy by {(load.Now - injected).TotalSeconds:F1} s";
        }
        var settledFrom = load.Now;
        await load.WaitForAnswersAsync(answer => answer.IsSuccess && answer.SentAt >= settledFrom, 4 * load.Clients, RecoveryDeadline, $"steady 2xx answers after the {fault}");
        var run = new FaultRun(fault, await load.StopAsync(), injected, released, firstSuccess);
        output.WriteLine(run.Summary() + restarted);
        PrintSlowAnswers(run);

        // Nothing lost: the accounts, the label written just before the fault, the API key and the admin password.
        await WaitUntilHealthyAsync();
        var accountsAfter = await AccountsAsync();
        Assert.All(accountsBefore.Keys, id => Assert.True(accountsAfter.ContainsKey(id), $"account {id} is gone after the {fault}"));
        Assert.Equal(label, accountsAfter[labelled]);
        var after = await fixture.App.ReadCredentialsAsync();
        Assert.Equal(credentials.ApiKey, after.ApiKey);
        Assert.Equal(credentials.AdminPassword, after.AdminPassword);
        AssertNoSecretInLogs(credentials);
        return run;
    }

    /// <summary>One request from a new client (its own connection): "200 from &lt;replica&gt;", another status, or "no answer within …".</summary>
    private async Task<string> NewClientAsync(TimeSpan timeout)
    {
        var credentials = await fixture.App.ReadCredentialsAsync();
        using var client = fixture.Gateway();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", credentials.ApiKey);
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            using var response = await client.PostAsync("/v1/chat/completions", Json("""{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"new client"}]}"""), cancellation.Token);
            return $"{(int)response.StatusCode} from {(response.Headers.TryGetValues("x-antigravity-replica", out var replica) ? replica.Single() : "?")}";
        }
        catch (OperationCanceledException)
        {
            return $"no answer within {timeout.TotalSeconds:0} s";
        }
    }

    /// <summary>For the answers that took longest, what the gateway and the account pool logged about them.</summary>
    private void PrintSlowAnswers(FaultRun run)
    {
        var logs = fixture.App.GetLogs(AntigravityTopology.GatewayName).Concat(fixture.App.GetLogs(AntigravityTopology.AccountPoolName)).ToList();
        foreach (var answer in run.During.Where(answer => answer.Duration > TimeSpan.FromSeconds(5)).OrderByDescending(answer => answer.Duration).Take(3))
        {
            output.WriteLine("  slow: " + answer);
            foreach (var line in logs.Where(line => answer.RequestId is { } id && line.Contains(id, StringComparison.Ordinal)).Take(10))
            {
                output.WriteLine("    " + line);
            }
        }
    }

    /// <summary>
    /// Every answer is a complete 2xx, or a 502/503 OpenAI error (a 503 with Retry-After), or — only where
    /// <paramref name="mayGoUnanswered"/> says so — no answer; none holds a stack trace or a secret.
    /// </summary>
    private void AssertHonest(FaultRun run, Func<LoadAnswer, bool>? mayGoUnanswered = null)
    {
        var wrong = run.Answers.Where(answer => !IsHonest(answer, mayGoUnanswered)).ToList();
        if (wrong.Count > 0)
        {
            output.WriteLine($"{wrong.Count} answers that should not be:\n  " + string.Join("\n  ", wrong.Take(20)));
        }
        Assert.True(wrong.Count == 0, $"{run.Fault}: {wrong.Count} of {run.Answers.Count} answers are not a 2xx or a protocol-shaped 502/503, e.g.\n  {string.Join("\n  ", wrong.Take(5))}");
        Assert.True(run.RecoveryTime < RecoveryDeadline, $"first 2xx {run.RecoveryTime.TotalSeconds:F1} s after the fault ended");
    }

    private static bool IsHonest(LoadAnswer answer, Func<LoadAnswer, bool>? mayGoUnanswered)
    {
        if (answer.StackTrace || answer.LeakedSecret is not null)
        {
            return false;
        }
        return answer.Status switch
        {
            0 => mayGoUnanswered?.Invoke(answer) == true,
            >= 200 and < 300 => answer.IsSuccess || answer.Shape == BodyShape.StreamErrorEvent
                || (answer.Shape == BodyShape.StreamCut && mayGoUnanswered?.Invoke(answer) == true),
            502 => answer.Shape == BodyShape.OpenAiError,
            503 => answer.Shape == BodyShape.OpenAiError && answer.RetryAfter is not null,
            _ => false,
        };
    }

    /// <summary>Every request sent or in flight while the process hung got its answer within <paramref name="bound"/>.</summary>
    private static void AssertBounded(FaultRun run, TimeSpan bound)
    {
        var slow = run.Answers.Where(answer => answer.AnsweredAt >= run.Injected && answer.SentAt <= run.Released && answer.Duration > bound).ToList();
        Assert.True(slow.Count == 0, $"{run.Fault}: {slow.Count} answers took longer than {bound.TotalSeconds:0} s, e.g.\n  {string.Join("\n  ", slow.Take(5))}");
    }

    private IReadOnlyDictionary<string, string> Secrets(AntigravityCredentials credentials) => new Dictionary<string, string>
    {
        ["the API key"] = credentials.ApiKey ?? "",
        ["the admin password"] = credentials.AdminPassword ?? "",
        ["refresh token 1"] = "emulator-refresh-1",
        ["refresh token 2"] = "emulator-refresh-2",
        ["refresh token 3"] = "emulator-refresh-3",
        ["an access token"] = "ya29.",
    };

    /// <summary>No service (nor Redis) wrote a secret into its console, the AppHost's notes included.</summary>
    private void AssertNoSecretInLogs(AntigravityCredentials credentials)
    {
        foreach (var resource in new[] { AntigravityTopology.RedisName, AntigravityTopology.AccountPoolName, AntigravityTopology.GatewayName, AntigravityTopology.DashboardName })
        {
            foreach (var (name, secret) in Secrets(credentials))
            {
                var line = fixture.App.GetLogs(resource).FirstOrDefault(line => line.Contains(secret, StringComparison.Ordinal));
                Assert.True(line is null, $"{name} is in the {resource} log: {line}");
            }
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        foreach (var resource in new[] { AntigravityTopology.RedisName, AntigravityTopology.AccountPoolName, AntigravityTopology.GatewayName, AntigravityTopology.DashboardName })
        {
            await fixture.App.WaitForHealthyAsync(resource, RecoveryDeadline);
        }
        await Eventually.WaitUntilAsync(() => fixture.App.GetProcessIds(AntigravityTopology.GatewayName).Count == FaultAppFixture.GatewayReplicas, RecoveryDeadline, "both gateway replicas run");
    }

    /// <summary>Account id → label, as the dashboard's admin API lists them.</summary>
    private async Task<Dictionary<string, string?>> AccountsAsync()
    {
        using var admin = await fixture.AdminAsync();
        JsonArray? accounts = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            using var response = await admin.GetAsync(new Uri("/api/accounts", UriKind.Relative));
            accounts = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonArray>() : null;
            return accounts is not null;
        }, RecoveryDeadline, "the dashboard lists the accounts");
        return accounts!.ToDictionary(account => account!["id"]!.GetValue<string>(), account => account!["label"]?.GetValue<string>(), StringComparer.Ordinal);
    }

    private int SingleProcess(string resource) => Assert.Single(fixture.App.GetProcessIds(resource));

    /// <summary>
    /// The gateway replica that served most of the load so far (so that the fault meets clients): its process is
    /// the one whose <c>OTEL_RESOURCE_ATTRIBUTES</c> names the instance id the answers carry in <c>x-antigravity-replica</c>.
    /// </summary>
    private int BusiestGatewayReplica(LoadDriver load)
    {
        var pids = fixture.App.GetProcessIds(AntigravityTopology.GatewayName);
        Assert.Equal(FaultAppFixture.GatewayReplicas, pids.Count);
        var busiest = _faultedReplica = load.Answers.Where(answer => answer.Replica is not null).GroupBy(answer => answer.Replica!).MaxBy(group => group.Count())?.Key;
        return pids.FirstOrDefault(pid => InstanceIdOf(pid) == busiest) is var found and > 0
            ? found
            : throw new InvalidOperationException($"no gateway process has instance id {busiest} (pids {string.Join(", ", pids)}: {string.Join(", ", pids.Select(InstanceIdOf))})");
    }

    private static string? InstanceIdOf(int pid) =>
        ProcessTable.Environment(pid).GetValueOrDefault("OTEL_RESOURCE_ATTRIBUTES")?.Split(',')
            .Select(attribute => attribute.Trim().Split('=', 2))
            .FirstOrDefault(parts => parts is ["service.instance.id", _])?[1];
}
