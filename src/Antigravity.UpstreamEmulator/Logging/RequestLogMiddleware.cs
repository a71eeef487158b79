using System.Buffers;
using System.Text;
using Antigravity.UpstreamEmulator.State;

namespace Antigravity.UpstreamEmulator.Logging;

/// <summary>
/// Records every upstream-facing request (not the control API, not health probes) with its body, masked
/// credentials, the account or key it was served for and the status code.
/// </summary>
internal sealed partial class RequestLogMiddleware(RequestDelegate next, RequestLog log, ILogger<RequestLogMiddleware> logger)
{
    private const int MaxBodyChars = 64 * 1024;
    private static readonly HashSet<string> s_secretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "x-api-key", "x-goog-api-key", "api-key", "cookie",
    };
    private static readonly HashSet<string> s_secretFormFields = new(StringComparer.Ordinal)
    {
        "refresh_token", "client_secret", "code", "code_verifier",
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (!log.Enabled || path.StartsWith("/_emulator", StringComparison.Ordinal) || path is "/" or "/health" or "/alive" or "/favicon.ico")
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        var body = await ReadBodyAsync(context.Request);
        try
        {
            await next(context);
        }
        finally
        {
            var entry = new RequestLogEntry(
                log.NextId(),
                DateTimeOffset.UtcNow,
                context.Request.Method,
                path,
                MaskQuery(context.Request.QueryString.Value),
                MaskHeaders(context.Request.Headers),
                MaskBody(body, context.Request.ContentType),
                EmulatorContext.GetCaller(context)?.Label,
                context.Response.StatusCode);
            log.Add(entry);
            if (entry.Status >= 400)
            {
                Log.AnsweredError(logger, entry.Method, entry.Path, entry.Status, entry.Account ?? "-");
            }
            else
            {
                Log.Served(logger, entry.Method, entry.Path, entry.Status, entry.Account ?? "-");
            }
        }
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
        {
            return null;
        }
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var buffer = ArrayPool<char>.Shared.Rent(MaxBodyChars);
        try
        {
            var read = await reader.ReadBlockAsync(buffer.AsMemory(0, MaxBodyChars), request.HttpContext.RequestAborted);
            request.Body.Position = 0;
            return new string(buffer, 0, read);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static Dictionary<string, string> MaskHeaders(IHeaderDictionary headers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
        {
            var value = values.ToString();
            result[name.ToLowerInvariant()] = !s_secretHeaders.Contains(name) ? value
                : name.Equals("authorization", StringComparison.OrdinalIgnoreCase) ? Masking.MaskAuthorization(value)
                : Masking.MaskSecret(value);
        }
        return result;
    }

    private static string MaskQuery(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return "";
        }
        var parts = query.TrimStart('?').Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].StartsWith("key=", StringComparison.Ordinal) || parts[i].StartsWith("access_token=", StringComparison.Ordinal))
            {
                var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
                parts[i] = parts[i][..(eq + 1)] + Masking.MaskSecret(Uri.UnescapeDataString(parts[i][(eq + 1)..]));
            }
        }
        return "?" + string.Join('&', parts);
    }

    private static string? MaskBody(string? body, string? contentType)
    {
        if (body is null || contentType is null || !contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return body;
        }
        var fields = body.Split('&');
        for (var i = 0; i < fields.Length; i++)
        {
            var eq = fields[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && s_secretFormFields.Contains(Uri.UnescapeDataString(fields[i][..eq])))
            {
                fields[i] = fields[i][..(eq + 1)] + Masking.MaskSecret(Uri.UnescapeDataString(fields[i][(eq + 1)..].Replace('+', ' ')));
            }
        }
        return string.Join('&', fields);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Method} {Path} -> {Status} (caller {Caller})")]
        public static partial void Served(ILogger logger, string method, string path, int status, string caller);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Method} {Path} answered {Status} (caller {Caller})")]
        public static partial void AnsweredError(ILogger logger, string method, string path, int status, string caller);
    }
}
