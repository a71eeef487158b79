using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Antigravity.Testing;

namespace Antigravity.IntegrationTests.Faults;

/// <summary>
/// Steady client traffic on the gateway while a test breaks something: <see cref="Clients"/> concurrent clients,
/// each on its own connections (as separate programs would be), sending small chat completions with the API key —
/// every fifth one streaming — one after the other, at most one per <see cref="Pacing"/> each so that a loaded
/// 2-core machine keeps up. Every answer is recorded with its time, status, Retry-After and body shape, and whether
/// the body holds a stack trace or one of <see cref="LoadDriverOptions.Secrets"/>.
/// </summary>
public sealed class LoadDriver : IAsyncDisposable
{
    private readonly LoadDriverOptions _options;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<LoadAnswer> _answers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<HttpClient> _clients = [];
    private readonly Task _running;

    private LoadDriver(LoadDriverOptions options)
    {
        _options = options;
        for (var i = 0; i < options.Clients; i++)
        {
            var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
            var client = new HttpClient(handler) { BaseAddress = options.Gateway, Timeout = Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
            _clients.Add(client);
        }
        _running = Task.WhenAll(_clients.Select((client, index) => Task.Run(() => ClientLoopAsync(client, index))));
    }

    /// <summary>How many clients run at once.</summary>
    public int Clients => _options.Clients;

    /// <summary>The shortest time between two requests of one client.</summary>
    public TimeSpan Pacing => _options.Pacing;

    /// <summary>Time since the load started: the clock of every <see cref="LoadAnswer"/>.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Every answer so far, in the order they completed.</summary>
    public IReadOnlyList<LoadAnswer> Answers => [.. _answers];

    /// <summary>Starts the clients at once.</summary>
    public static LoadDriver Start(LoadDriverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LoadDriver(options);
    }

    /// <summary>Waits until an answer matches, and returns the first one that does.</summary>
    public async Task<LoadAnswer> WaitForAnswerAsync(Func<LoadAnswer, bool> predicate, TimeSpan timeout, string what)
    {
        LoadAnswer? found = null;
        await Eventually.WaitUntilAsync(() => (found = _answers.Where(predicate).MinBy(answer => answer.AnsweredAt)) is not null, timeout, what);
        return found!;
    }

    /// <summary>Waits until <paramref name="count"/> answers match.</summary>
    public Task WaitForAnswersAsync(Func<LoadAnswer, bool> predicate, int count, TimeSpan timeout, string what) =>
        Eventually.WaitUntilAsync(() => _answers.Count(predicate) >= count, timeout, what);

    /// <summary>Stops sending and waits for the requests in flight to be answered (or to time out).</summary>
    public async Task<IReadOnlyList<LoadAnswer>> StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
        return Answers;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }
        await _running;
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        _stop.Dispose();
    }

    private async Task ClientLoopAsync(HttpClient client, int index)
    {
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            var sentAt = _clock.Elapsed;
            _answers.Enqueue(await SendAsync(client, index, streaming: i % 5 == 4, $"load {index}-{i}", sentAt));
            var rest = _options.Pacing - (_clock.Elapsed - sentAt);
            if (rest > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(rest, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    private async Task<LoadAnswer> SendAsync(HttpClient client, int index, bool streaming, string prompt, TimeSpan sentAt)
    {
        // Not cancelled by StopAsync: a request in flight is always waited for, up to the client's own timeout.
        using var timeout = new CancellationTokenSource(_options.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Json($$"""{"model":"{{_options.Model}}","stream":{{(streaming ? "true" : "false")}},"max_tokens":32,"messages":[{"role":"user","content":"{{prompt}}"}]}"""),
        };
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return NoAnswer(ex);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? string.Join(",", values) : null;
            var replica = response.Headers.TryGetValues("x-antigravity-replica", out var replicas) ? replicas.FirstOrDefault() : null;
            var requestId = response.Headers.TryGetValues("x-request-id", out var ids) ? ids.FirstOrDefault() : null;
            string body;
            string? failure = null;
            var complete = true;
            try
            {
                body = await response.Content.ReadAsStringAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                body = "";
                failure = Describe(ex);
                complete = false;
            }
            var (shape, code) = Classify(status, response.Content.Headers.ContentType?.MediaType, body, complete);
            return new LoadAnswer(index, streaming, sentAt, _clock.Elapsed - sentAt, status, retryAfter, shape, code,
                HasStackTrace(body), LeakedSecret(body), failure, replica, requestId, body.Length > 300 ? body[..300] + "…" : body);
        }

        LoadAnswer NoAnswer(Exception ex) =>
            new(index, streaming, sentAt, _clock.Elapsed - sentAt, 0, null, BodyShape.None, null, false, null, Describe(ex), null, null, "");
    }

    private string Describe(Exception ex) => ex switch
    {
        OperationCanceledException => $"no answer within {_options.RequestTimeout.TotalSeconds:0} s",
        HttpRequestException { HttpRequestError: var error } => $"{error}: {ex.Message}",
        _ => ex.GetType().Name + ": " + ex.Message,
    };

    /// <summary>Exception text or a .NET stack frame.</summary>
    public static bool HasStackTrace(string text) =>
        text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal);

    /// <summary>The name of the first secret <paramref name="text"/> contains, or null.</summary>
    public string? LeakedSecret(string text) =>
        _options.Secrets.FirstOrDefault(secret => secret.Value.Length > 0 && text.Contains(secret.Value, StringComparison.Ordinal)).Key;

    private static (BodyShape Shape, string? Code) Classify(int status, string? mediaType, string body, bool complete)
    {
        if (status is >= 200 and < 300 && mediaType == "text/event-stream")
        {
            return ClassifyStream(body, complete);
        }
        if (!complete)
        {
            return (BodyShape.Other, null);
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (status is >= 200 and < 300)
            {
                return root.ValueKind == JsonValueKind.Object
                    && root.TryGetProperty("object", out var kind) && kind.ValueEquals("chat.completion")
                    && root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                    && choices[0].TryGetProperty("message", out var message) && message.TryGetProperty("content", out var content)
                    && content.ValueKind == JsonValueKind.String && content.GetString()!.Length > 0
                    ? (BodyShape.Completion, null)
                    : (BodyShape.Other, null);
            }
            return IsOpenAiError(root, out var code) ? (BodyShape.OpenAiError, code) : (BodyShape.Other, null);
        }
        catch (JsonException)
        {
            return (BodyShape.Other, null);
        }
    }

    private static (BodyShape Shape, string? Code) ClassifyStream(string body, bool complete)
    {
        var data = body.Split('\n')
            .Where(line => line.StartsWith("data: ", StringComparison.Ordinal))
            .Select(line => line["data: ".Length..].TrimEnd('\r'))
            .ToList();
        foreach (var payload in data.Where(payload => payload != "[DONE]"))
        {
            try
            {
                using var document = JsonDocument.Parse(payload);
                if (IsOpenAiError(document.RootElement, out var code))
                {
                    return (BodyShape.StreamErrorEvent, code);
                }
            }
            catch (JsonException)
            {
                return (BodyShape.Other, null);
            }
        }
        if (!complete)
        {
            return (BodyShape.StreamCut, null);
        }
        return data.Count > 1 && data[^1] == "[DONE]" ? (BodyShape.Stream, null) : (BodyShape.Other, null);
    }

    private static bool IsOpenAiError(JsonElement root, out string? code)
    {
        code = null;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String
            || !error.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || !error.TryGetProperty("code", out var codeElement))
        {
            return false;
        }
        code = codeElement.ValueKind == JsonValueKind.String ? codeElement.GetString() : type.GetString();
        return true;
    }
}

/// <summary>How <see cref="LoadDriver"/> runs.</summary>
public sealed class LoadDriverOptions
{
    /// <summary>The gateway's address.</summary>
    public required Uri Gateway { get; init; }

    /// <summary>The proxy API key, sent as <c>Authorization: Bearer …</c>.</summary>
    public required string ApiKey { get; init; }

    /// <summary>Strings no answer may contain, by name (the API key, the admin password, refresh tokens…).</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>Concurrent clients.</summary>
    public int Clients { get; init; } = 8;

    /// <summary>The shortest time between two requests of one client.</summary>
    public TimeSpan Pacing { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a client waits for a whole answer before it gives up (so a hang shows as one).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The model asked for.</summary>
    public string Model { get; init; } = "gemini-2.5-flash";
}
