namespace Antigravity.Gateway.Upstream;

/// <summary>Pure decisions of the failover loop (no I/O).</summary>
internal static class FailoverPolicy
{
    /// <summary>The lease kinds this engine can call.</summary>

    /// <summary>True when the next base URL of the same account should be tried (0 = network error).</summary>
    public static bool TryNextBaseUrl(int status) => status is 0 or 404 or 408 or >= 500;

    /// <summary>True when the outcome must go to the pool and the account may be switched (0 = network error).</summary>
    public static bool IsAccountFailure(int status) => status is 0 or 401 or 403 or 408 or 429 or >= 500;

    /// <summary>Quota failures do not use up the attempt budget.</summary>
    public static bool IsQuotaFailure(int status) => status == 429;

    /// <summary>True when another attempt may start after <paramref name="countedAttempts"/> counted failures.</summary>
    public static bool MayRetry(int countedAttempts, int maxAttempts) => countedAttempts < Math.Max(1, maxAttempts);

    /// <summary>The client error for an upstream failure that ends the request.</summary>
    public static Errors.ApiError ToClientError(int status, string? upstreamMessage, int? retryAfterSeconds)
    {
        var detail = string.IsNullOrWhiteSpace(upstreamMessage) ? "" : " " + upstreamMessage.Trim();
        return status switch
        {
            0 => new(502, Errors.ApiErrorKind.BadGateway, "The upstream could not be reached; try again.", "upstream_unreachable"),
            400 => new(400, Errors.ApiErrorKind.InvalidRequest, "The upstream rejected the request:" + detail, "invalid_request"),
            404 => new(404, Errors.ApiErrorKind.NotFound, "The upstream does not know the model:" + detail, "model_not_found"),
            413 => new(413, Errors.ApiErrorKind.RequestTooLarge, "The upstream says the request is too large:" + detail, "request_too_large"),
            429 => AllExhausted(retryAfterSeconds ?? DefaultRetryAfterSeconds),
            401 or 403 => new(502, Errors.ApiErrorKind.BadGateway, $"Every account tried was refused by the upstream ({status}):" + detail, "upstream_auth_failed"),
            503 or 529 => new(503, Errors.ApiErrorKind.Overloaded, "The upstream is overloaded; try again shortly." + detail, "upstream_overloaded"),
            504 or 408 => new(504, Errors.ApiErrorKind.Timeout, "The upstream timed out." + detail, "upstream_timeout"),
            _ => new(502, Errors.ApiErrorKind.BadGateway, $"The upstream failed ({status})." + detail, "upstream_error"),
        };
    }

    /// <summary>Retry-After when nothing (header, quota reset, pool cooldown) says when an account is back.</summary>
    public const int DefaultRetryAfterSeconds = 60;

    /// <summary>404 naming a model no account serves, and where the served ones are listed.</summary>
    public static Errors.ApiError UnknownModel(string model) => new(
        404,
        Errors.ApiErrorKind.NotFound,
        $"The model '{model}' is not served by any account of this gateway; GET /v1/models (or /v1beta/models) lists the models it serves.",
        "model_not_found");

    /// <summary>429 with <c>Retry-After</c>: every account is cooling.</summary>
    public static Errors.ApiError AllExhausted(int retryAfterSeconds, string? poolMessage = null) => new(
        429,
        Errors.ApiErrorKind.RateLimited,
        $"All accounts exhausted or rate-limited; retry after {Math.Max(1, retryAfterSeconds)} seconds." + (string.IsNullOrWhiteSpace(poolMessage) ? "" : " " + poolMessage),
        "rate_limit_exceeded",
        Math.Max(1, retryAfterSeconds));

    /// <summary>Seconds from a <c>Retry-After</c> value (delta seconds or an HTTP date), or null.</summary>
    public static int? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
        }
        return DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date)
            ? Math.Max(0, (int)Math.Ceiling((date - now).TotalSeconds))
            : null;
    }

    /// <summary>The <c>error.message</c> of a Google / OpenAI / Anthropic error body, or null.</summary>
    public static string? ExtractMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == System.Text.Json.JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }
            if (root.ValueKind == System.Text.Json.JsonValueKind.Object
                && root.TryGetProperty("error", out var error)
                && error.ValueKind == System.Text.Json.JsonValueKind.Object
                && error.TryGetProperty("message", out var message)
                && message.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                return message.GetString();
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return null;
    }
}
