namespace Antigravity.IntegrationTests.Faults;

/// <summary>What the body of one answer was, as a client would judge it.</summary>
public enum BodyShape
{
    /// <summary>No HTTP answer at all (connection refused or reset, or nothing within the client's timeout).</summary>
    None,

    /// <summary>A <c>chat.completion</c> object with the assistant's text.</summary>
    Completion,

    /// <summary>An event stream of <c>chat.completion.chunk</c>s ending in <c>data: [DONE]</c>.</summary>
    Stream,

    /// <summary>A stream that began (status 200) and ended with an OpenAI error event.</summary>
    StreamErrorEvent,

    /// <summary>A stream that began (status 200) and was cut without an end.</summary>
    StreamCut,

    /// <summary>An OpenAI error, <c>{"error":{"message","type","code"}}</c>.</summary>
    OpenAiError,

    /// <summary>Anything else (not what the status promises, not JSON, another shape).</summary>
    Other,
}

/// <summary>One request of the load and what came back, times measured from the start of the load.</summary>
/// <param name="Client">Which of the concurrent clients sent it.</param>
/// <param name="Streaming">Whether it asked for a stream.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="Duration">How long until the whole answer was read (or the failure).</param>
/// <param name="Status">The HTTP status, 0 when no answer came.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> header, if any.</param>
/// <param name="Shape">What the body was.</param>
/// <param name="ErrorCode">The OpenAI error's <c>code</c> (or <c>type</c>), for errors.</param>
/// <param name="StackTrace">The body contains exception text or a stack frame.</param>
/// <param name="LeakedSecret">The name of a secret the body contains, if any.</param>
/// <param name="Failure">Why no (whole) answer came, for <see cref="BodyShape.None"/> and cut streams.</param>
/// <param name="Replica">The gateway instance that answered (<c>x-antigravity-replica</c>).</param>
/// <param name="RequestId">The answer's <c>x-request-id</c>, to find the request in the services' logs.</param>
/// <param name="Body">The start of the body, for failure messages.</param>
public sealed record LoadAnswer(
    int Client,
    bool Streaming,
    TimeSpan SentAt,
    TimeSpan Duration,
    int Status,
    string? RetryAfter,
    BodyShape Shape,
    string? ErrorCode,
    bool StackTrace,
    string? LeakedSecret,
    string? Failure,
    string? Replica,
    string? RequestId,
    string Body)
{
    /// <summary>When the answer was complete.</summary>
    public TimeSpan AnsweredAt => SentAt + Duration;

    /// <summary>A complete, well-formed 2xx answer.</summary>
    public bool IsSuccess => Status is >= 200 and < 300 && Shape is BodyShape.Completion or BodyShape.Stream;

    /// <summary>One line for a failure message.</summary>
    public override string ToString() =>
        $"client {Client}{(Streaming ? " (stream)" : "")} sent at {SentAt.TotalSeconds:F2} s, {Duration.TotalSeconds:F2} s: " +
        $"{(Status == 0 ? "no answer" : Status.ToString(System.Globalization.CultureInfo.InvariantCulture))} {Shape}" +
        $"{(ErrorCode is null ? "" : " " + ErrorCode)}{(RetryAfter is null ? "" : " Retry-After " + RetryAfter)}" +
        $"{(Failure is null ? "" : " (" + Failure + ")")}{(Replica is null ? "" : " from " + Replica)}{(RequestId is null ? "" : " " + RequestId)}: {Body}";
}
