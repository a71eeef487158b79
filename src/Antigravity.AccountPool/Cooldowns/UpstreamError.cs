using System.Text.Json;

namespace Antigravity.AccountPool.Cooldowns;

/// <summary>
/// What an upstream error body says, parsed from Google's <c>{"error":{…,"details":[ErrorInfo, RetryInfo]}}</c>,
/// OAuth's <c>{"error":"invalid_grant"}</c>, or any other JSON / text (then only <see cref="Message"/>).
/// </summary>
internal sealed record UpstreamError
{
    /// <summary><c>error.status</c> (e.g. <c>RESOURCE_EXHAUSTED</c>) or the OAuth <c>error</c> code.</summary>
    public string? Status { get; init; }

    /// <summary><c>ErrorInfo.reason</c> (e.g. <c>QUOTA_EXHAUSTED</c>, <c>RATE_LIMIT_EXCEEDED</c>, <c>VALIDATION_REQUIRED</c>).</summary>
    public string? Reason { get; init; }

    /// <summary><c>ErrorInfo.metadata.quotaResetDelay</c>.</summary>
    public TimeSpan? QuotaResetDelay { get; init; }

    /// <summary><c>ErrorInfo.metadata.quotaResetTimeStamp</c>, when given instead of a delay.</summary>
    public DateTimeOffset? QuotaResetTime { get; init; }

    /// <summary><c>RetryInfo.retryDelay</c>.</summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <summary>A verification URL (<c>validation_url</c>, <c>validationUrl</c>, or <c>metadata.validation_url</c>).</summary>
    public string? ValidationUrl { get; init; }

    /// <summary><c>error.message</c> or <c>error_description</c>, shortened.</summary>
    public string? Message { get; init; }

    /// <summary>True when the body mentions a validation requirement.</summary>
    public bool ValidationRequired { get; init; }

    /// <summary>Parses <paramref name="body"/>; never throws.</summary>
    public static UpstreamError Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new UpstreamError();
        }
        var mentionsValidation = body.Contains("VALIDATION_REQUIRED", StringComparison.Ordinal)
            || body.Contains("validation_url", StringComparison.OrdinalIgnoreCase)
            || body.Contains("validationUrl", StringComparison.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(body);
            var parsed = FromJson(document.RootElement);
            return parsed with { ValidationRequired = mentionsValidation || parsed.ValidationUrl is not null || parsed.Reason == "VALIDATION_REQUIRED" };
        }
        catch (JsonException)
        {
            return new UpstreamError { Message = Shorten(body), ValidationRequired = mentionsValidation };
        }
    }

    private static UpstreamError FromJson(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
        {
            root = root[0]; // some Google front ends wrap the error in an array
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new UpstreamError { Message = Shorten(root.GetRawText()) };
        }
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
        {
            // OAuth: {"error":"invalid_grant","error_description":"…"}
            return new UpstreamError { Status = error.GetString(), Message = Shorten(StringOf(root, "error_description") ?? error.GetString()) };
        }
        if (error.ValueKind != JsonValueKind.Object)
        {
            return new UpstreamError { Message = Shorten(StringOf(root, "message") ?? root.GetRawText()), ValidationUrl = FindValidationUrl(root) };
        }

        string? reason = null;
        TimeSpan? quotaResetDelay = null;
        DateTimeOffset? quotaResetTime = null;
        TimeSpan? retryDelay = null;
        var validationUrl = FindValidationUrl(error);
        if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray())
            {
                if (detail.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }
                var type = StringOf(detail, "@type") ?? "";
                if (type.EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal))
                {
                    reason ??= StringOf(detail, "reason");
                    if (detail.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
                    {
                        quotaResetDelay ??= GoogleDuration.Parse(StringOf(metadata, "quotaResetDelay"));
                        if (DateTimeOffset.TryParse(StringOf(metadata, "quotaResetTimeStamp"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var resetAt))
                        {
                            quotaResetTime ??= resetAt;
                        }
                        validationUrl ??= FindValidationUrl(metadata);
                    }
                }
                else if (type.EndsWith("google.rpc.RetryInfo", StringComparison.Ordinal))
                {
                    retryDelay ??= GoogleDuration.Parse(StringOf(detail, "retryDelay"));
                }
            }
        }
        return new UpstreamError
        {
            Status = StringOf(error, "status"),
            Reason = reason,
            QuotaResetDelay = quotaResetDelay,
            QuotaResetTime = quotaResetTime,
            RetryDelay = retryDelay,
            ValidationUrl = validationUrl,
            Message = Shorten(StringOf(error, "message")),
        };
    }

    private static string? FindValidationUrl(JsonElement element) =>
        StringOf(element, "validation_url") ?? StringOf(element, "validationUrl");

    private static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? Shorten(string? text) =>
        text is null ? null : text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");
}
