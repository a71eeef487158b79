namespace Antigravity.Contracts.Monitor;

/// <summary>Which records a monitor query returns (all conditions must hold; null = any).</summary>
public sealed record MonitorFilter
{
    /// <summary>Only failed requests (status ≥ 400 or an error).</summary>
    public bool ErrorsOnly { get; init; }

    /// <summary>Exact protocol (<c>openai</c>, <c>anthropic</c>, <c>gemini</c>, <c>other</c>), any case.</summary>
    public string? Protocol { get; init; }

    /// <summary>Part of the client or upstream model name, any case.</summary>
    public string? Model { get; init; }

    /// <summary>The account id, or part of its label, any case.</summary>
    public string? Account { get; init; }

    /// <summary>Free text found in the id, path, models, account, status or error, any case.</summary>
    public string? Text { get; init; }

    /// <summary>True when <paramref name="record"/> passes every condition.</summary>
    public bool Matches(MonitorRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (ErrorsOnly && !record.IsError)
        {
            return false;
        }
        if (Protocol is { } protocol && !string.Equals(record.Protocol, protocol, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (Model is { } model && !Contains(record.ClientModel, model) && !Contains(record.UpstreamModel, model))
        {
            return false;
        }
        if (Account is { } account && !string.Equals(record.AccountId, account, StringComparison.Ordinal) && !Contains(record.AccountLabel, account))
        {
            return false;
        }
        if (Text is { } text
            && !Contains(record.Id, text) && !Contains(record.Path, text) && !Contains(record.ClientModel, text)
            && !Contains(record.UpstreamModel, text) && !Contains(record.AccountLabel, text) && !Contains(record.AccountId, text)
            && !Contains(record.Error, text) && !Contains(record.Method, text)
            && !record.Status.ToString(System.Globalization.CultureInfo.InvariantCulture).Equals(text, StringComparison.Ordinal))
        {
            return false;
        }
        return true;
    }

    private static bool Contains(string? value, string part) => value is not null && value.Contains(part, StringComparison.OrdinalIgnoreCase);
}

/// <summary>One page of records, newest first.</summary>
/// <param name="Items">The matching records.</param>
/// <param name="NextCursor">Pass as <c>before</c> for the next page; null when the oldest record was reached.</param>
/// <param name="Scanned">How many stored records were looked at for this page.</param>
public sealed record MonitorPage(IReadOnlyList<MonitorRecord> Items, long? NextCursor, int Scanned);
