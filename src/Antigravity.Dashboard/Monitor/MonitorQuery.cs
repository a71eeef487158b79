using System.Globalization;
using Antigravity.Contracts.Monitor;
using Antigravity.Dashboard.Endpoints;

namespace Antigravity.Dashboard.Monitor;

/// <summary>
/// Reads the monitor's query parameters (<c>errorsOnly protocol model account q before limit</c>, and
/// <c>range by</c> for statistics), refusing a bad value with the parameter's name.
/// </summary>
internal static class MonitorQuery
{
    /// <summary>Records per page unless <c>limit</c> says otherwise.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Most records per page.</summary>
    public const int MaxLimit = 500;

    /// <summary>Longest text filter accepted.</summary>
    public const int MaxTextLength = 200;

    /// <summary>The protocols a record can have.</summary>
    public static readonly IReadOnlyList<string> Protocols = ["openai", "anthropic", "gemini", "other"];

    /// <summary>Chart ranges.</summary>
    public static readonly IReadOnlyList<string> Ranges = ["hour", "day", "week"];

    /// <summary>Chart groupings.</summary>
    public static readonly IReadOnlyList<string> Groupings = ["model", "account"];

    /// <summary>The filter from the query, or the error naming the bad parameter.</summary>
    public static ApiError? TryParseFilter(IQueryCollection query, out MonitorFilter filter)
    {
        filter = new MonitorFilter();
        var errorsOnly = false;
        if (Single(query, "errorsOnly") is { } errorsText)
        {
            if (errorsText is "1" or "0")
            {
                errorsOnly = errorsText == "1";
            }
            else if (!bool.TryParse(errorsText, out errorsOnly))
            {
                return new ApiError($"errorsOnly must be true or false (got \"{Short(errorsText)}\").", "errorsOnly");
            }
        }
        string? protocol = null;
        if (Single(query, "protocol") is { Length: > 0 } protocolText)
        {
            protocol = protocolText.ToLowerInvariant();
            if (!Protocols.Contains(protocol))
            {
                return new ApiError($"protocol must be one of {string.Join(", ", Protocols)} (got \"{Short(protocolText)}\").", "protocol");
            }
        }
        if (Text(query, "model", out var model) is { } modelError)
        {
            return modelError;
        }
        if (Text(query, "account", out var account) is { } accountError)
        {
            return accountError;
        }
        if (Text(query, "q", out var text) is { } textError)
        {
            return textError;
        }
        if (Duplicate(query) is { } duplicate)
        {
            return duplicate;
        }
        filter = new MonitorFilter { ErrorsOnly = errorsOnly, Protocol = protocol, Model = model, Account = account, Text = text };
        return null;
    }

    /// <summary>The paging parameters, or the error naming the bad one.</summary>
    public static ApiError? TryParsePage(IQueryCollection query, out long? before, out int limit)
    {
        before = null;
        limit = DefaultLimit;
        if (Single(query, "before") is { Length: > 0 } beforeText)
        {
            if (!long.TryParse(beforeText, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) || cursor <= 0)
            {
                return new ApiError($"before must be a cursor from nextCursor (a positive whole number; got \"{Short(beforeText)}\").", "before");
            }
            before = cursor;
        }
        if (Single(query, "limit") is { Length: > 0 } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit)
            {
                return new ApiError($"limit must be a whole number from 1 to {MaxLimit} (got \"{Short(limitText)}\").", "limit");
            }
        }
        return null;
    }

    /// <summary>One of <paramref name="allowed"/> (default <paramref name="fallback"/>), or the error naming <paramref name="name"/>.</summary>
    public static ApiError? TryParseChoice(IQueryCollection query, string name, IReadOnlyList<string> allowed, string fallback, out string value)
    {
        value = fallback;
        if (query[name].Count > 1)
        {
            return new ApiError($"{name} may be given once.", name);
        }
        if (Single(query, name) is { Length: > 0 } text)
        {
            value = text.ToLowerInvariant();
            if (!allowed.Contains(value))
            {
                return new ApiError($"{name} must be one of {string.Join(", ", allowed)} (got \"{Short(text)}\").", name);
            }
        }
        return null;
    }

    private static ApiError? Text(IQueryCollection query, string name, out string? value)
    {
        value = Single(query, name) is { } text && text.Trim() is { Length: > 0 } trimmed ? trimmed : null;
        return value is { Length: > MaxTextLength }
            ? new ApiError($"{name} must be at most {MaxTextLength} characters.", name)
            : null;
    }

    private static ApiError? Duplicate(IQueryCollection query)
    {
        foreach (var name in (string[])["errorsOnly", "protocol", "model", "account", "q", "before", "limit"])
        {
            if (query[name].Count > 1)
            {
                return new ApiError($"{name} may be given once.", name);
            }
        }
        return null;
    }

    private static string? Single(IQueryCollection query, string name) => query[name] is { Count: > 0 } values ? values[0] : null;

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
